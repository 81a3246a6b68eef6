// The rights a sync connection gets, decided once at the upgrade (sync/server.ts): the room's
// document is the board's (board.ts), a unit's sheet (sheet.ts), the meetings (meetings.ts) or the
// discussion (comments.ts: read by everyone in the council, written by the server alone), by the
// room's name (sync/rooms.ts). Rights are per document, never filtered inside one.
import type { Db } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { isUnitOf } from '../council/units.ts';
import { parseRoom } from '../sync/rooms.ts';
import type { BoardStatus } from '../../board/model/status.ts';
import { boardAccess, mayPresent, type Access } from './board.ts';
import { sheetAccess } from './sheet.ts';
import { meetingsAccess } from './meetings.ts';

/** `mayPresent`: whether the person may present to the board's followers (awareness.ts), whatever
 *  they may write. `status`: the board's, told to the page so that one out of date reloads. */
export type RoomAccess =
	| { ok: true; access: Access; mayPresent: boolean; status: BoardStatus }
	| { ok: false; status: 403 | 404 };

export async function roomAccess(db: Db, user: SessionUser, name: string): Promise<RoomAccess> {
	const room = parseRoom(name);
	if (!room) return { ok: false, status: 404 };
	const rights = await boardAccess(db, user, room.boardId);
	if (!rights.ok) return { ok: false, status: rights.reason === 'not-found' ? 404 : 403 };
	const { board } = rights;
	const granted = (access: Access): RoomAccess => ({
		ok: true,
		access,
		mayPresent: mayPresent(rights),
		status: board.status
	});
	if (room.kind === 'board') return granted(rights.access);
	if (room.kind === 'meetings') return granted(meetingsAccess(rights, board));
	if (room.kind === 'comments') return granted('read');
	// A unit of another council is no sheet of this board.
	if (!(await isUnitOf(db, board.councilId, room.unitId))) return { ok: false, status: 404 };
	return granted(sheetAccess(rights, board, room.unitId));
}
