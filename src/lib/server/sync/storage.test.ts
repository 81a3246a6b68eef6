// The storage contract, the same cases on each implementation: SQLite's DocStore on a real file,
// PostgreSQL's PgDocStore on a real server (started for this file, emptied before each case), and
// MemoryStorage, which the room tests stand on.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { openStore, type Store } from '../db/index.ts';
import { startPostgres, type RunningPostgres } from '../../../../tests/helpers/engines.ts';
import { docStorage, type LoggedUpdate, type RetainFrom, type SyncStorage } from './storage.ts';
import { MemoryStorage } from './memory-storage.ts';

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

function logged(updates: Uint8Array[], from = 1, userId: string | null = 'u1'): LoggedUpdate[] {
	return updates.map((data, i) => ({ room: 'board:x', seq: from + i, data, userId, createdAt: 1 }));
}

/** One implementation, set up for one case: how to make its storage (with `retainFrom` as the
 *  server passes it), how many log rows it holds for a room, and what to undo after. */
interface Subject {
	make: (retainFrom?: RetainFrom) => SyncStorage;
	logRows: (store: SyncStorage, room: string) => Promise<number>;
	done: () => Promise<void>;
}

let postgres: { server: RunningPostgres; store: Store } | null = null;
beforeAll(async () => {
	const server = await startPostgres();
	postgres = { server, store: await openStore(server.url) };
}, 120_000);
afterAll(async () => {
	await postgres?.store.close();
	await postgres?.server.stop();
});

const SUBJECTS: { name: string; open: () => Promise<Subject> }[] = [
	{
		name: 'SQLite (DocStore)',
		open: async () => {
			const dir = mkdtempSync(join(tmpdir(), 'gongjian-storage-'));
			const store = await openStore(join(dir, 'test.db'));
			if (store.kind !== 'sqlite') throw new Error('expected SQLite');
			return {
				make: (retainFrom) => docStorage(store, retainFrom),
				logRows: async (_storage, room) =>
					store.sqlite
						.prepare<[string], { n: number }>('SELECT count(*) n FROM doc_updates WHERE room = ?')
						.get(room)!.n,
				done: async () => {
					await store.close();
					rmSync(dir, { recursive: true, force: true });
				}
			};
		}
	},
	{
		name: 'PostgreSQL (PgDocStore)',
		open: async () => {
			const store = postgres!.store;
			if (store.kind !== 'postgres') throw new Error('expected PostgreSQL');
			await store.pool.query(
				'TRUNCATE doc_updates, doc_states, set_aside_docs, activity_cursors RESTART IDENTITY'
			);
			return {
				make: (retainFrom) => docStorage(store, retainFrom),
				logRows: async (_storage, room) => {
					const { rows } = await store.pool.query<{ n: string }>(
						'SELECT count(*) AS n FROM doc_updates WHERE room = $1',
						[room]
					);
					return Number(rows[0]!.n);
				},
				done: async () => {}
			};
		}
	},
	{
		name: 'MemoryStorage',
		open: async () => ({
			make: (retainFrom) => new MemoryStorage(retainFrom),
			logRows: async (storage, room) => (await storage.rowsAfter(room, 0)).length,
			done: async () => {}
		})
	}
];

