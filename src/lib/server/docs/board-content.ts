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
export async function readDoc(docs: Documents, room: string): Promise<Y.Doc> {
	return decoded(await docs.encodeState(room));
}

export async function readBoardContent(
	{ db, docs }: BoardDocuments,
	board: { id: string; councilId: string }
): Promise<BoardContent> {
	const rooms = await boardRooms(db, board);
	// Every state is read before any is decoded, so that a failed read leaves nothing to destroy.
	const boardState = await docs.encodeState(rooms.board);
	const sheetStates = await Promise.all(rooms.sheets.map(({ room }) => docs.encodeState(room)));
	const boardDoc = decoded(boardState);
	const sheets = rooms.sheets.map(({ unit }, i) => ({
		unit: { id: unit.id, name: unit.name },
		doc: decoded(sheetStates[i]!)
	}));
	try {
		return boardContent(boardDoc, sheets);
	} finally {
		boardDoc.destroy();
		for (const { doc } of sheets) doc.destroy();
	}
}

function decoded(state: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	return doc;
}

export async function readMeetingsContent(
	{ docs }: Pick<BoardDocuments, 'docs'>,
	boardId: string
): Promise<MeetingsContent> {
	const doc = await readDoc(docs, meetingsRoom(boardId));
	try {
		return readMeetings(doc);
	} finally {
		doc.destroy();
	}
}
