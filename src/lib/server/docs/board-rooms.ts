// A board's rooms, said once: the board document, one sheet per current unit of its council, its
// meetings and its discussion (room names in sync/rooms.ts). Everything that reads, copies or watches a board's
// documents starts from `boardRooms`. `pageRooms` adds which of them a person may write: the same
// rules the sync server applies (policy/), so that a page offers only what the server would accept.
import type { Db } from '../db/index.ts';
import { meetingsAccess } from '../policy/meetings.ts';
import { sheetAccess } from '../policy/sheet.ts';
import type { BoardRights } from '../policy/board.ts';
import { listUnits } from '../council/units.ts';
import { boardRoom, commentsRoom, meetingsRoom, unitRoom } from '../sync/rooms.ts';

type Unit = Awaited<ReturnType<typeof listUnits>>[number];

export interface BoardRooms {
	board: string;
	/** One per current unit of the council, in the council's order. */
	sheets: { unit: Unit; room: string }[];
	meetings: string;
	/** Its discussion, which only the server writes (comments/). */
	comments: string;
	/** The plan's rooms, which versions, the record and agreement cover: the board's, then the sheets. */
	plan: string[];
}

export async function boardRooms(
	db: Db,
	board: { id: string; councilId: string }
): Promise<BoardRooms> {
	const sheets = (await listUnits(db, board.councilId)).map((unit) => ({
		unit,
		room: unitRoom(board.id, unit.id)
	}));
	return {
		board: boardRoom(board.id),
		sheets,
		meetings: meetingsRoom(board.id),
		comments: commentsRoom(board.id),
		plan: [boardRoom(board.id), ...sheets.map((s) => s.room)]
	};
}

/** The rooms a page of the board connects to, and which of them this person may write. */
export async function pageRooms(db: Db, rights: BoardRights) {
	const { board } = rights;
	const rooms = await boardRooms(db, board);
	const canEdit = rights.access === 'write';
	return {
		canEdit,
		/** Told again by the sync server when a page connects: a page that differs reloads. */
		status: board.status,
		room: rooms.board,
		meetings: { room: rooms.meetings, canEdit: meetingsAccess(rights, board) === 'write' },
		units: rooms.sheets.map(({ unit, room }) => ({
			id: unit.id,
			name: unit.name,
			kind: unit.kind,
			room,
			canEdit: canEdit && sheetAccess(rights, board, unit.id) === 'write'
		}))
	};
}
