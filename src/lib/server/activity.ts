// The activity record (留痕) of a board's documents: who added, removed or changed which item, and
// when. It is read from the update log, where each update carries its author: consecutive updates
// by one person (a burst of typing, say) are replayed together and the lists compared before and
// after. Reading is done off the sync server's path — when a room closes, when a board has gone
// idle, when the feed is opened — from a cursor per room (the document as of the last row read);
// the log keeps its rows until they have been read, then folding drops them as usual.
import * as Y from 'yjs';
import { and, desc, eq, gte } from 'drizzle-orm';
import type { Db } from './db/index.ts';
import { activity, activityCursors } from './db/schema.ts';
import type { LogRow } from './sync/storage.ts';
import type { SyncServer } from './sync/server.ts';
import { parseRoom } from './sync/rooms.ts';
import { readBoard, readSheet } from '../board/lists.ts';
import { diffList, type DiffList } from '../board/diff.ts';

/** Updates by one person closer together than this are one change. */
export const BURST_GAP_MS = 5 * 60_000;

export interface ActivityEntry {
	boardId: string;
	room: string;
	unitId: string | null;
	userId: string | null;
	at: Date;
	list: DiffList;
	action: 'added' | 'removed' | 'changed';
	itemId: string;
	title: string;
	fields: string[];
}

type Lists = Partial<Record<DiffList, object[]>>;

function readLists(doc: Y.Doc, kind: 'board' | 'unit'): Lists {
	if (kind === 'board') return readBoard(doc);
	const sheet = readSheet(doc);
	return { pledges: sheet.pledges, commitments: sheet.commitments, claims: sheet.claims.map((c) => ({ ...c, id: `${c.kind}:${c.id}` })) };
}

/** How an item is named in the record; a pledge with its quantity ("义诊 2 次"). */
function titleOf(list: DiffList, item: Record<string, unknown>): string {
	if (list === 'claims') return String(item.id);
	if (list === 'commitments') return String(item.content ?? '');
	const title = String(item.title ?? '');
	if (list === 'pledges' && item.quantity !== null && item.quantity !== undefined) return `${title} ${item.quantity} ${item.measure ?? ''}`.trim();
	return title;
}

/** The entries `rows` make, applied to the document `state` (oldest first), and the document after them. */
export function summarise(room: string, state: Uint8Array | null, rows: Omit<LogRow, 'seq'>[]): { entries: ActivityEntry[]; state: Uint8Array } {
	const parsed = parseRoom(room);
	const doc = new Y.Doc();
	try {
		if (state) Y.applyUpdate(doc, state);
		const entries: ActivityEntry[] = [];
		if (!parsed) {
			for (const row of rows) Y.applyUpdate(doc, row.data);
			return { entries, state: Y.encodeStateAsUpdate(doc) };
		}
		const unitId = parsed.kind === 'unit' ? parsed.unitId : null;
		let before = readLists(doc, parsed.kind);
		for (let i = 0; i < rows.length; ) {
			const first = rows[i]!;
			let last = first;
			Y.transact(doc, () => {
				do {
					last = rows[i]!;
					Y.applyUpdate(doc, last.data);
					i++;
				} while (i < rows.length && rows[i]!.userId === first.userId && rows[i]!.createdAt.getTime() - last.createdAt.getTime() < BURST_GAP_MS);
			});
			const after = readLists(doc, parsed.kind);
			for (const list of Object.keys(after) as DiffList[]) {
				const diff = diffList(list, null, before[list] ?? [], after[list] ?? []);
				const base = { boardId: parsed.boardId, room, unitId, userId: first.userId, at: last.createdAt, list };
				for (const item of diff.added) entries.push({ ...base, action: 'added', itemId: item.id, title: titleOf(list, item), fields: [] });
				for (const item of diff.removed) entries.push({ ...base, action: 'removed', itemId: item.id, title: titleOf(list, item), fields: [] });
				for (const c of diff.changed) entries.push({ ...base, action: 'changed', itemId: c.after.id, title: titleOf(list, c.after), fields: c.fields });
			}
			before = after;
		}
		return { entries, state: Y.encodeStateAsUpdate(doc) };
	} finally {
		doc.destroy();
	}
}

/** Up to where a room's log has been read (0: not at all). */
export function activityCursor(db: Db, room: string): number {
	return db.select({ seq: activityCursors.seq }).from(activityCursors).where(eq(activityCursors.room, room)).get()?.seq ?? 0;
}

/** Reads what a board room's log holds beyond its cursor into `activity`, then lets the log go. */
export function catchUp(db: Db, sync: Pick<SyncServer, 'logAfter' | 'trimLog'>, room: string): number {
	if (!parseRoom(room)) return 0;
	let written = 0;
	for (;;) {
		const cursor = db.select().from(activityCursors).where(eq(activityCursors.room, room)).get();
		const rows = sync.logAfter(room, cursor?.seq ?? 0);
		if (rows.length === 0) return written;
		const { entries, state } = summarise(room, cursor?.state ?? null, rows);
		const seq = rows.at(-1)!.seq;
		db.transaction(() => {
			if (entries.length) db.insert(activity).values(entries).run();
			db.insert(activityCursors)
				.values({ room, seq, state: Buffer.from(state) })
				.onConflictDoUpdate({ target: activityCursors.room, set: { seq, state: Buffer.from(state) } })
				.run();
		});
		sync.trimLog(room, seq);
		written += entries.length;
	}
}

/** A board's recorded activity since `since`, newest first. */
export function storedActivity(db: Db, boardId: string, since: Date): ActivityEntry[] {
	return db
		.select()
		.from(activity)
		.where(and(eq(activity.boardId, boardId), gte(activity.at, since)))
		.orderBy(desc(activity.at), desc(activity.id))
		.all() as ActivityEntry[];
}
