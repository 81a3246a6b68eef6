import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { tempDatabase } from '../db/testing.ts';
import { DocStore, type SyncStorage } from './storage.ts';
import { MemoryStorage } from './memory-storage.ts';

let t: ReturnType<typeof tempDatabase>;
beforeEach(() => (t = tempDatabase()));
afterEach(() => t.cleanup());

function updatesFor(n: number) {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	for (let i = 0; i < n; i++) doc.getMap('m').set(`k${i}`, i);
	return { doc, updates };
}

function rebuild(updates: Uint8Array[]) {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return doc.getMap('m').toJSON();
}

/** Each store, made with `retainFrom` as DocStore takes it, and how many log rows it holds for a room. */
const STORES: {
	name: string;
	make: (retainFrom?: (room: string) => number) => SyncStorage;
	logRows: (store: SyncStorage, room: string) => number;
}[] = [
	{
		name: 'DocStore (SQLite)',
		make: (retainFrom) => new DocStore(t.db, retainFrom),
		logRows: (_store, room) =>
			t.db.$client
				.prepare<[string], { n: number }>('SELECT count(*) n FROM doc_updates WHERE room = ?')
				.get(room)!.n
	},
	{
		name: 'MemoryStorage',
		make: (retainFrom) => new MemoryStorage(retainFrom),
		logRows: (store, room) => store.rowsAfter(room, 0).length
	}
];

describe.each(STORES)('$name', ({ make, logRows }) => {
	it('loads nothing for a new room', () => {
		expect(make().load('board:x')).toEqual({
			updates: [],
			stateVector: null,
			seq: 0,
			compactedSeq: 0,
			bytes: 0
		});
	});

	it('appends updates and loads them back in order', () => {
		const store = make();
		const { doc, updates } = updatesFor(5);
		store.append(
			updates.map((data, i) => ({ room: 'board:x', seq: i + 1, data, userId: 'u1', createdAt: 1 }))
		);
		const loaded = store.load('board:x');
		expect(loaded.seq).toBe(5);
		expect(rebuild(loaded.updates)).toEqual(doc.getMap('m').toJSON());
		expect(store.load('board:y').updates).toEqual([]);
	});

	it('writes a batch all or nothing', () => {
		const store = make();
		const { updates } = updatesFor(3);
		const rows = updates.map((data, i) => ({
			room: 'board:x',
			seq: i + 1,
			data,
			userId: null,
			createdAt: 1
		}));
		rows[2]!.seq = 1; // duplicate key: the whole transaction fails
		expect(() => store.append(rows)).toThrow();
		expect(store.load('board:x').updates).toEqual([]);
	});

	it('compaction folds the log into one state row and keeps the tail', () => {
		const store = make();
		const { doc, updates } = updatesFor(10);
		store.append(
			updates
				.slice(0, 8)
				.map((data, i) => ({ room: 'board:x', seq: i + 1, data, userId: null, createdAt: 1 }))
		);
		const folded = new Y.Doc();
		for (const u of updates.slice(0, 8)) Y.applyUpdate(folded, u);
		store.compact('board:x', Y.encodeStateAsUpdate(folded), Y.encodeStateVector(folded), 8);
		const folded8 = store.load('board:x');
		expect(folded8).toMatchObject({ seq: 8, compactedSeq: 8 });
		expect(new Uint8Array(folded8.stateVector!)).toEqual(Y.encodeStateVector(folded));
		store.append(
			updates
				.slice(8)
				.map((data, i) => ({ room: 'board:x', seq: 9 + i, data, userId: null, createdAt: 1 }))
		);

		const loaded = store.load('board:x');
		expect(loaded).toMatchObject({ seq: 10, compactedSeq: 8, stateVector: null });
		expect(loaded.updates).toHaveLength(3); // state + 2 tail updates
		expect(rebuild(loaded.updates)).toEqual(doc.getMap('m').toJSON());
		expect(logRows(store, 'board:x')).toBe(2);
	});

	it('sets a room aside whole: it opens empty, numbering on, and the administrators see it', () => {
		const store = make();
		const { updates } = updatesFor(3);
		store.append(
			updates.map((data, i) => ({ room: 'board:x', seq: i + 1, data, userId: 'u1', createdAt: 1 }))
		);
		const bytes = updates.reduce((n, u) => n + u.length, 0);
		expect(store.storedBytes('board:x')).toBe(bytes);
		store.setAside('board:x', 'could not be read', 5000);
		const loaded = store.load('board:x');
		expect(loaded).toMatchObject({ seq: 3, compactedSeq: 3 });
		expect(rebuild(loaded.updates)).toEqual({});
		expect(store.setAsideRooms()).toEqual([
			{ room: 'board:x', reason: 'could not be read', at: new Date(5000), rows: 3, bytes }
		]);
		expect(store.storedBytes('board:y')).toBe(0);
	});

	it('keeps folded rows the activity record has not read, and drops them once it has', () => {
		let readUpTo = 3;
		const store = make(() => readUpTo);
		const { updates } = updatesFor(10);
		store.append(
			updates.map((data, i) => ({ room: 'board:x', seq: i + 1, data, userId: 'u1', createdAt: 1 }))
		);
		const folded = new Y.Doc();
		for (const u of updates) Y.applyUpdate(folded, u);
		store.compact('board:x', Y.encodeStateAsUpdate(folded), Y.encodeStateVector(folded), 10);
		expect(store.load('board:x').updates).toHaveLength(1); // loading still starts from the fold
		expect(store.rowsAfter('board:x', 3).map((r) => [r.seq, r.userId])).toEqual(
			[4, 5, 6, 7, 8, 9, 10].map((seq) => [seq, 'u1'])
		);
		readUpTo = 10;
		store.trimFolded('board:x', 10);
		expect(store.rowsAfter('board:x', 0)).toEqual([]);
	});
});
