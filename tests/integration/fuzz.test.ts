// The sync server under a storm: 10,000 random and mutated y-protocols frames from several people's
// connections in several rooms (deep nesting, deletes of what does not exist, tombstone-heavy texts,
// presence floods, sync requests and joins over and over) while honest people edit with stock
// y-websocket clients. The server stays up and answers, the honest clients converge, and every room
// still opens after a restart with what they made.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { liveServer } from '../helpers/live.ts';
import { startServer } from '../helpers/server.ts';
import { eventually, type Client } from '../helpers/yclient.ts';
import { RawClient, presence, syncUpdateFrame } from '../helpers/raw-client.ts';
import { addItem, itemText, readItems } from '../../src/lib/board/ydoc/list.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../../src/lib/board/model/lists/index.ts';
import { meetingsRoom } from '../../src/lib/server/sync/rooms.ts';

const live = liveServer();

let state = 2026;
const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const below = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[below(items.length)]!;

const board = (doc: Y.Doc) => JSON.stringify([readItems(doc, NEEDS), readItems(doc, PLAN)]);
const sheet = (doc: Y.Doc) =>
	JSON.stringify([readItems(doc, PLEDGES), readItems(doc, COMMITMENTS)]);

/** What an attacker may send, each built afresh from the generator. */
const FRAMES: Record<string, (root: string) => Uint8Array> = {
	noise: () => Uint8Array.from({ length: 1 + below(96) }, () => below(256)),
	mutated: (root) => {
		const frame = pick([
			itemFrame(root),
			Uint8Array.of(0, 0, 1, 0),
			Uint8Array.of(1, 10, 1, 200, 1, 1, 2, 123, 125)
		]);
		for (let flips = 1 + below(4); flips > 0; flips--) frame[below(frame.length)] = below(256);
		return frame;
	},
	/** A chain of nested maps deeper than a board has. */
	deep: (root) => {
		const doc = new Y.Doc();
		let map = doc.getMap(root).set('p', new Y.Map<unknown>());
		for (let depth = 6 + below(60); depth > 0; depth--) map = map.set('m', new Y.Map<unknown>());
		return syncUpdateFrame(Y.encodeStateAsUpdate(doc));
	},
	/** No structs, a delete set for ranges of some client that may or may not exist. */
	deletion: () => {
		const encoder = encoding.createEncoder();
		for (const n of [0, 1, below(2 ** 31), 1, below(1000), 1 + below(100_000)])
			encoding.writeVarUint(encoder, n);
		return syncUpdateFrame(encoding.toUint8Array(encoder));
	},
	/** A valid item whose text was typed and deleted: all tombstones. */
	tombstones: (root) => {
		const doc = new Y.Doc();
		const spec = root === 'needs' ? NEEDS : PLEDGES;
		const id = addItem(doc, spec, { title: '墓碑' });
		const text = itemText(doc, spec, id, 'title')!;
		for (let i = 0; i < 200; i++) text.insert(below(text.length + 1), '删');
		text.delete(0, text.length);
		return syncUpdateFrame(Y.encodeStateAsUpdate(doc));
	},
	/** Presence: a small state, a state far over the limit, or one message for many client ids. */
	presence: () => {
		const roll = random();
		const payload =
			roll < 0.6
				? presence(
						1 + below(8),
						{ user: { name: '冒名', id: 'someone-else' }, cursor: below(100) },
						1 + below(1000)
					)
				: roll < 0.8
					? presence(1 + below(8), { user: { name: 'x'.repeat(4000) } })
					: manyClients(50 + below(500));
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint8Array(encoder, payload);
		return encoding.toUint8Array(encoder);
	},
	/** Sync step 1 with an empty state vector: "send me everything", again and again. */
	join: () => Uint8Array.of(0, 0, 1, 0)
};

function itemFrame(root: string): Uint8Array {
	const doc = new Y.Doc();
	addItem(doc, root === 'needs' ? NEEDS : PLEDGES, { title: '变异' });
	return syncUpdateFrame(Y.encodeStateAsUpdate(doc));
}

function manyClients(count: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, count);
	for (let id = 1; id <= count; id++) {
		encoding.writeVarUint(encoder, id);
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarString(encoder, '{}');
	}
	return encoding.toUint8Array(encoder);
}

