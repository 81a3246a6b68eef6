import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseClaimKey } from '../model/claims.ts';
import { claim, readClaims, unclaim } from './claims.ts';

describe('claims', () => {
	it('are kept once per claimed thing, however many claim it at once', () => {
		const one = new Y.Doc();
		const two = new Y.Doc();
		claim(one, { kind: 'need', id: 'n1' }, '张医生');
		claim(two, { kind: 'need', id: 'n1' }, '李护士');
		claim(two, { kind: 'project', id: 'p1' }, '李护士');
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		expect(
			readClaims(one)
				.map((c) => `${c.kind}:${c.id}`)
				.sort()
		).toEqual(['need:n1', 'project:p1']);
		expect(readClaims(one)).toEqual(readClaims(two));
		unclaim(one, { kind: 'need', id: 'n1' });
		expect(readClaims(one).map((c) => c.id)).toEqual(['p1']);
	});

	it('ignore keys that name nothing', () => {
		expect(parseClaimKey('need:abc')).toEqual({ kind: 'need', id: 'abc' });
		for (const key of ['need:', 'unit:abc', 'need:ABC', 'need:a:b'])
			expect(parseClaimKey(key)).toBeNull();
	});
});
