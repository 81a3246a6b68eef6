// PostgreSQL's storage of rooms' documents: the same state-and-log contract as SQLite's DocStore
// (storage.ts), over the store's pool, in plain parameterised SQL on the tables of
// drizzle/pg/0000_init.sql. Each call that writes more than one statement is one transaction on
// one pooled connection, given back on every path. Timestamps are `timestamptz(3)` columns
// (written as Dates, from the milliseconds the sync layer keeps); counts and sums of bigints come
// back as strings and are read as numbers.
import type pg from 'pg';
import {
	EMPTY_STATE_VECTOR,
	EMPTY_UPDATE,
	type LogRow,
	type LoggedUpdate,
	type RetainFrom,
	type SetAsideRoom,
	type StoredRoom,
	type SyncStorage
} from './storage.ts';

/** Rows per INSERT: five parameters each, well under PostgreSQL's 65,535 per statement. */
const ROWS_PER_INSERT = 1000;

const UPSERT_STATE =
	'INSERT INTO doc_states (room, data, state_vector, seq, updated_at) VALUES ($1, $2, $3, $4, $5) ' +
	'ON CONFLICT (room) DO UPDATE SET data = excluded.data, state_vector = excluded.state_vector, ' +
	'seq = excluded.seq, updated_at = excluded.updated_at WHERE doc_states.seq <= excluded.seq';

export class PgDocStore implements SyncStorage {
	#pool: pg.Pool;
	#retainFrom: RetainFrom | undefined;

	/** `retainFrom`: see RetainFrom (storage.ts). */
	constructor(pool: pg.Pool, retainFrom?: RetainFrom) {
		this.#pool = pool;
		this.#retainFrom = retainFrom;
	}

