// Who may do what with a board. Pages, the JSON API and the sync server all ask here, so the rules
// live in one place.
import type { Db } from './db/index.ts';
import type { Role } from './db/schema.ts';
import type { SessionUser } from './auth/session.ts';
import { getBoard, roleInCouncil, type Board } from './councils.ts';

export type Access = 'write' | 'read';

export type BoardAccess =
	| { ok: true; board: Board; role: Role; access: Access }
	| { ok: false; reason: 'not-found' | 'forbidden' };

const BOARD_ACCESS: Record<Role, Access> = { secretary: 'write', member: 'write', observer: 'read' };

export function boardAccess(db: Db, user: SessionUser, boardId: string): BoardAccess {
	const board = getBoard(db, boardId);
	if (!board) return { ok: false, reason: 'not-found' };
	const role = roleInCouncil(db, user, board.councilId);
	if (!role) return { ok: false, reason: 'forbidden' };
	return { ok: true, board, role, access: BOARD_ACCESS[role] };
}