describe('fuzzing', () => {
	it('keeps the server up, the honest clients converging and every room loading after a restart', async () => {
		const s = live.s;
		const rooms = {
			board: s.room,
			hospital: s.units.hospital.room,
			school: s.units.school.room,
			meetings: meetingsRoom(s.boardId)
		};
		// Honest people: two on the board, the school's representative on its sheet, readers of the sheet and the meetings.
		const boardWriters = [
			live.open(s.people.secretary.cookie, rooms.board),
			live.open(s.people.member.cookie, rooms.board)
		];
		const schoolWriter = live.open(s.people.schoolRep.cookie, rooms.school);
		const schoolReader = live.open(s.people.member.cookie, rooms.school);
		const meetingsReader = live.open(s.people.member.cookie, rooms.meetings);
		const honest: Client[] = [...boardWriters, schoolWriter, schoolReader, meetingsReader];
		await Promise.all(honest.map((c) => c.synced));

		// Attackers: a member on the board and the meetings, an observer (read-only) on the board, the
		// hospital's representative on its sheet.
		const attackers = [
			{ cookie: s.people.member2.cookie, room: rooms.board, root: 'needs' },
			{ cookie: s.people.member2.cookie, room: rooms.meetings, root: 'meetings' },
			{ cookie: s.people.observer.cookie, room: rooms.board, root: 'needs' },
			{ cookie: s.people.hospitalRep.cookie, room: rooms.hospital, root: 'pledges' }
		].map((a) => ({ ...a, socket: null as RawClient | null }));
		const kinds = Object.keys(FRAMES);
		let closes = 0;
		let sent = 0;
		while (sent < 10_000) {
			const attacker = pick(attackers);
			if (!attacker.socket?.open) {
				if (attacker.socket) closes++;
				const socket = new RawClient(
					live.server.wsUrl,
					attacker.room,
					attacker.cookie,
					random() < 0.5 ? '?notices=1' : ''
				);
				// A person over a limit may be refused at the door for a while; another attacker goes on.
				attacker.socket = (await socket.opened.then(() => true).catch(() => false)) ? socket : null;
				if (!attacker.socket) continue;
			}
			attacker.socket.ws.send(FRAMES[pick(kinds)]!(attacker.root));
			sent++;
			if (sent % 40 === 0) {
				const writer = pick(boardWriters);
				const needs = readItems(writer.doc, NEEDS);
				if (needs.length === 0 || random() < 0.5)
					addItem(writer.doc, NEEDS, { title: `诚实${sent}` });
				else itemText(writer.doc, NEEDS, pick(needs).id, 'title')?.insert(0, '改');
				if (random() < 0.5) addItem(schoolWriter.doc, PLEDGES, { title: `资源${sent}` });
				await new Promise((r) => setTimeout(r, 2));
			}
			if (sent % 1000 === 0) expect((await fetch(`${live.server.url}/login`)).status).toBe(200);
		}
		for (const a of attackers) a.socket?.ws.close();
		expect(closes).toBeGreaterThan(10);
		expect(live.server.process.exitCode).toBeNull();

		// The honest clients are still there and agree; a newcomer receives the same.
		await eventually(() => {
			for (const c of honest) expect(c.provider.wsconnected).toBe(true);
			expect(board(boardWriters[1]!.doc)).toBe(board(boardWriters[0]!.doc));
			expect(sheet(schoolReader.doc)).toBe(sheet(schoolWriter.doc));
		}, 30_000);
		// Nobody spoke for another person: presence carries the identity the server set.
		for (const c of honest)
			for (const presenceState of c.provider.awareness.getStates().values())
				expect(presenceState.user?.id).not.toBe('someone-else');
		expect(
			readItems(boardWriters[0]!.doc, NEEDS).filter((n) => n.title.includes('诚实')).length
		).toBeGreaterThan(50);
		const expected = { board: board(boardWriters[0]!.doc), school: sheet(schoolWriter.doc) };

		// After a restart every room opens, with what the honest people made.
		await live.server.stop();
		live.server = await startServer({
			database: s.database,
			env: { PORT: String(live.server.port) }
		});
		const reopened = Object.fromEntries(
			Object.entries(rooms).map(([key, room]) => [key, live.open(s.people.secretary.cookie, room)])
		);
		await Promise.all(Object.values(reopened).map((c) => c.synced));
		expect(board(reopened.board!.doc)).toBe(expected.board);
		expect(sheet(reopened.school!.doc)).toBe(expected.school);
		expect(() => sheet(reopened.hospital!.doc)).not.toThrow();
	}, 240_000);
});
