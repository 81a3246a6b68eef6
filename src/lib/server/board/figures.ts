// What the figures that score a unit rest on, as the server recorded it — never a field of a document
// that a unit may still write:
//   carried_items: what 下一期 carried onto a board and from where (written with the new board), so a
//                  copy written by hand with an old item's id and `carriedFrom` stands for itself;
//   done_days:     the council's day on which the server saw a commitment become done — the time of the
//                  log row that did it (activity.ts) or of the follow-up (tracking.ts) — or a secretary's
//                  correction (recorded as an event). A commitment that goes back to not done loses its
//                  day, and is dated anew when it is done again: the day is of the done that stands.
// The scored content puts the server's day in each commitment's `doneOn`, so that board/reports/stats.ts
// counts alike for the page, the API, the Excel file and the tests.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';
import { catchUp } from '../record/activity.ts';
import type { SyncServer } from '../sync/server.ts';
import { unitRoom } from '../sync/rooms.ts';
import { carriedKey } from '../../board/reports/stats.ts';
import type { CarriedRow } from '../../board/reports/carry-over.ts';
import type { BoardContent } from '../../board/ydoc/content.ts';
import { COMMITMENTS } from '../../board/model/lists/index.ts';
import { todayIn } from '../../board/model/fields.ts';
import { isIsoDate } from '../../board/model/fields.ts';
import { itemOf, readItem } from '../../board/ydoc/list.ts';
import { COUNCIL_TIME_ZONE } from '../../format.ts';
import * as Y from 'yjs';
import { recordEvent } from '../record/events.ts';
import { isUnitOf } from '../council/units.ts';
import type { BoardDocuments } from '../docs/documents.ts';
import type { MessageKey } from '../../i18n/index.ts';

/** The council's day of an instant the server saw. */
export const councilDay = (at: Date) => todayIn(COUNCIL_TIME_ZONE, at);

export async function recordCarried(
	db: Db,
	boardId: string,
	fromBoardId: string,
	rows: CarriedRow[]
): Promise<void> {
	const { carriedItems } = tables(db);
	// Both stores take a bounded number of parameters per statement.
	for (let i = 0; i < rows.length; i += 100) {
		await db
			.insert(carriedItems)
			.values(rows.slice(i, i + 100).map((r) => ({ boardId, fromBoardId, ...r })))
			.onConflictDoNothing();
	}
}

/** Each board's carried items: `list:unitId:itemId` → the board it came from. */
export async function carriedOf(
	db: Db,
	boardIds: string[]
): Promise<Map<string, Map<string, string>>> {
	const { carriedItems } = tables(db);
	const byBoard = new Map(boardIds.map((id) => [id, new Map<string, string>()]));
	if (boardIds.length === 0) return byBoard;
	for (const row of await db
		.select()
		.from(carriedItems)
		.where(inArray(carriedItems.boardId, boardIds)))
		byBoard.get(row.boardId)?.set(carriedKey(row), row.fromBoardId);
	return byBoard;
}

export type DoneSource = 'change' | 'follow_up' | 'correction';

export interface DoneDay {
	day: string;
	source: DoneSource;
	userId: string | null;
	recordedAt: Date;
}

/** A commitment seen done (`day`) or not done any more (`day` null). */
export interface DoneChange {
	boardId: string;
	unitId: string;
	itemId: string;
	day: string | null;
	userId: string | null;
	at: Date;
}

/** Records what the server saw: the first done keeps its day (a later sighting of the same done, as
 *  the log row of a follow-up already recorded, changes nothing); not done clears it. */
export async function recordDone(
	db: Db,
	change: DoneChange,
	source: Exclude<DoneSource, 'correction'>
): Promise<void> {
	const { doneDays } = tables(db);
	const key = and(
		eq(doneDays.boardId, change.boardId),
		eq(doneDays.unitId, change.unitId),
		eq(doneDays.itemId, change.itemId)
	);
	if (change.day === null) {
		await db.delete(doneDays).where(key);
		return;
	}
	await db
		.insert(doneDays)
		.values({
			boardId: change.boardId,
			unitId: change.unitId,
			itemId: change.itemId,
			day: change.day,
			source,
			userId: change.userId,
			recordedAt: change.at
		})
		.onConflictDoUpdate({
			target: [doneDays.boardId, doneDays.unitId, doneDays.itemId],
			set: { day: change.day, source, userId: change.userId, recordedAt: change.at },
			// A follow-up is told as one: if the record read its own log row first (it reads in the
			// background), the follow-up it was still names the day. Any other sighting keeps the first.
			setWhere: source === 'follow_up' ? eq(doneDays.source, 'change') : sql`false`
		});
}

/** Sets the day outright: a secretary's correction, or a day the server takes from a trusted source
 *  (the demo's story, a secretary's import). */
export async function setDoneDay(
	db: Db,
	where: { boardId: string; unitId: string; itemId: string },
	day: string,
	source: DoneSource,
	userId: string | null,
	now = new Date()
): Promise<void> {
	const { doneDays } = tables(db);
	await db
		.insert(doneDays)
		.values({ ...where, day, source, userId, recordedAt: now })
		.onConflictDoUpdate({
			target: [doneDays.boardId, doneDays.unitId, doneDays.itemId],
			set: { day, source, userId, recordedAt: now }
		});
}

