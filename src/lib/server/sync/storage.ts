// Where rooms keep their documents: an append-only log of updates, folded now and then into one
// state row per room. `RoomStorage` is what a room needs of it and `SyncStorage` what the sync server
// needs besides (setting a room aside, the activity record's reading of the log). Each store has its
// implementation, chosen by `docStorage`: `DocStore` here for SQLite, `PgDocStore` (pg-storage.ts)
// for PostgreSQL; `MemoryStorage` (memory-storage.ts) is the one for tests. Plain SQL on the hot
// path (no query building per update); Drizzle owns the schema and migrations. Every method is
// asynchronous, as PostgreSQL's are; SQLite's answer at once.
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { Store } from '../db/index.ts';
import { PgDocStore } from './pg-storage.ts';

export interface LoggedUpdate {
	room: string;
	seq: number;
	data: Uint8Array;
	userId: string | null;
	createdAt: number;
	/** Several nodes only: the generation of this node's lease on the room's board that the room was
	 *  loaded under (cluster/lease.ts). A fenced store writes it only while that lease still holds. */
	lease?: number;
}

export interface StoredRoom {
	/** The folded state (if any) followed by the log's tail, in order. */
	updates: Uint8Array[];
	/** The state vector of the folded state, when the log has no tail (updates is just the state). */
	stateVector: Uint8Array | null;
	/** Sequence number of the last update stored for the room (0 when none). */
	seq: number;
	/** Sequence number up to which the log has been folded into the state row. */
	compactedSeq: number;
	/** Bytes of the state and the log's tail together. */
	bytes: number;
}

/** A room whose documents were set aside (see `setAsideDocs` in the schema). */
export interface SetAsideRoom {
	room: string;
	reason: string;
	at: Date;
	rows: number;
	bytes: number;
}

/** A document with nothing in it, as an update and as a state vector (what a room set aside starts from). */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);
export const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** What a room needs of storage: its state and log tail (loaded whole, before the room is made, so
 *  that no connection ever sees a half-loaded room), each tick's accepted updates appended durably,
 *  and the log folded into one state now and then. */
export interface RoomStorage {
	/** The state and the log's tail as of one moment (never a state with the tail of another). */
	load(room: string): Promise<StoredRoom>;
	/** Appends the updates of one tick, all or none: rejects when they are not stored. */
	append(rows: LoggedUpdate[]): Promise<void>;
	/** Replaces the room's state with `state` (which holds every update up to `seq`) and drops the
	 *  log rows it holds that may go. A state folded at a later `seq` is never replaced by it.
	 *  `lease`: as LoggedUpdate's. */
	compact(
		room: string,
		state: Uint8Array,
		stateVector: Uint8Array,
		seq: number,
		lease?: number
	): Promise<void>;
}

/** What the sync server needs of storage besides its rooms' (see DocStore for each). */
export interface SyncStorage extends RoomStorage {
	storedBytes(room: string): Promise<number>;
	/** `lease`: as LoggedUpdate's. */
	setAside(room: string, reason: string, now?: number, lease?: number): Promise<void>;
	setAsideRooms(): Promise<SetAsideRoom[]>;
	rowsAfter(room: string, seq: number, limit?: number): Promise<LogRow[]>;
	trimFolded(room: string, seq: number): Promise<void>;
}

/** Per room, the sequence number after which log rows must be kept even once folded (they have not
 *  been read for the activity record yet). */
export type RetainFrom = (room: string) => Promise<number>;

/** The storage of a store: SQLite's DocStore over store.sqlite, or PostgreSQL's over store.pool.
 *  `fencedBy`: several nodes only, this node's id: PostgreSQL's then writes a room only under a
 *  lease this node still holds on its board (pg-storage.ts); SQLite is one node, never fenced. */
export function docStorage(store: Store, retainFrom?: RetainFrom, fencedBy?: string): SyncStorage {
	if (store.kind === 'postgres') return new PgDocStore(store.pool, retainFrom, fencedBy);
	if (fencedBy) throw new Error('several nodes need PostgreSQL (DATABASE_URL=postgres://…)');
	return new DocStore(store.sqlite, retainFrom);
}

/** A room's stored content as one update, read without opening the room. */
export async function storedState(
	storage: Pick<RoomStorage, 'load'>,
	room: string
): Promise<Uint8Array> {
	const { updates } = await storage.load(room);
	if (updates.length <= 1) return updates[0] ?? new Uint8Array(EMPTY_UPDATE);
	const doc = replay(new Y.Doc(), updates);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return state;
}

