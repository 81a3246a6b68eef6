// Reads a board's documents (the board and every unit's sheet, and its meetings) as they are now,
// through the door (documents.ts): live from the sync server's rooms, or from storage offline.
import * as Y from 'yjs';
import type { BoardDocuments, Documents } from './documents.ts';
import { boardRooms } from './board-rooms.ts';
import { boardContent, type BoardContent } from '../../board/ydoc/content.ts';
import { readMeetings } from '../../board/ydoc/meetings.ts';
import { type MeetingsContent } from '../../board/model/meetings.ts';
import { meetingsRoom } from '../sync/rooms.ts';

/** A room's document now, decoded; the caller destroys it. */
export function readDoc(docs: Documents, room: string): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, docs.encodeState(room));
	return doc;
}

export function readBoardContent(
	{ db, docs }: BoardDocuments,
	board: { id: string; councilId: string }
): BoardContent {
	const rooms = boardRooms(db, board);
	const boardDoc = readDoc(docs, rooms.board);
	const sheets = rooms.sheets.map(({ unit, room }) => ({
		unit: { id: unit.id, name: unit.name },
		doc: readDoc(docs, room)
	}));
	try {
		return boardContent(boardDoc, sheets);
	} finally {
		boardDoc.destroy();
		for (const { doc } of sheets) doc.destroy();
	}
}

export function readMeetingsContent(
	{ docs }: Pick<BoardDocuments, 'docs'>,
	boardId: string
): MeetingsContent {
	const doc = readDoc(docs, meetingsRoom(boardId));
	try {
		return readMeetings(doc);
	} finally {
		doc.destroy();
	}
}