export async function doneDayOf(
	db: Db,
	where: { boardId: string; unitId: string; itemId: string }
): Promise<DoneDay | undefined> {
	const { doneDays } = tables(db);
	return first(
		db
			.select({
				day: doneDays.day,
				source: doneDays.source,
				userId: doneDays.userId,
				recordedAt: doneDays.recordedAt
			})
			.from(doneDays)
			.where(
				and(
					eq(doneDays.boardId, where.boardId),
					eq(doneDays.unitId, where.unitId),
					eq(doneDays.itemId, where.itemId)
				)
			)
	);
}

/** A board's done days: `unitId:itemId` → day. */
export async function doneDaysOf(db: Db, boardId: string): Promise<Map<string, string>> {
	const { doneDays } = tables(db);
	const rows = await db
		.select({ unitId: doneDays.unitId, itemId: doneDays.itemId, day: doneDays.day })
		.from(doneDays)
		.where(eq(doneDays.boardId, boardId));
	return new Map(rows.map((r) => [`${r.unitId}:${r.itemId}`, r.day]));
}

/** Reads the board's sheets' unread logs, so that every done the server has taken is dated before
 *  a figure is made (the same reading the feed does). */
export async function catchUpSheets(
	db: Db,
	sync: Pick<SyncServer, 'logAfter' | 'trimLog'>,
	boardId: string,
	unitIds: string[]
): Promise<void> {
	for (const unitId of unitIds) await catchUp(db, sync, unitRoom(boardId, unitId));
}

/**
 * The board's content as the figures count it: each done commitment's `doneOn` is the server's day.
 * Every way a commitment becomes done leaves one — a change (its log row), a follow-up, an import (the
 * importing secretary's word for the file's day), the demo (its story's day) — and the sheets' logs
 * are read before figures are made. Where the server still has none (a commitment done before done
 * days were recorded, whose row was read by an older server) the document's `doneOn` stands: on a
 * locked board no unit can write it any more; on a board still in draft its unit could backdate it,
 * until a secretary corrects the day. A commitment not done has no done day.
 */
export function withServerDoneDays(
	content: BoardContent,
	days: ReadonlyMap<string, string>
): BoardContent {
	return {
		...content,
		sheets: content.sheets.map((sheet) => ({
			...sheet,
			commitments: sheet.commitments.map((c) =>
				c.status === 'done'
					? { ...c, doneOn: days.get(`${sheet.unit.id}:${c.id}`) ?? c.doneOn }
					: { ...c, doneOn: '' }
			)
		}))
	};
}

export type CorrectionResult =
	| { ok: true; from: string | null; to: string }
	| { ok: false; status: 400 | 404 | 409; error: MessageKey };

/**
 * A secretary's correction of a commitment's done day (the right is asked by the caller, policy/board.ts):
 * a real day, not after today, of a commitment that is done now; recorded in done_days as a
 * correction and in the record with the day before and after.
 */
export async function correctDoneDay(
	app: BoardDocuments & { sync: Pick<SyncServer, 'logAfter' | 'trimLog'> },
	board: { id: string; councilId: string },
	userId: string,
	input: { unitId: string; itemId: string; day: string },
	now = new Date()
): Promise<CorrectionResult> {
	const day = input.day.trim();
	if (!isIsoDate(day)) return { ok: false, status: 400, error: 'doneDay.badDate' };
	if (day > councilDay(now)) return { ok: false, status: 400, error: 'doneDay.future' };
	if (!(await isUnitOf(app.db, board.councilId, input.unitId)))
		return { ok: false, status: 404, error: 'tracking.unknownItem' };
	const room = unitRoom(board.id, input.unitId);
	// The day being corrected is the one the server has seen up to now.
	await catchUp(app.db, app.sync, room);
	const state = await app.docs.encodeState(room);
	const doc = new Y.Doc();
	let current: { status: string; content: string } | undefined;
	try {
		Y.applyUpdate(doc, state);
		const item = itemOf(doc, COMMITMENTS, input.itemId);
		if (item) current = readItem(COMMITMENTS, input.itemId, item);
	} finally {
		doc.destroy();
	}
	if (!current) return { ok: false, status: 404, error: 'tracking.unknownItem' };
	if (current.status !== 'done') return { ok: false, status: 409, error: 'doneDay.notDone' };
	const where = { boardId: board.id, unitId: input.unitId, itemId: input.itemId };
	const from = (await doneDayOf(app.db, where))?.day ?? null;
	await app.db.transaction(async (tx) => {
		await setDoneDay(tx, where, day, 'correction', userId, now);
		await recordEvent(
			tx,
			{ councilId: board.councilId, boardId: board.id },
			userId,
			{
				type: 'doneDay',
				room,
				unitId: input.unitId,
				itemId: input.itemId,
				title: current.content,
				from,
				to: day
			},
			now
		);
	});
	return { ok: true, from, to: day };
}
