// Reads a board's documents (the board and every unit's sheet) as the sync server holds them now.
import * as Y from 'yjs';
import type { App } from './app.ts';
import { boardContent, type BoardContent } from '../board/content.ts';
import { boardRoom, unitRoom } from './sync/rooms.ts';
import { listUnits } from './units.ts';

export function readBoardContent(app: App, board: { id: string; councilId: string }): BoardContent {
	const load = (room: string) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, app.sync.encodeState(room));
		return doc;
	};
	const boardDoc = load(boardRoom(board.id));
	const sheets = listUnits(app.db, board.councilId).map((unit) => ({ unit: { id: unit.id, name: unit.name }, doc: load(unitRoom(board.id, unit.id)) }));
	try {
		return boardContent(boardDoc, sheets);
	} finally {
		boardDoc.destroy();
		for (const { doc } of sheets) doc.destroy();
	}
}
