// Reads a board's documents (the board and every unit's sheet, and its meetings) as the sync server holds them now.
import * as Y from 'yjs';
import type { StateSource } from './versions/versions.ts';
import { boardContent, type BoardContent } from '../board/ydoc/content.ts';
import { boardRoom, meetingsRoom, unitRoom } from './sync/rooms.ts';
import { readMeetings } from '../board/ydoc/meetings.ts';
import { type MeetingsContent } from '../board/model/meetings.ts';
import { listUnits } from './council/units.ts';

function load(app: StateSource, room: string): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, app.sync.encodeState(room));
	return doc;
}

export function readBoardContent(
	app: StateSource,
	board: { id: string; councilId: string }
): BoardContent {
	const boardDoc = load(app, boardRoom(board.id));
	const sheets = listUnits(app.db, board.councilId).map((unit) => ({
		unit: { id: unit.id, name: unit.name },
		doc: load(app, unitRoom(board.id, unit.id))
	}));
	try {
		return boardContent(boardDoc, sheets);
	} finally {
		boardDoc.destroy();
		for (const { doc } of sheets) doc.destroy();
	}
}

export function readMeetingsContent(app: StateSource, boardId: string): MeetingsContent {
	const doc = load(app, meetingsRoom(boardId));
	try {
		return readMeetings(doc);
	} finally {
		doc.destroy();
	}
}
