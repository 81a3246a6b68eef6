// The rooms a page of a board connects to (the board, each unit's sheet, the meetings) and which of
// them this person may write: the same rules the sync server applies (policy/), so that a page
// offers only what the server would accept.
import type { Db } from './db/index.ts';
import type { BoardRights } from './policy/board.ts';
import { meetingsAccess } from './policy/meetings.ts';
import { sheetAccess } from './policy/sheet.ts';
import { listUnits } from './council/units.ts';
import { boardRoom, meetingsRoom, unitRoom } from './sync/rooms.ts';

export function boardRooms(db: Db, rights: BoardRights) {
	const { board } = rights;
	const canEdit = rights.access === 'write';
	return {
		canEdit,
		/** Told again by the sync server when a page connects: a page that differs reloads. */
		status: board.status,
		room: boardRoom(board.id),
		meetings: { room: meetingsRoom(board.id), canEdit: meetingsAccess(rights, board) === 'write' },
		units: listUnits(db, board.councilId).map((unit) => ({
			id: unit.id,
			name: unit.name,
			kind: unit.kind,
			room: unitRoom(board.id, unit.id),
			canEdit: sheetAccess(rights, board, unit.id) === 'write'
		}))
	};
}
