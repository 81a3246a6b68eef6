// Who may do what with a board and its documents. Pages, the JSON API and the sync server all ask
// here, so the rules live in one place:
//   board document: secretaries, members and unit representatives write; observers read;
//   a unit's sheet: secretaries and that unit's representatives write; everyone else reads;
//   once the plan is agreed (and in tracking, archived): everyone reads;
//   a board's meetings: secretaries write (until archived), everyone else reads.
import type { Db } from './db/index.ts';
import type { Role } from './db/schema.ts';
import type { SessionUser } from './auth/session.ts';
import {
	getBoard,
	getCouncil,
	roleInCouncil,
	type Board,
	type CouncilRole
} from './council/councils.ts';
import { isLocked } from '../board/status.ts';

export type Access = 'write' | 'read';

export type BoardAccess =
	| ({ ok: true; board: Board; access: Access } & CouncilRole)
	| { ok: false; reason: 'not-found' | 'forbidden' };

const BOARD_ACCESS: Record<Role, Access> = {
	secretary: 'write',
	member: 'write',
	unit_rep: 'write',
	observer: 'read'
};

export function boardAccess(db: Db, user: SessionUser, boardId: string): BoardAccess {
	const board = getBoard(db, boardId);
	if (!board) return { ok: false, reason: 'not-found' };
	const who = roleInCouncil(db, user, board.councilId);
	if (!who) return { ok: false, reason: 'forbidden' };
	// An agreed plan is locked for everyone: its documents change only through the server from then on.
	return {
		ok: true,
		board,
		...who,
		access: isLocked(board.status) ? 'read' : BOARD_ACCESS[who.role]
	};
}

export type CouncilAccess =
	| ({ ok: true; council: NonNullable<ReturnType<typeof getCouncil>> } & CouncilRole)
	| { ok: false; reason: 'not-found' | 'forbidden' };

/** Someone's place in a council, for what covers all its boards (the council dashboard, the
 *  scorecard): anyone with a role in it, administrators as secretaries. */
export function councilAccess(db: Db, user: SessionUser, councilId: string): CouncilAccess {
	const council = getCouncil(db, councilId);
	if (!council) return { ok: false, reason: 'not-found' };
	const who = roleInCouncil(db, user, council.id);
	return who ? { ok: true, council, ...who } : { ok: false, reason: 'forbidden' };
}

/** The right to one unit's sheet, for someone who may see the board. */
export function sheetAccess(who: CouncilRole, unitId: string): Access {
	return who.role === 'secretary' || (who.role === 'unit_rep' && who.unitId === unitId)
		? 'write'
		: 'read';
}

/** The meetings of a board: kept by the secretaries, also once the plan is agreed (the minutes of
 *  the meeting that agreed it come after), until the board is archived; read by everyone else. */
export function meetingsAccess(who: CouncilRole, board: Pick<Board, 'status'>): Access {
	return who.role === 'secretary' && board.status !== 'archived' ? 'write' : 'read';
}

/** Whether this person may manage the council itself: units, invitations, members. */
export function isSecretary(who: CouncilRole | null): boolean {
	return who?.role === 'secretary';
}

/** Whether this person may correct the day the server recorded a commitment done (it scores the
 *  unit, so not the unit itself): secretaries. */
export function mayCorrectDoneDay(who: CouncilRole | null): boolean {
	return isSecretary(who);
}

/** Whether this person may take the plan away as a file (export, print): all who plan with it, and
 *  observers where the council allows it. */
export function mayExport(who: CouncilRole, board: Pick<Board, 'observersExport'>): boolean {
	return who.role !== 'observer' || board.observersExport;
}
