// A board's meetings (one document per board): kept by the secretaries, also once the plan is agreed
// (the minutes of the meeting that agreed it come after), until the board is archived; read by
// everyone else who may see the board. The same holds for the meetings' check-in codes, which only
// secretaries are shown. Checking in is a unit representative's, for their own unit, on a board not
// archived; check-in.ts adds the code and the meeting's window.
import type { Board } from '../council/councils.ts';
import { mayManageBoard, type Access } from './board.ts';
import type { CouncilRole } from './council.ts';

/** Whether the meetings are still kept: not once the board is archived. */
const meetingsOpen = (board: Pick<Board, 'status'>) => board.status !== 'archived';

export function meetingsAccess(who: CouncilRole, board: Pick<Board, 'status'>): Access {
	return mayManageBoard(who) && meetingsOpen(board) ? 'write' : 'read';
}

/** Whether this person is shown (and may replace) a meeting's check-in code. */
export function mayIssueCheckInCode(who: CouncilRole, board: Pick<Board, 'status'>): boolean {
	return mayManageBoard(who) && meetingsOpen(board);
}

/** Why someone may not check in at a meeting of this board (a person of another council is an
 *  `outsider`, told nothing of the council), or the unit they check in. */
export type CheckInRight =
	{ ok: true; unitId: string } | { ok: false; reason: 'outsider' | 'archived' | 'notRep' };

export function checkInRight(who: CouncilRole | null, board: Pick<Board, 'status'>): CheckInRight {
	if (!who) return { ok: false, reason: 'outsider' };
	if (!meetingsOpen(board)) return { ok: false, reason: 'archived' };
	if (who.role !== 'unit_rep' || !who.unitId) return { ok: false, reason: 'notRep' };
	return { ok: true, unitId: who.unitId };
}
