// Where rooms keep their documents: an append-only log of updates, folded now and then into one
// state row per room. Plain prepared statements on the hot path (no query building per update);
// Drizzle owns the schema and migrations.
import * as Y from 'yjs';
import type { Db } from '../db/index.ts';

export interface LoggedUpdate {
	room: string;
	seq: number;
	data: Uint8Array;
	userId: string | null;
	createdAt: number;
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

export class DocStore {
	#db: Db;
	#retainFrom: ((room: string) => number) | undefined;
	#rowsAfter;
	#insert;
	#state;
	#tail;
	#upsertState;
	#trim;
	#appendAll;

	/** `retainFrom` names, per room, the sequence number after which log rows must be kept even once
	 *  folded (they have not been read for the activity record yet). */
	constructor(db: Db, retainFrom?: (room: string) => number) {
		this.#db = db;
		this.#retainFrom = retainFrom;
		const sqlite = db.$client;
		this.#rowsAfter = sqlite.prepare<[string, number, number], { seq: number; data: Buffer; user_id: string | null; created_at: number }>(
			'SELECT seq, data, user_id, created_at FROM doc_updates WHERE room = ? AND seq > ? ORDER BY seq LIMIT ?'
		);
		this.#insert = sqlite.prepare(
			'INSERT INTO doc_updates (room, seq, data, user_id, created_at) VALUES (?, ?, ?, ?, ?)'
		);
		this.#state = sqlite.prepare<[string], { data: Buffer; seq: number; state_vector: Buffer | null }>(
			'SELECT data, seq, state_vector FROM doc_states WHERE room = ?'
		);
		this.#tail = sqlite.prepare<[string, number], { data: Buffer; seq: number }>(
			'SELECT data, seq FROM doc_updates WHERE room = ? AND seq > ? ORDER BY seq'
		);
		this.#upsertState = sqlite.prepare(
			'INSERT INTO doc_states (room, data, state_vector, seq, updated_at) VALUES (?, ?, ?, ?, ?) ' +
				'ON CONFLICT (room) DO UPDATE SET data = excluded.data, state_vector = excluded.state_vector, ' +
				'seq = excluded.seq, updated_at = excluded.updated_at'
		);
		this.#trim = sqlite.prepare('DELETE FROM doc_updates WHERE room = ? AND seq <= ?');
		this.#appendAll = sqlite.transaction((rows: LoggedUpdate[]) => {
			for (const r of rows) this.#insert.run(r.room, r.seq, r.data, r.userId, r.createdAt);
		});
	}

	load(room: string): StoredRoom {
		const state = this.#state.get(room);
		const compactedSeq = state?.seq ?? 0;
		const tail = this.#tail.all(room, compactedSeq);
		const updates: Uint8Array[] = state ? [state.data] : [];
		for (const row of tail) updates.push(row.data);
		const stateVector = state?.state_vector && tail.length === 0 ? state.state_vector : null;
		return { updates, stateVector, seq: tail.at(-1)?.seq ?? compactedSeq, compactedSeq };
	}

	/** Appends the updates of one tick in one transaction. */
	append(rows: LoggedUpdate[]): void {
		this.#appendAll(rows);
	}

	/** Replaces the state row with `state` (which holds every update up to `seq`) and drops that
	 *  part of the log, atomically: all of it except rows the activity record has not read yet. */
	compact(room: string, state: Uint8Array, stateVector: Uint8Array, seq: number): void {
		this.#db.$client.transaction(() => {
			this.#upsertState.run(room, state, stateVector, seq, Date.now());
			this.#trim.run(room, Math.min(seq, this.#retainFrom?.(room) ?? seq));
		})();
	}

	/** Log rows after `seq`, oldest first, at most `limit` of them. */
	rowsAfter(room: string, seq: number, limit = 5000): LogRow[] {
		return this.#rowsAfter.all(room, seq, limit).map((r) => ({ seq: r.seq, data: r.data, userId: r.user_id, createdAt: new Date(r.created_at) }));
	}

	/** Drops log rows up to `seq` that are already folded into the state row. */
	trimFolded(room: string, seq: number): void {
		const folded = this.#state.get(room)?.seq ?? 0;
		this.#trim.run(room, Math.min(seq, folded));
	}
}
