// Making the next period's board (下一期) from this one: a new board of the council that names this
// one as its previous board and starts with what is still open here (board/reports/carry-over.ts), written
// through the sync server under the secretary's name, and recorded on both boards. What was carried is
// recorded with the new board (carried_items, in one transaction): the figures take provenance from
// there, never from the documents' `carriedFrom`.
import { eq } from 'drizzle-orm';
import { boards } from '../db/schema.ts';
import { createBoard, type Board } from '../council/councils.ts';
import { readBoardContent } from '../docs/board-content.ts';
import type { BoardDocuments } from '../docs/documents.ts';
import { recordEvent } from '../record/events.ts';
import { boardRoom, unitRoom } from '../sync/rooms.ts';
import type { Db } from '../db/index.ts';
import {
	carriedContent,
	carriedCount,
	carriedDocs,
	carriedRows
} from '../../board/reports/carry-over.ts';
import { recordCarried } from './figures.ts';
import { reconcileDoc } from '../../board/ydoc/reconcile.ts';

/** The board already made as this one's next period, if any: a board has one next period. */
export function nextBoardOf(
	db: Db,
	boardId: string
): { id: string; title: string; period: string } | undefined {
	return db
		.select({ id: boards.id, title: boards.title, period: boards.period })
		.from(boards)
		.where(eq(boards.previousBoardId, boardId))
		.get();
}

export type NextPeriodResult =
	| { ok: true; boardId: string; carried: ReturnType<typeof carriedCount> }
	| { ok: false; existing: { id: string; title: string; period: string } };

export function createNextBoard(
	store: BoardDocuments,
	from: Pick<Board, 'id' | 'councilId' | 'title' | 'period'>,
	names: { title: string; period: string },
	userId: string,
	now = new Date()
): NextPeriodResult {
	const existing = nextBoardOf(store.db, from.id);
	if (existing) return { ok: false, existing };
	const carried = carriedContent(readBoardContent(store, from));
	const board = store.db.transaction(() => {
		const made = createBoard(store.db, {
			councilId: from.councilId,
			...names,
			previousBoardId: from.id
		});
		recordCarried(store.db, made.id, from.id, carriedRows(carried));
		return made;
	});
	const docs = carriedDocs(carried, from.id);
	try {
		store.docs.change(boardRoom(board.id), userId, (live) => reconcileDoc(live, docs.board));
		for (const sheet of docs.sheets)
			store.docs.change(unitRoom(board.id, sheet.unitId), userId, (live) =>
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
	tell('nextPeriod', from, { id: board.id, ...names });
	tell('carriedOver', { id: board.id, councilId: from.councilId }, from);
	return { ok: true, boardId: board.id, carried: counts };
}
