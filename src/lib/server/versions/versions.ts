// Versions (版本): snapshots of all of a board's documents together — the board document and every
// unit's sheet — stored in SQLite. A version can be read as JSON, compared, and restored; a restore
// is a forward change to the live documents (reconcile.ts), taken after keeping the state it
// replaces as a version of its own, so nothing in history is ever rewritten.
import * as Y from 'yjs';
import { and, desc, eq } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';
import type { VersionKind } from '../db/schema.ts';
import { newId } from '../db/ids.ts';
import type { BoardDocuments } from '../docs/documents.ts';
import { boardRooms } from '../docs/board-rooms.ts';
import { boardContent, type BoardContent } from '../../board/ydoc/content.ts';
import { reconcileDoc } from '../../board/ydoc/reconcile.ts';

export interface Version {
	id: string;
	boardId: string;
	label: string;
	kind: VersionKind;
	authorId: string | null;
	createdAt: Date;
}

interface BoardRef {
	id: string;
	councilId: string;
}

/** The documents of the plan (the board's, then one per current unit) as they are now, stored. */
export interface PlanSnapshot {
	docs: { room: string; unitId: string | null; unitName: string | null; state: Buffer }[];
}

export async function snapshotPlan(app: BoardDocuments, board: BoardRef): Promise<PlanSnapshot> {
	const rooms = await boardRooms(app.db, board);
	const docs = [
		{ room: rooms.board, unitId: null, unitName: null },
		...rooms.sheets.map(({ unit, room }) => ({ room, unitId: unit.id, unitName: unit.name }))
	];
	const states = await Promise.all(docs.map((d) => app.docs.encodeState(d.room)));
	return { docs: docs.map((d, i) => ({ ...d, state: Buffer.from(states[i]!) })) };
}

/** Writes a snapshot as a version, in `db` (a transaction of the caller's, where it has one). */
export async function insertVersion(
	db: Db,
	board: BoardRef,
	snapshot: PlanSnapshot,
	input: { label: string; kind: VersionKind; authorId: string | null },
	now = new Date()
): Promise<Version> {
	const { versionDocs, versions } = tables(db);
	const version: Version = { id: newId(), boardId: board.id, createdAt: now, ...input };
	await db.insert(versions).values(version);
	await db.insert(versionDocs).values(snapshot.docs.map((d) => ({ versionId: version.id, ...d })));
	return version;
}

/** Takes a version of every document of the plan as it is now. */
export async function takeVersion(
	app: BoardDocuments,
	board: BoardRef,
	input: { label: string; kind: VersionKind; authorId: string | null },
	now = new Date()
): Promise<Version> {
	const snapshot = await snapshotPlan(app, board);
	return app.db.transaction((tx) => insertVersion(tx, board, snapshot, input, now));
}

/** A board's versions, newest first. */
export async function listVersions(db: Db, boardId: string): Promise<Version[]> {
	const { versions } = tables(db);
	return db
		.select()
		.from(versions)
		.where(eq(versions.boardId, boardId))
		.orderBy(desc(versions.createdAt));
}

export async function getVersion(
	db: Db,
	boardId: string,
	versionId: string
): Promise<Version | undefined> {
	const { versions } = tables(db);
	return first(
		db
			.select()
			.from(versions)
			.where(and(eq(versions.id, versionId), eq(versions.boardId, boardId)))
	);
}

/** A version's documents, decoded; the caller destroys them. */
async function versionDocsOf(db: Db, versionId: string) {
	const { versionDocs } = tables(db);
	const found = await db.select().from(versionDocs).where(eq(versionDocs.versionId, versionId));
	return found.map((row) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, row.state);
		return { ...row, doc };
	});
}

/** What a version holds, as the read API returns a board's content (units named as they were then). */
export async function versionContent(db: Db, versionId: string): Promise<BoardContent> {
	const docs = await versionDocsOf(db, versionId);
	try {
		const board = docs.find((d) => d.unitId === null)?.doc ?? new Y.Doc();
		const sheets = docs
			.filter((d) => d.unitId !== null)
			.map((d) => ({ unit: { id: d.unitId!, name: d.unitName ?? '' }, doc: d.doc }));
		return boardContent(board, sheets);
	} finally {
		for (const d of docs) d.doc.destroy();
	}
}

/**
 * Restores a version: first keeps the board as it is now (kind `before_restore`), then changes
 * every document the version holds to what it held, live, as `userId`. Sheets of units added since
 * the version are left as they are. Returns the version that keeps the state before.
 */
export async function restoreVersion(
	app: BoardDocuments,
	board: BoardRef,
	version: Version,
	userId: string,
	beforeLabel: string
): Promise<Version> {
	const before = await takeVersion(app, board, {
		label: beforeLabel,
		kind: 'before_restore',
		authorId: userId
	});
	const current = new Set((await boardRooms(app.db, board)).plan);
	const docs = await versionDocsOf(app.db, version.id);
	try {
		for (const { room, doc } of docs) {
			// A unit deleted since has no sheet to restore into.
			if (current.has(room)) await app.docs.change(room, userId, (live) => reconcileDoc(live, doc));
		}
	} finally {
		for (const d of docs) d.doc.destroy();
	}
	return before;
}
