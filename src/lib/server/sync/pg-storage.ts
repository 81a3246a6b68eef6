// PostgreSQL's storage of rooms' documents: the same state-and-log contract as SQLite's DocStore
// (storage.ts), over the store's pool, in plain parameterised SQL on the tables of
// drizzle/pg/0000_init.sql. Each call that writes more than one statement is one transaction on
// one pooled connection, given back on every path. Timestamps are `timestamptz(3)` columns
// (written as Dates, from the milliseconds the sync layer keeps); counts and sums of bigints come
// back as strings and are read as numbers.
//
// Several nodes (cluster/): a store made `fencedBy` a node id writes a room only while that node
// still holds the lease on the room's board that the room was loaded under, checked by PostgreSQL
// beside the write (the fencing token of Kleppmann's "How to do distributed locking", as tldraw
// sync and Durable Objects rely on one owner per document): a node paused or cut off that lost its
// boards can never write to them again, whatever its clock says. The check locks the lease row
// (FOR SHARE) until the write commits, so a node taking the board over waits for the write, and
// loads it after; a write that comes after the takeover matches no lease and stores nothing.
import type pg from 'pg';
import { parseRoom } from './rooms.ts';
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

/** A write refused by the fence: this node no longer holds the lease on the board it was made
 *  under (another node owns the board now, or the lease ran out). A storage error like any other. */
export class FencedOut extends Error {
	constructor(what: string) {
		super(`${what} refused: this node no longer holds the board's lease`);
		this.name = 'FencedOut';
	}
}

export class PgDocStore implements SyncStorage {
	#pool: pg.Pool;
	#retainFrom: RetainFrom | undefined;
	#nodeId: string | null;

	/** `retainFrom`: see RetainFrom (storage.ts). `fencedBy`: this node's id, when there are several
	 *  (see above); every write then says which lease it is made under. */
	constructor(pool: pg.Pool, retainFrom?: RetainFrom, fencedBy?: string) {
		this.#pool = pool;
		this.#retainFrom = retainFrom;
		this.#nodeId = fencedBy ?? null;
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
		if (this.#nodeId) return this.#appendFenced(rows, this.#nodeId);
		if (rows.length <= ROWS_PER_INSERT) return void (await this.#pool.query(...insert(rows)));
		await this.#transaction(async (client) => {
			for (let at = 0; at < rows.length; at += ROWS_PER_INSERT)
				await client.query(...insert(rows.slice(at, at + ROWS_PER_INSERT)));
		});
	}

	/** As append, each statement inserting its rows only if every lease they were made under is still
	 *  this node's (and locking those leases until it commits); all or none, as ever. */
	async #appendFenced(rows: LoggedUpdate[], nodeId: string): Promise<void> {
		const leases = leasesOf(rows);
		const write = async (query: (text: string, values: unknown[]) => Promise<pg.QueryResult>) => {
			for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
				const chunk = rows.slice(at, at + ROWS_PER_INSERT);
				const { rowCount } = await query(...fencedInsert(chunk, leases, nodeId));
				if (rowCount !== chunk.length) throw new FencedOut('a write of updates');
			}
		};
		if (rows.length <= ROWS_PER_INSERT)
			return write((text, values) => this.#pool.query(text, values));
		await this.#transaction((client) => write((text, values) => client.query(text, values)));
	}

	/** Several nodes: that `lease` on `room`'s board is still this node's, its row locked until the
	 *  transaction of `client` ends; else FencedOut. One node: nothing to check. */
	async #fence(client: pg.PoolClient, room: string, lease: number | undefined, what: string) {
		if (!this.#nodeId) return;
		const boardId = parseRoom(room)?.boardId;
		if (lease === undefined || !boardId) throw new FencedOut(what);
		const { rowCount } = await client.query(
			'SELECT 1 FROM board_owners WHERE board_id = $1 AND node_id = $2 AND generation = $3 ' +
				'AND expires_at > now() FOR SHARE',
			[boardId, this.#nodeId, lease]
		);
		if (!rowCount) throw new FencedOut(what);
	}

	/** As DocStore.compact: the state row replaced and the log it holds dropped, in one transaction,
	 *  except rows the activity record has not read yet. */
	async compact(
		room: string,
		state: Uint8Array,
		stateVector: Uint8Array,
		seq: number,
		lease?: number
	): Promise<void> {
		const keepAfter = Math.min(seq, (await this.#retainFrom?.(room)) ?? seq);
		await this.#transaction(async (client) => {
			await this.#fence(client, room, lease, 'a fold');
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
	async setAside(room: string, reason: string, now = Date.now(), lease?: number): Promise<void> {
		const at = new Date(now);
		await this.#transaction(async (client) => {
			await this.#fence(client, room, lease, 'setting a room aside');
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

/** The distinct leases (board, generation) a batch of rows was made under; a row without one is
 *  refused, since a fenced store writes nothing it cannot check. */
function leasesOf(rows: LoggedUpdate[]): { boards: string[]; generations: number[] } {
	const seen = new Map<string, { board: string; generation: number }>();
	for (const row of rows) {
		const board = parseRoom(row.room)?.boardId;
		if (row.lease === undefined || !board) throw new FencedOut('a write of updates');
		seen.set(`${board} ${row.lease}`, { board, generation: row.lease });
	}
	const leases = [...seen.values()];
	return { boards: leases.map((l) => l.board), generations: leases.map((l) => l.generation) };
}

/** One multi-row INSERT of log rows that inserts them only if every one of `leases` is held by
 *  `nodeId` now (the count of those found, and locked, is the count asked for): as pg's arguments. */
function fencedInsert(
	rows: LoggedUpdate[],
	leases: { boards: string[]; generations: number[] },
	nodeId: string
): [string, unknown[]] {
	const values: unknown[] = [leases.boards, leases.generations, nodeId, leases.boards.length];
	const tuples = rows.map((r) => {
		const at = values.length;
		values.push(r.room, r.seq, r.data, r.userId, new Date(r.createdAt));
		return `($${at + 1}::text, $${at + 2}::integer, $${at + 3}::bytea, $${at + 4}::text, $${at + 5}::timestamptz)`;
	});
	return [
		'INSERT INTO doc_updates (room, seq, data, user_id, created_at) ' +
			'SELECT v.room, v.seq, v.data, v.user_id, v.created_at ' +
			`FROM (VALUES ${tuples.join(', ')}) AS v(room, seq, data, user_id, created_at) ` +
			'WHERE (SELECT count(*) FROM (SELECT 1 FROM board_owners AS o, ' +
			'unnest($1::text[], $2::integer[]) AS h(board_id, generation) ' +
			'WHERE o.board_id = h.board_id AND o.generation = h.generation AND o.node_id = $3 ' +
			'AND o.expires_at > now() FOR SHARE OF o) AS held) = $4',
		values
	];
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
