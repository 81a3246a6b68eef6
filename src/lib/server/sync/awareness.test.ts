import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { PresenceRefused, authenticAwareness, type Speaker } from './awareness.ts';

function update(
	entries: [clientId: number, clock: number, state: string][],
	trailing = false
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const [id, clock, state] of entries) {
		encoding.writeVarUint(encoder, id);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, state);
	}
	if (trailing) encoding.writeVarUint(encoder, 7);
	return encoding.toUint8Array(encoder);
}

const me: Speaker = { userId: 'u1', name: '李敏', mayPresent: true };
const other: Speaker = { userId: 'u2', name: '王建国', mayPresent: false };
/** Client 1 was announced by `me`, client 2 by `other`. */
const owners = new Map<number, Speaker>([
	[1, me],
	[2, other]
]);
const ownerOf = (id: number) => !owners.has(id) || owners.get(id) === me;
const ownerOfOther = (id: number) => !owners.has(id) || owners.get(id) === other;

describe('authenticAwareness', () => {
	it('sets the person of each state to the one signed in, keeping the rest', () => {
		const out = authenticAwareness(
			update([[1, 3, '{"user":{"id":"u2","name":"假","color":"red"},"editing":{"item":"a"}}']]),
			me,
			ownerOf
		);
		expect(out).toEqual(
			update([[1, 3, '{"user":{"id":"u1","name":"李敏"},"editing":{"item":"a"}}']])
		);
	});

	it('lets a connection introduce new client ids and leave (null state)', () => {
		expect(
			authenticAwareness(
				update([
					[5, 1, '{}'],
					[1, 4, 'null']
				]),
				me,
				ownerOf
			)
		).toEqual(
			update([
				[5, 1, '{}'],
				[1, 4, 'null']
			])
		);
	});

	it("drops states of another connection's clients (echoed or forged)", () => {
		expect(authenticAwareness(update([[2, 9, 'null']]), me, ownerOf)).toBeNull();
		expect(
			authenticAwareness(
				update([
					[2, 9, '{"user":{}}'],
					[1, 2, '{}']
				]),
				me,
				ownerOf
			)
		).toEqual(update([[1, 2, '{}']]));
	});

	it('keeps what a secretary presents and removes it from anyone else’s state', () => {
		const showing = '"showing":{"view":"plan","item":"p1","meeting":"m1"}';
		expect(
			authenticAwareness(
				update([[1, 5, `{"user":{"id":"u1","name":"李敏"},${showing}}`]]),
				me,
				ownerOf
			)
		).toEqual(update([[1, 5, `{"user":{"id":"u1","name":"李敏"},${showing}}`]]));
		expect(
			authenticAwareness(
				update([[2, 5, `{"user":{"id":"u2","name":"王建国"},${showing},"editing":null}`]]),
				other,
				ownerOfOther
			)
		).toEqual(update([[2, 5, '{"user":{"id":"u2","name":"王建国"},"editing":null}']]));
		// A new client of a member's connection may not present either.
		expect(authenticAwareness(update([[9, 1, `{${showing}}`]]), other, ownerOfOther)).toEqual(
			update([[9, 1, '{}']])
		);
	});

	it('throws on what is not an awareness update', () => {
		expect(() => authenticAwareness(update([[1, 1, '{']]), me, ownerOf)).toThrow();
		expect(() => authenticAwareness(update([[1, 1, '[1]']]), me, ownerOf)).toThrow();
		expect(() => authenticAwareness(update([[1, 1, '{}']], true), me, ownerOf)).toThrow();
	});

	it('refuses a state larger than presence ever needs', () => {
		const big = JSON.stringify({ user: {}, pad: 'x'.repeat(3000) });
		expect(() => authenticAwareness(update([[1, 1, big]]), me, ownerOf, 2048)).toThrow(
			PresenceRefused
		);
		expect(authenticAwareness(update([[1, 1, '{"user":{}}']]), me, ownerOf, 2048)).not.toBeNull();
	});
});
