// The activity record (留痕) of a board's documents: who added, removed or changed which item, and
// when. It is read from the update log, where each update carries its author: consecutive updates
// by one person (a burst of typing, say) are replayed together and the lists compared before and
// after. The part of the log being folded away is summarised into `activity` rows in the same
// transaction; the part not folded yet is summarised when the feed is read.
import * as Y from 'yjs';
import { and, desc, eq, gte } from 'drizzle-orm';
import type { Db } from './db/index.ts';
import { activity } from './db/schema.ts';
import type { History } from './sync/storage.ts';
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

/** The entries a room's history makes, oldest first. Rooms that are not a board's yield none. */
export function summarise(room: string, history: History): ActivityEntry[] {
	const parsed = parseRoom(room);
	if (!parsed || history.rows.length === 0) return [];
	const unitId = parsed.kind === 'unit' ? parsed.unitId : null;
	const doc = new Y.Doc();
	try {
		if (history.state) Y.applyUpdate(doc, history.state);
		const entries: ActivityEntry[] = [];
		let before = readLists(doc, parsed.kind);
		for (let i = 0; i < history.rows.length; ) {
			const first = history.rows[i]!;
			let last = first;
			Y.transact(doc, () => {
				do {
					last = history.rows[i]!;
					Y.applyUpdate(doc, last.data);
					i++;
				} while (i < history.rows.length && history.rows[i]!.userId === first.userId && history.rows[i]!.createdAt.getTime() - last.createdAt.getTime() < BURST_GAP_MS);
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
		return entries;
	} finally {
		doc.destroy();
	}
}

/** Keeps what the part of a room's log about to be folded says (called inside the fold's transaction). */
export function recordFold(db: Db, room: string, history: History): void {
	const entries = summarise(room, history);
	if (entries.length) db.insert(activity).values(entries).run();
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
