// Moving an installation from SQLite to PostgreSQL (`npm run migrate-store -- <file> <url>`): every
// table copied row for row, in an order that keeps each foreign key satisfied, into a target that
// must be empty (migrated, nothing in it); then the copy is checked — the same number of rows in every
// table, and every room's document the same on both sides — before the operator points the servers
// at it. Values pass through Drizzle on both ends, so a SQLite millisecond becomes a PostgreSQL
// timestamp and a blob a bytea without any conversion written here.
import * as Y from 'yjs';
import { asc, count, eq, getTableColumns, isNotNull, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { tables, type Db, type Schema, type Store } from './index.ts';

/** The tables in the order they are filled: whatever a row refers to is copied before it. Not
 *  `setupCode`: a first-run code belongs to the store it was printed for (one without users), and
 *  the target makes its own at its first start if it has none; nor the several nodes' tables
 *  (board_owners, sync_closes, job_leases), unused on SQLite. */
export const ORDER = [
	'users',
	'sessions',
	'passwordResets',
	'councils',
	'councilWebhooks',
	'smtpSettings',
	'boards',
	'units',
	'memberships',
	'invitations',
	'versions',
	'versionDocs',
	'confirmations',
	'events',
	'activity',
	'activityCursors',
	'checkInCodes',
	'carriedItems',
	'doneDays',
	'notifications',
	'deliveries',
	'docUpdates',
	'docStates',
	'setAsideDocs'
] as const satisfies readonly (keyof Schema)[];

/** What is not copied, and why: see ORDER. */
export const NOT_COPIED = [
	'setupCode',
	'boardOwners',
	'syncCloses',
	'jobLeases'
] as const satisfies readonly (keyof Schema)[];

/** Tables whose ids PostgreSQL numbers itself: its sequence goes on after the highest copied. */
const NUMBERED = ['activity', 'set_aside_docs'];

const BATCH = 500;

export interface MigrationReport {
	/** Rows copied, by table. */
	rows: Record<string, number>;
	/** Rooms whose documents were compared. */
	rooms: number;
}

export class MigrationRefused extends Error {}

export async function migrateStore(source: Store, target: Store): Promise<MigrationReport> {
	if (source.kind !== 'sqlite') throw new MigrationRefused('the source must be a SQLite file');
	if (target.kind !== 'postgres') throw new MigrationRefused('the target must be PostgreSQL');
	const from = tables(source.db);
	const to = tables(target.db);
	for (const name of ORDER) {
		if ((await countOf(target.db, to[name])) > 0)
			throw new MigrationRefused(`the target is not empty (its ${name} has rows)`);
	}
	const rows: Record<string, number> = {};
	await target.db.transaction(async (tx) => {
		for (const name of ORDER) {
			if (name === 'boards') {
				// A board may name the one it continues, copied in any order: that link comes after.
				rows[name] = await copy(source.db, tx, from.boards, to.boards, { previousBoardId: null });
				continue;
			}
			rows[name] = await copy(source.db, tx, from[name], to[name]);
		}
		for (const board of await source.db
			.select({ id: from.boards.id, previous: from.boards.previousBoardId })
			.from(from.boards)
			.where(isNotNull(from.boards.previousBoardId)))
			await tx
				.update(to.boards)
				.set({ previousBoardId: board.previous })
				.where(eq(to.boards.id, board.id));
		for (const table of NUMBERED)
			await tx.execute(
				sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), COALESCE((SELECT MAX(id) FROM ${sql.identifier(table)}), 0) + 1, false)`
			);
	});
	for (const name of ORDER) {
		const copied = await countOf(target.db, to[name]);
		if (copied !== rows[name])
			throw new Error(`${name}: ${rows[name]} rows read, ${copied} in the target`);
	}
	const rooms = await compareRooms(source.db, target.db);
	return { rows, rooms };
}

async function countOf(db: Db, table: PgTable): Promise<number> {
	const [row] = await db.select({ n: count() }).from(table);
	return row?.n ?? 0;
}

/** Copies every row of `from` into `to` (the same table in the other store), a batch at a time. */
async function copy(
	source: Db,
	target: Db,
	from: PgTable,
	to: PgTable,
	override: Record<string, unknown> = {}
): Promise<number> {
	let copied = 0;
	// SQLite's rowid: a total order to page through, whatever the table's key, each page found by
	// the index (no OFFSET, which would read every earlier row again).
	for (let after = 0; ;) {
		const batch = await source
			.select({ rowid: sql<number>`rowid`.mapWith(Number), ...getTableColumns(from) })
			.from(from)
			.where(sql`rowid > ${after}`)
			.orderBy(sql`rowid`)
			.limit(BATCH);
		if (batch.length === 0) return copied;
		await target
			.insert(to)
			.values(batch.map(({ rowid: _rowid, ...row }) => ({ ...row, ...override })));
		copied += batch.length;
		after = batch.at(-1)!.rowid;
	}
}

/** Every room's document, replayed from its state and log on each side, must be the same. */
async function compareRooms(source: Db, target: Db): Promise<number> {
	const from = tables(source);
	const names = new Set<string>();
	for (const table of [from.docStates, from.docUpdates])
		for (const { room } of await source.selectDistinct({ room: table.room }).from(table))
			names.add(room);
	for (const room of names) {
		const [a, b] = [await roomDoc(source, room), await roomDoc(target, room)];
		try {
			const same =
				Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) &&
				Buffer.from(Y.encodeStateAsUpdate(a)).equals(Buffer.from(Y.encodeStateAsUpdate(b)));
			if (!same) throw new Error(`the room ${room} differs after the copy`);
		} finally {
			a.destroy();
			b.destroy();
		}
	}
	return names.size;
}

async function roomDoc(db: Db, room: string): Promise<Y.Doc> {
	const { docStates, docUpdates } = tables(db);
	const doc = new Y.Doc();
	const states = await db
		.select({ data: docStates.data })
		.from(docStates)
		.where(eq(docStates.room, room));
	const updates = await db
		.select({ data: docUpdates.data })
		.from(docUpdates)
		.where(eq(docUpdates.room, room))
		.orderBy(asc(docUpdates.seq));
	Y.transact(doc, () => {
		for (const { data } of [...states, ...updates]) Y.applyUpdate(doc, data);
	});
	return doc;
}
