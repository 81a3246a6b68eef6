// A board's content as plain JSON: the board document's lists and every unit's sheet, for the read
// API and exports. Item order is the list order; the fractional keys themselves are left out.
import type * as Y from 'yjs';
import type { Plain } from '../model/fields.ts';
import type {
	AgendaItem,
	Attendance,
	Decision,
	Meeting,
	MeetingsContent
} from '../model/meetings.ts';
import { readBoard, readSheet } from './lists.ts';
import type { Claim } from '../model/claims.ts';
import type { Commitment, Need, PlanItem, Pledge } from '../model/lists/index.ts';

/** The items in list order, without their fractional keys. */
export const plain = <T extends { order: string }>(items: T[]): Plain<T>[] =>
	items.map(({ order: _order, ...rest }) => rest);

export interface SheetContent {
	unit: { id: string; name: string };
	pledges: Plain<Pledge>[];
	commitments: Plain<Commitment>[];
	claims: Claim[];
}

export interface BoardContent {
	needs: Plain<Need>[];
	plan: Plain<PlanItem>[];
	sheets: SheetContent[];
}

export function boardContent(
	board: Y.Doc,
	sheets: { unit: { id: string; name: string }; doc: Y.Doc }[]
): BoardContent {
	const lists = readBoard(board);
	return {
		needs: plain(lists.needs),
		plan: plain(lists.plan),
		sheets: sheets.map(({ unit, doc }) => {
			const sheet = readSheet(doc);
			return {
				unit,
				pledges: plain(sheet.pledges),
				commitments: plain(sheet.commitments),
				claims: sheet.claims
			};
		})
	};
}

export interface MeetingsExport {
	meetings: Plain<Meeting>[];
	agenda: Plain<AgendaItem>[];
	decisions: Plain<Decision>[];
	attendance: Attendance[];
}

/** The meetings like the content: in list order, without the fractional keys. */
export function plainMeetings({
	meetings,
	agenda,
	decisions,
	attendance
}: MeetingsContent): MeetingsExport {
	return {
		meetings: plain(meetings),
		agenda: plain(agenda),
		decisions: plain(decisions),
		attendance
	};
}
