// Room names and the access rule for each kind of room: the one place that maps a sync room to the
// rights a person has on it. `board:<boardId>` holds the board document (needs, plan);
// `board:<boardId>:unit:<unitId>` holds one unit's sheet (pledges, claims, commitments); these are
// the plan, which versions, the record and agreement cover. `board:<boardId>:meetings` holds the
// board's meetings (board/meetings.ts), kept by the secretaries.
import type { Db } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { boardAccess, isSecretary, meetingsAccess, sheetAccess, type Access } from '../access.ts';
import { isUnitOf } from '../council/units.ts';
import type { BoardStatus } from '../../board/status.ts';

const ID = '[a-z0-9]{1,64}';
const ROOM = new RegExp(`^board:(${ID})(?::unit:(${ID})|(:meetings))?$`);

export type PlanRoom =
	{ kind: 'board'; boardId: string } | { kind: 'unit'; boardId: string; unitId: string };
export type Room = PlanRoom | { kind: 'meetings'; boardId: string };

export function parseRoom(name: string): Room | null {
	const match = ROOM.exec(name);
	if (!match) return null;
	const [, boardId, unitId, meetings] = match as unknown as [
		string,
		string,
		string | undefined,
		string | undefined
	];
	return unitId
		? { kind: 'unit', boardId, unitId }
		: meetings
			? { kind: 'meetings', boardId }
			: { kind: 'board', boardId };
}

/** A room of the plan itself (the board document or a unit's sheet), or null. */
export function parsePlanRoom(name: string): PlanRoom | null {
	const room = parseRoom(name);
	return room && room.kind !== 'meetings' ? room : null;
}

export function meetingsRoom(boardId: string): string {
	return `board:${boardId}:meetings`;
}

export function boardRoom(boardId: string): string {
	return `board:${boardId}`;
}

export function unitRoom(boardId: string, unitId: string): string {
	return `board:${boardId}:unit:${unitId}`;
}

/** `mayPresent`: whether the person may present to the board's followers (awareness.ts), whatever
 *  they may write: its council's secretaries (administrators act as secretaries). */
export type RoomAccess =
	| { ok: true; access: Access; mayPresent: boolean; status: BoardStatus }
	| { ok: false; status: 403 | 404 };

export function roomAccess(db: Db, user: SessionUser, name: string): RoomAccess {
	const room = parseRoom(name);
	if (!room) return { ok: false, status: 404 };
	const rights = boardAccess(db, user, room.boardId);
	if (!rights.ok) return { ok: false, status: rights.reason === 'not-found' ? 404 : 403 };
	const mayPresent = isSecretary(rights);
	const status = rights.board.status;
	if (room.kind === 'board') return { ok: true, access: rights.access, mayPresent, status };
	if (room.kind === 'meetings')
		return { ok: true, access: meetingsAccess(rights, rights.board), mayPresent, status };
	// A unit of another council is no sheet of this board.
	if (!isUnitOf(db, rights.board.councilId, room.unitId)) return { ok: false, status: 404 };
	return {
		ok: true,
		access: rights.access === 'read' ? 'read' : sheetAccess(rights, room.unitId),
		mayPresent,
		status
	};
}
