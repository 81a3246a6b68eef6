// What a person may do with a board, from their place in its council (council.ts):
//   the board document: secretaries, members and unit representatives write; observers read; once
//   the plan is agreed (and in tracking, archived) everyone reads: its documents change only through
//   the server from then on;
//   the secretaries run the board: its status, versions (a restore only while the plan is not agreed),
//   the next period's board, the check-in codes (meetings.ts), presenting to followers, correcting the
//   day the server recorded a commitment done (it scores the unit, so not the unit itself);
//   whoever may write the board document imports into it (the sync server checks each change);
//   follow-up reports are taken while the plan is drafted and discussed and in tracking: a project
//   is its lead unit's to report on (a commitment is its unit's, sheet.ts), and any secretary's;
//   a board is taken away as a file (export, print) by all who plan with it, and by observers where
//   the council allows it.
import type { Db } from '../db/index.ts';
import type { Role } from '../../council.ts';
import type { SessionUser } from '../auth/session.ts';
import { getBoard, type Board } from '../council/councils.ts';
import { isLocked, type BoardStatus } from '../../board/model/status.ts';
import { mayManageCouncil, roleInCouncil, type CouncilRole } from './council.ts';

export type Access = 'write' | 'read';

export type BoardAccess =
	| ({ ok: true; board: Board; access: Access } & CouncilRole)
	| { ok: false; reason: 'not-found' | 'forbidden' };

/** A person's rights to a board they may see. */
export type BoardRights = Extract<BoardAccess, { ok: true }>;

const DOCUMENT_ACCESS: Record<Role, Access> = {
	secretary: 'write',
	member: 'write',
	unit_rep: 'write',
	observer: 'read'
};

/** The right to the board document itself (needs, plan). */
export function documentAccess(who: CouncilRole, board: Pick<Board, 'status'>): Access {
	return isLocked(board.status) ? 'read' : DOCUMENT_ACCESS[who.role];
}

/** The board with this person's place and their right to its document; not-found for an unknown
 *  board, forbidden for one of a council they have no place in. */
export async function boardAccess(
	db: Db,
	user: SessionUser,
	boardId: string
): Promise<BoardAccess> {
	const board = await getBoard(db, boardId);
	if (!board) return { ok: false, reason: 'not-found' };
	const who = await roleInCouncil(db, user, board.councilId);
	if (!who) return { ok: false, reason: 'forbidden' };
	return { ok: true, board, ...who, access: documentAccess(who, board) };
}

/** Whether this person runs the board: moves its status, takes versions, makes the next period's
 *  board, shows the check-in code: the council's secretaries. */
export function mayManageBoard(who: CouncilRole): boolean {
	return mayManageCouncil(who);
}

/** Whether this person may present to the board's followers (awareness.ts), whatever they may write. */
export function mayPresent(who: CouncilRole): boolean {
	return mayManageBoard(who);
}

/** Whether a version may be restored into the board now: an agreed plan is reopened (back to 会议中)
 *  before anything is restored into it. */
export function mayRestoreVersion(who: CouncilRole, board: Pick<Board, 'status'>): boolean {
	return mayManageBoard(who) && !isLocked(board.status);
}

/** Whether this person may correct the day the server recorded a commitment done. */
export function mayCorrectDoneDay(who: CouncilRole): boolean {
	return mayManageBoard(who);
}

/** Whether this person may import a spreadsheet into the board: whoever may write its document. */
export function mayImport(rights: Pick<BoardRights, 'access'>): boolean {
	return rights.access === 'write';
}

/** Whether this person may take the plan away as a file (export, print, the scorecard's Excel file). */
export function mayExport(who: CouncilRole, council: { observersExport: boolean }): boolean {
	return who.role !== 'observer' || council.observersExport;
}

/** Whether follow-up reports are taken: while the plan is drafted and discussed (the person could
 *  edit the item anyway) and in tracking; not between agreement and tracking, nor once archived. */
export function takesReports(status: BoardStatus): boolean {
	return status === 'tracking' || !isLocked(status);
}

/** Whether this person may report on a project (the board document's plan) led by `lead`. */
export function mayReportOnProject(who: CouncilRole, lead: string): boolean {
	return mayManageBoard(who) || (who.role === 'unit_rep' && who.unitId === lead);
}