describe.each(SUBJECTS)('$name', ({ open }) => {
	let subject: Subject;
	beforeEach(async () => {
		subject = await open();
	});
	afterEach(() => subject.done());

	it('loads nothing for a new room', async () => {
		expect(await subject.make().load('board:x')).toEqual({
			updates: [],
			stateVector: null,
			seq: 0,
			compactedSeq: 0,
			bytes: 0
		});
	});

	it('appends updates and loads them back in order, as logged', async () => {
		const store = subject.make();
		const { doc, updates } = updatesFor(5);
		await store.append(
			updates.map((data, i) => ({
				room: 'board:x',
				seq: i + 1,
				data,
				userId: i === 0 ? null : 'u1',
				createdAt: 1_700_000_000_123 + i
			}))
		);
		const loaded = await store.load('board:x');
		expect(loaded.seq).toBe(5);
		expect(loaded.bytes).toBe(updates.reduce((n, u) => n + u.length, 0));
		expect(rebuild(loaded.updates)).toEqual(doc.getMap('m').toJSON());
		expect((await store.load('board:y')).updates).toEqual([]);
		const rows = await store.rowsAfter('board:x', 3);
		expect(rows.map((r) => [r.seq, r.userId, r.createdAt])).toEqual([
			[4, 'u1', new Date(1_700_000_000_126)],
			[5, 'u1', new Date(1_700_000_000_127)]
		]);
		expect(new Uint8Array(rows[0]!.data)).toEqual(updates[3]);
		expect((await store.rowsAfter('board:x', 0, 2)).map((r) => [r.seq, r.userId])).toEqual([
			[1, null],
			[2, 'u1']
		]);
	});

	it('writes a batch all or nothing, however large', async () => {
		const store = subject.make();
		const { updates } = updatesFor(3);
		const rows = logged(updates, 1, null);
		rows[2]!.seq = 1; // duplicate key: the whole transaction fails
		await expect(store.append(rows)).rejects.toThrow();
		expect((await store.load('board:x')).updates).toEqual([]);

		// More rows than one statement takes: the last one fails, and takes the rest with it.
		const many = updatesFor(2500).updates;
		const large = logged(many);
		large.push({ ...large[0]! });
		await expect(store.append(large)).rejects.toThrow();
		expect(await subject.logRows(store, 'board:x')).toBe(0);
		await store.append(logged(many));
		expect((await store.load('board:x')).seq).toBe(2500);
	});

	it('compaction folds the log into one state row and keeps the tail', async () => {
		const store = subject.make();
		const { doc, updates } = updatesFor(10);
		await store.append(logged(updates.slice(0, 8), 1, null));
		const folded = new Y.Doc();
		for (const u of updates.slice(0, 8)) Y.applyUpdate(folded, u);
		await store.compact('board:x', Y.encodeStateAsUpdate(folded), Y.encodeStateVector(folded), 8);
		const folded8 = await store.load('board:x');
		expect(folded8).toMatchObject({ seq: 8, compactedSeq: 8 });
		expect(new Uint8Array(folded8.stateVector!)).toEqual(Y.encodeStateVector(folded));
		await store.append(logged(updates.slice(8), 9, null));

		const loaded = await store.load('board:x');
		expect(loaded).toMatchObject({ seq: 10, compactedSeq: 8, stateVector: null });
		expect(loaded.updates).toHaveLength(3); // state + 2 tail updates
		expect(rebuild(loaded.updates)).toEqual(doc.getMap('m').toJSON());
		expect(await subject.logRows(store, 'board:x')).toBe(2);
	});

	it('never replaces a fold with an earlier one', async () => {
		const store = subject.make();
		const { doc, updates } = updatesFor(6);
		await store.append(logged(updates));
		const early = new Y.Doc();
		for (const u of updates.slice(0, 3)) Y.applyUpdate(early, u);
		await store.compact('board:x', Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), 6);
		await store.compact('board:x', Y.encodeStateAsUpdate(early), Y.encodeStateVector(early), 3);
		const loaded = await store.load('board:x');
		expect(loaded).toMatchObject({ seq: 6, compactedSeq: 6 });
		expect(rebuild(loaded.updates)).toEqual(doc.getMap('m').toJSON());
	});

	it('sets a room aside whole: it opens empty, numbering on, and the administrators see it', async () => {
		const store = subject.make();
		const { updates } = updatesFor(3);
		await store.append(logged(updates));
		const bytes = updates.reduce((n, u) => n + u.length, 0);
		expect(await store.storedBytes('board:x')).toBe(bytes);
		await store.setAside('board:x', 'could not be read', 5000);
		const loaded = await store.load('board:x');
		expect(loaded).toMatchObject({ seq: 3, compactedSeq: 3 });
		expect(rebuild(loaded.updates)).toEqual({});
		expect(await store.setAsideRooms()).toEqual([
			{ room: 'board:x', reason: 'could not be read', at: new Date(5000), rows: 3, bytes }
		]);
		expect(await store.storedBytes('board:y')).toBe(0);
	});

	it('keeps folded rows the activity record has not read, and drops them once it has', async () => {
		let readUpTo = 3;
		const store = subject.make(async () => readUpTo);
		const { updates } = updatesFor(10);
		await store.append(logged(updates));
		const folded = new Y.Doc();
		for (const u of updates) Y.applyUpdate(folded, u);
		await store.compact('board:x', Y.encodeStateAsUpdate(folded), Y.encodeStateVector(folded), 10);
		expect((await store.load('board:x')).updates).toHaveLength(1); // loading still starts from the fold
		expect((await store.rowsAfter('board:x', 3)).map((r) => [r.seq, r.userId])).toEqual(
			[4, 5, 6, 7, 8, 9, 10].map((seq) => [seq, 'u1'])
		);
		readUpTo = 10;
		await store.trimFolded('board:x', 10);
		expect(await store.rowsAfter('board:x', 0)).toEqual([]);
	});
});

describe('SQLite beside a transaction of its own connection', () => {
	it('writes once the transaction has ended, never inside it (so never lost with it)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'gongjian-storage-'));
		const store = await openStore(join(dir, 'test.db'));
		let release = () => {};
		try {
			if (store.kind !== 'sqlite') throw new Error('expected SQLite');
			const storage = docStorage(store);
			const held = new Promise<void>((resolve) => (release = resolve));
			let begun!: () => void;
			const inside = new Promise<void>((resolve) => (begun = resolve));
			const transaction = store.db.transaction(async () => {
				begun();
				await held;
				throw new Error('rolled back');
			});
			await inside;
			expect(store.sqlite.inTransaction).toBe(true);
			let stored = false;
			const appended = storage.append(logged(updatesFor(2).updates)).then(() => (stored = true));
			await new Promise((resolve) => setTimeout(resolve, 20));
			expect(stored).toBe(false);
			release();
			await expect(transaction).rejects.toThrow('rolled back');
			await appended;
			expect((await storage.load('board:x')).seq).toBe(2);
		} finally {
			release();
			await store.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