/** Applies stored updates to a document in one transaction. Linear in the number of updates,
 *  unlike Y.mergeUpdates, which takes minutes on 100,000 small ones. */
export function replay(doc: Y.Doc, updates: Uint8Array[]): Y.Doc {
	Y.transact(doc, () => {
		for (const update of updates) Y.applyUpdate(doc, update);
	});
	return doc;
}

/** A logged update as the activity record reads it. */
export interface LogRow {
	seq: number;
	data: Uint8Array;
	userId: string | null;
	createdAt: Date;
}

/** How long DocStore waits for a transaction on the shared connection to end before it gives up:
 *  as long as the connection's own busy_timeout (db/index.ts). */
const BUSY_MS = 5000;

/**
 * SQLite's: prepared statements on the store's own better-sqlite3 connection, the one Drizzle's
 * handle runs on too. Every call runs whole, synchronously, once it starts (its writes in one
 * better-sqlite3 transaction), so nothing interleaves with it. It starts only while the connection
 * is outside any transaction: a Drizzle transaction stays open across its `await`s, and a write
 * made then would land inside it (and vanish with it if it rolled back), after being relayed.
 */
export class DocStore implements SyncStorage {
	#sqlite: Database.Database;
	#retainFrom: RetainFrom | undefined;
	#rowsAfter;
	#state;
	#tail;
	#upsertState;
	#trim;
	#appendAll;
	#setAside;
	#setAsideRooms;
	#storedBytes;

