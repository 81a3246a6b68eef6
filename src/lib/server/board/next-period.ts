// Making the next period's board (下一期) from this one: a new board of the council that names this
// one as its previous board and starts with what is still open here (board/reports/carry-over.ts), written
// through the sync server under the secretary's name, and recorded on both boards. What was carried is
// recorded with the new board (carried_items, in one transaction): the figures take provenance from
// there, never from the documents' `carriedFrom`.
import { eq } from 'drizzle-orm';
import { createBoard, type Board } from '../council/councils.ts';
import { readBoardContent } from '../docs/board-content.ts';
import type { BoardDocuments } from '../docs/documents.ts';
import { recordEvent } from '../record/events.ts';
import { boardRoom, unitRoom } from '../sync/rooms.ts';
import { first, tables, type Db } from '../db/index.ts';
import {
	carriedContent,
	carriedCount,
	carriedDocs,
	carriedRows
} from '../../board/reports/carry-over.ts';
import { recordCarried } from './figures.ts';
import { reconcileDoc } from '../../board/ydoc/reconcile.ts';

/** The board already made as this one's next period, if any: a board has one next period. */
export async function nextBoardOf(
	db: Db,
	boardId: string
): Promise<{ id: string; title: string; period: string } | undefined> {
	const { boards } = tables(db);
	return first(
		db
			.select({ id: boards.id, title: boards.title, period: boards.period })
			.from(boards)
			.where(eq(boards.previousBoardId, boardId))
	);
}

export type NextPeriodResult =
	| { ok: true; boardId: string; carried: ReturnType<typeof carriedCount> }
	| { ok: false; existing: { id: string; title: string; period: string } };

export async function createNextBoard(
	store: BoardDocuments,
	from: Pick<Board, 'id' | 'councilId' | 'title' | 'period'>,
	names: { title: string; period: string },
	userId: string,
	now = new Date()
): Promise<NextPeriodResult> {
	const existing = await nextBoardOf(store.db, from.id);
	if (existing) return { ok: false, existing };
	const carried = carriedContent(await readBoardContent(store, from));
	const board = await store.db.transaction(async (tx) => {
		const made = await createBoard(tx, {
			councilId: from.councilId,
			...names,
			previousBoardId: from.id
		});
		await recordCarried(tx, made.id, from.id, carriedRows(carried));
		return made;
	});
	const docs = carriedDocs(carried, from.id);
	try {
		await store.docs.change(boardRoom(board.id), userId, (live) => reconcileDoc(live, docs.board));
		for (const sheet of docs.sheets)
			await store.docs.change(unitRoom(board.id, sheet.unitId), userId, (live) =>
				reconcileDoc(live, sheet.doc)
			);
	} finally {
		docs.board.destroy();
		for (const sheet of docs.sheets) sheet.doc.destroy();
	}
	const counts = carriedCount(carried);
	// Each end tells of the other: this board where its open items went, the new one where they came from.
	const tell = (
		type: 'nextPeriod' | 'carriedOver',
		on: Pick<Board, 'id' | 'councilId'>,
		other: { id: string; title: string; period: string }
	) =>
		recordEvent(
			store.db,
			{ councilId: on.councilId, boardId: on.id },
			userId,
			{ type, boardId: other.id, title: other.title, period: other.period, ...counts },
			now
		);
	await tell('nextPeriod', from, { id: board.id, ...names });
	await tell('carriedOver', { id: board.id, councilId: from.councilId }, from);
	return { ok: true, boardId: board.id, carried: counts };
}