	/** One statement, so one snapshot: a fold landing between reading the state and reading the
	 *  tail could otherwise pair an old state with a tail already trimmed. */
	async load(room: string): Promise<StoredRoom> {
		const { rows } = await this.#pool.query<{
			folded: boolean;
			data: Buffer;
			seq: number;
			state_vector: Buffer | null;
		}>(
			'SELECT true AS folded, data, seq, state_vector FROM doc_states WHERE room = $1 ' +
				'UNION ALL SELECT false, data, seq, NULL FROM doc_updates WHERE room = $1 ' +
				'AND seq > COALESCE((SELECT seq FROM doc_states WHERE room = $1), 0) ' +
				'ORDER BY folded DESC, seq',
			[room]
		);
		const state = rows[0]?.folded ? rows[0] : undefined;
		const tail = state ? rows.slice(1) : rows;
		const compactedSeq = state?.seq ?? 0;
		const updates: Uint8Array[] = rows.map((r) => r.data);
		return {
			updates,
			stateVector: state?.state_vector && tail.length === 0 ? state.state_vector : null,
			seq: tail.at(-1)?.seq ?? compactedSeq,
			compactedSeq,
			bytes: updates.reduce((sum, u) => sum + u.length, 0)
		};
	}

	/** Appends the updates of one tick, all or none: one statement (atomic by itself) for a tick of
	 *  up to ROWS_PER_INSERT, one transaction of several for a larger one. */
	async append(rows: LoggedUpdate[]): Promise<void> {
		if (rows.length === 0) return;
		if (rows.length <= ROWS_PER_INSERT) return void (await this.#pool.query(...insert(rows)));
		await this.#transaction(async (client) => {
			for (let at = 0; at < rows.length; at += ROWS_PER_INSERT)
				await client.query(...insert(rows.slice(at, at + ROWS_PER_INSERT)));
		});
	}

	/** As DocStore.compact: the state row replaced and the log it holds dropped, in one transaction,
	 *  except rows the activity record has not read yet. */
	async compact(
		room: string,
		state: Uint8Array,
		stateVector: Uint8Array,
		seq: number
	): Promise<void> {
		const keepAfter = Math.min(seq, (await this.#retainFrom?.(room)) ?? seq);
		await this.#transaction(async (client) => {
			await client.query(UPSERT_STATE, [room, state, stateVector, seq, new Date()]);
			await client.query('DELETE FROM doc_updates WHERE room = $1 AND seq <= $2', [
				room,
				keepAfter
			]);
		});
	}

	async storedBytes(room: string): Promise<number> {
		const { rows } = await this.#pool.query<{ bytes: string }>(
			'SELECT (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_states WHERE room = $1) + ' +
				'(SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_updates WHERE room = $1) AS bytes',
			[room]
		);
		return Number(rows[0]?.bytes ?? 0);
	}

	/** As DocStore.setAside, in one transaction. */
	async setAside(room: string, reason: string, now = Date.now()): Promise<void> {
		const at = new Date(now);
		await this.#transaction(async (client) => {
			const last = await client.query<{ seq: number | null }>(
				'SELECT MAX(seq) AS seq FROM (SELECT seq FROM doc_states WHERE room = $1 ' +
					'UNION ALL SELECT seq FROM doc_updates WHERE room = $1) AS stored',
				[room]
			);
			await client.query(
				'INSERT INTO set_aside_docs (room, kind, seq, data, user_id, created_at, reason, set_aside_at) ' +
					"SELECT room, 'state', seq, data, NULL, updated_at, $2, $3 FROM doc_states WHERE room = $1",
				[room, reason, at]
			);
			await client.query(
				'INSERT INTO set_aside_docs (room, kind, seq, data, user_id, created_at, reason, set_aside_at) ' +
					"SELECT room, 'update', seq, data, user_id, created_at, $2, $3 FROM doc_updates WHERE room = $1 ORDER BY seq",
				[room, reason, at]
			);
			await client.query('DELETE FROM doc_updates WHERE room = $1', [room]);
			// As in SQLite: the room goes on from an empty document, numbering on where it stopped.
			await client.query(UPSERT_STATE, [
				room,
				EMPTY_UPDATE,
				EMPTY_STATE_VECTOR,
				last.rows[0]?.seq ?? 0,
				at
			]);
			await client.query('DELETE FROM activity_cursors WHERE room = $1', [room]);
		});
	}

	async setAsideRooms(): Promise<SetAsideRoom[]> {
		const { rows } = await this.#pool.query<{
			room: string;
			reason: string;
			at: Date;
			rows: string;
			bytes: string;
		}>(
			'SELECT room, reason, MAX(set_aside_at) AS at, COUNT(*) AS "rows", SUM(LENGTH(data)) AS bytes ' +
				'FROM set_aside_docs GROUP BY room, reason ORDER BY at DESC'
		);
		return rows.map((r) => ({
			room: r.room,
			reason: r.reason,
			at: r.at,
			rows: Number(r.rows),
			bytes: Number(r.bytes)
		}));
	}

	async rowsAfter(room: string, seq: number, limit = 5000): Promise<LogRow[]> {
		const { rows } = await this.#pool.query<{
			seq: number;
			data: Buffer;
			user_id: string | null;
			created_at: Date;
		}>(
			'SELECT seq, data, user_id, created_at FROM doc_updates WHERE room = $1 AND seq > $2 ORDER BY seq LIMIT $3',
			[room, seq, limit]
		);
		return rows.map((r) => ({
			seq: r.seq,
			data: r.data,
			userId: r.user_id,
			createdAt: r.created_at
		}));
	}

	async trimFolded(room: string, seq: number): Promise<void> {
		await this.#pool.query(
			'DELETE FROM doc_updates WHERE room = $1 AND seq <= LEAST($2::integer, ' +
				'COALESCE((SELECT seq FROM doc_states WHERE room = $1), 0))',
			[room, seq]
		);
	}

	/** Runs `run` in one transaction on one connection of the pool, and gives the connection back:
	 *  to be reused after COMMIT or ROLLBACK, to be discarded when even ROLLBACK failed. */
	async #transaction(run: (client: pg.PoolClient) => Promise<void>): Promise<void> {
		const client = await this.#pool.connect();
		try {
			await client.query('BEGIN');
			await run(client);
			await client.query('COMMIT');
		} catch (err) {
			await client.query('ROLLBACK').then(
				() => client.release(),
				(rollbackFailed: Error) => client.release(rollbackFailed)
			);
			throw err;
		}
		client.release();
	}
}

/** One multi-row INSERT of log rows, as pg's query arguments. */
function insert(rows: LoggedUpdate[]): [string, unknown[]] {
	const values: unknown[] = [];
	const tuples = rows.map((r) => {
		const at = values.length;
		values.push(r.room, r.seq, r.data, r.userId, new Date(r.createdAt));
		return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5})`;
	});
	return [
		`INSERT INTO doc_updates (room, seq, data, user_id, created_at) VALUES ${tuples.join(', ')}`,
		values
	];
}
