// Room names and the access rule for each kind of room: the one place that maps a sync room to the
// rights a person has on it. `board:<boardId>` holds the board document; unit sheets
// (`board:<boardId>:unit:<unitId>`) will get their own rule here.
import type { Db } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { boardAccess, type Access } from '../access.ts';

const ID = '[a-z0-9]{1,64}';
const BOARD_ROOM = new RegExp(`^board:(${ID})$`);

export type Room = { kind: 'board'; boardId: string };

export function parseRoom(name: string): Room | null {
	const board = BOARD_ROOM.exec(name);
	if (board) return { kind: 'board', boardId: board[1]! };
	return null;
}

export function boardRoom(boardId: string): string {
	return `board:${boardId}`;
}

export type RoomAccess = { ok: true; access: Access } | { ok: false; status: 403 | 404 };

export function roomAccess(db: Db, user: SessionUser, name: string): RoomAccess {
	const room = parseRoom(name);
	if (!room) return { ok: false, status: 404 };
	const rights = boardAccess(db, user, room.boardId);
	if (!rights.ok) return { ok: false, status: rights.reason === 'not-found' ? 404 : 403 };
	return { ok: true, access: rights.access };
}
