// A unit's sheet (its pledges, claims and commitments, one document per unit and board): written by
// the secretaries and that unit's own representatives, read by everyone else who may see the board;
// once the plan is agreed, read by everyone (board.ts). The same people confirm the sheet at
// agreement and report on its commitments in follow-up.
import type { Board } from '../council/councils.ts';
import { isLocked } from '../../board/model/status.ts';
import { mayManageBoard, type Access } from './board.ts';
import type { CouncilRole } from './council.ts';

/** Whether the sheet of `unitId` is this person's to speak for: a secretary's, or its own unit's. */
function speaksFor(who: CouncilRole, unitId: string): boolean {
	return mayManageBoard(who) || (who.role === 'unit_rep' && who.unitId === unitId);
}

/** The right to one unit's sheet, for someone who may see the board. */
export function sheetAccess(
	who: CouncilRole,
	board: Pick<Board, 'status'>,
	unitId: string
): Access {
	return !isLocked(board.status) && speaksFor(who, unitId) ? 'write' : 'read';
}

/** Whether this person may confirm the unit's sheet at agreement (agreement.ts refuses a locked plan). */
export function mayConfirmSheet(who: CouncilRole, unitId: string): boolean {
	return speaksFor(who, unitId);
}

/** Whether this person may report on a commitment of the unit (board.ts says when reports are taken). */
export function mayReportOnCommitment(who: CouncilRole, unitId: string): boolean {
	return speaksFor(who, unitId);
}