	/** `retainFrom`: see RetainFrom. */
	constructor(sqlite: Database.Database, retainFrom?: RetainFrom) {
		this.#sqlite = sqlite;
		this.#retainFrom = retainFrom;
		this.#rowsAfter = sqlite.prepare<
			[string, number, number],
			{ seq: number; data: Buffer; user_id: string | null; created_at: number }
		>(
			'SELECT seq, data, user_id, created_at FROM doc_updates WHERE room = ? AND seq > ? ORDER BY seq LIMIT ?'
		);
		const insert = sqlite.prepare(
			'INSERT INTO doc_updates (room, seq, data, user_id, created_at) VALUES (?, ?, ?, ?, ?)'
		);
		this.#state = sqlite.prepare<
			[string],
			{ data: Buffer; seq: number; state_vector: Buffer | null }
		>('SELECT data, seq, state_vector FROM doc_states WHERE room = ?');
		this.#tail = sqlite.prepare<[string, number], { data: Buffer; seq: number }>(
			'SELECT data, seq FROM doc_updates WHERE room = ? AND seq > ? ORDER BY seq'
		);
		this.#upsertState = sqlite.prepare(
			'INSERT INTO doc_states (room, data, state_vector, seq, updated_at) VALUES (?, ?, ?, ?, ?) ' +
				'ON CONFLICT (room) DO UPDATE SET data = excluded.data, state_vector = excluded.state_vector, ' +
				'seq = excluded.seq, updated_at = excluded.updated_at WHERE doc_states.seq <= excluded.seq'
		);
		this.#trim = sqlite.prepare('DELETE FROM doc_updates WHERE room = ? AND seq <= ?');
		this.#appendAll = sqlite.transaction((rows: LoggedUpdate[]) => {
			for (const r of rows) insert.run(r.room, r.seq, r.data, r.userId, r.createdAt);
		});
		const keepState = sqlite.prepare(
			"INSERT INTO set_aside_docs (room, kind, seq, data, user_id, created_at, reason, set_aside_at) SELECT room, 'state', seq, data, NULL, updated_at, ?, ? FROM doc_states WHERE room = ?"
		);
		const keepLog = sqlite.prepare(
			"INSERT INTO set_aside_docs (room, kind, seq, data, user_id, created_at, reason, set_aside_at) SELECT room, 'update', seq, data, user_id, created_at, ?, ? FROM doc_updates WHERE room = ? ORDER BY seq"
		);
		const lastSeq = sqlite.prepare<[string, string], { seq: number | null }>(
			'SELECT MAX(seq) AS seq FROM (SELECT seq FROM doc_states WHERE room = ? UNION ALL SELECT seq FROM doc_updates WHERE room = ?)'
		);
		const dropLog = sqlite.prepare('DELETE FROM doc_updates WHERE room = ?');
		const dropCursor = sqlite.prepare('DELETE FROM activity_cursors WHERE room = ?');
		this.#setAside = sqlite.transaction((room: string, reason: string, at: number) => {
			const seq = lastSeq.get(room, room)?.seq ?? 0;
			keepState.run(reason, at, room);
			keepLog.run(reason, at, room);
			dropLog.run(room);
			// The room goes on from an empty document, numbering on where it stopped; its record starts
			// again from empty too.
			this.#upsertState.run(room, EMPTY_UPDATE, EMPTY_STATE_VECTOR, seq, at);
			dropCursor.run(room);
		});
		this.#setAsideRooms = sqlite.prepare<
			[],
			{ room: string; reason: string; at: number; rows: number; bytes: number }
		>(
			'SELECT room, reason, MAX(set_aside_at) AS at, COUNT(*) AS rows, SUM(LENGTH(data)) AS bytes FROM set_aside_docs GROUP BY room, reason ORDER BY at DESC'
		);
		this.#storedBytes = sqlite.prepare<[string, string], { bytes: number | null }>(
			'SELECT (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_states WHERE room = ?) + (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_updates WHERE room = ?) AS bytes'
		);
	}

	/** Moves a room's stored documents aside, whole, so that it opens empty from now on (as the
	 *  stored rows they were, in `set_aside_docs`). */
	setAside(room: string, reason: string, now = Date.now()): Promise<void> {
		return this.#outsideTransactions(() => this.#setAside(room, reason, now));
	}

	/** Rooms set aside, newest first. */
	setAsideRooms(): Promise<SetAsideRoom[]> {
		return this.#outsideTransactions(() =>
			this.#setAsideRooms.all().map((r) => ({ ...r, at: new Date(r.at) }))
		);
	}

	/** The size of what a room has stored, without reading it. */
	storedBytes(room: string): Promise<number> {
		return this.#outsideTransactions(() => this.#storedBytes.get(room, room)?.bytes ?? 0);
	}

	load(room: string): Promise<StoredRoom> {
		return this.#outsideTransactions(() => {
			const state = this.#state.get(room);
			const compactedSeq = state?.seq ?? 0;
			const tail = this.#tail.all(room, compactedSeq);
			const updates: Uint8Array[] = state ? [state.data] : [];
			for (const row of tail) updates.push(row.data);
			const stateVector = state?.state_vector && tail.length === 0 ? state.state_vector : null;
			const bytes = updates.reduce((sum, u) => sum + u.length, 0);
			return { updates, stateVector, seq: tail.at(-1)?.seq ?? compactedSeq, compactedSeq, bytes };
		});
	}

	/** Appends the updates of one tick in one transaction. */
	append(rows: LoggedUpdate[]): Promise<void> {
		return this.#outsideTransactions(() => this.#appendAll(rows));
	}

	/** Replaces the state row with `state` (which holds every update up to `seq`) and drops that
	 *  part of the log, atomically: all of it except rows the activity record has not read yet. */
	async compact(
		room: string,
		state: Uint8Array,
		stateVector: Uint8Array,
		seq: number
	): Promise<void> {
		const keepAfter = Math.min(seq, (await this.#retainFrom?.(room)) ?? seq);
		await this.#outsideTransactions(() =>
			this.#sqlite.transaction(() => {
				this.#upsertState.run(room, state, stateVector, seq, Date.now());
				this.#trim.run(room, keepAfter);
			})()
		);
	}

	/** Log rows after `seq`, oldest first, at most `limit` of them. */
	rowsAfter(room: string, seq: number, limit = 5000): Promise<LogRow[]> {
		return this.#outsideTransactions(() =>
			this.#rowsAfter.all(room, seq, limit).map((r) => ({
				seq: r.seq,
				data: r.data,
				userId: r.user_id,
				createdAt: new Date(r.created_at)
			}))
		);
	}

	/** Drops log rows up to `seq` that are already folded into the state row. */
	trimFolded(room: string, seq: number): Promise<void> {
		return this.#outsideTransactions(() => {
			const folded = this.#state.get(room)?.seq ?? 0;
			this.#trim.run(room, Math.min(seq, folded));
		});
	}

	/** Runs `run` at once when the connection is outside any transaction (the usual case), else as
	 *  soon as it is: the check and the run are one synchronous step, so nothing can begin between.
	 *  A transaction that awaits this very call would wait forever: after BUSY_MS it is an error. */
	async #outsideTransactions<T>(run: () => T): Promise<T> {
		const since = Date.now();
		while (this.#sqlite.inTransaction) {
			if (Date.now() - since > BUSY_MS)
				throw new Error(
					`the SQLite connection stayed inside a transaction for ${BUSY_MS} ms: are documents awaited inside one?`
				);
			await new Promise((resolve) => setTimeout(resolve, 1));
		}
		return run();
	}
}
