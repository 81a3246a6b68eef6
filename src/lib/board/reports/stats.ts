// The figures of the dashboard (看板) and the unit scorecard (点评): pure functions over what a
// board's documents hold, so that the page, the API, the Excel file and the tests count alike.
//   board:    needs by category and state, pledges by unit and kind, projects, commitments per
//             unit (done / in progress / not started / overdue), attendance per unit, what is overdue;
//   council:  one row per board (period) with the same figures summed, and the boards taken
//             together (each carried-over item once) with the board's figures;
//   scorecard: per unit over a year's boards: commitments kept on time, pledges delivered, attendance.
// Across boards, what was carried over comes from the server's record (ScoredBoard.carried), and a
// commitment's done day is whatever the caller put in `doneOn`: the server puts its own day there
// (server/board/figures.ts), never the document's.
import type { BoardContent, SheetContent } from '../ydoc/content.ts';
import type { MeetingsContent } from '../model/meetings.ts';
import type { BoardStatus } from '../model/status.ts';
import { latestCopies, type CarriedRow } from './carry-over.ts';
import {
	NEED_CATEGORIES,
	PLAN_STATUSES,
	PLEDGE_KINDS,
	type Commitment
} from '../model/lists/index.ts';
import {
	isDoneOnTime,
	isOverdue,
	isProjectOverdue,
	needClaimants,
	needState
} from '../model/rules.ts';

/** A need is open (待认领), claimed (已认领 or 进行中: some unit is on it) or settled (已完成 or 已关闭). */
export const NEED_BUCKETS = ['open', 'claimed', 'settled'] as const;
export type NeedBucket = (typeof NEED_BUCKETS)[number];

/** A commitment is done, overdue (not done, due date passed), in progress or not started. */
export const COMMITMENT_BUCKETS = ['done', 'in_progress', 'not_started', 'overdue'] as const;
export type CommitmentBucket = (typeof COMMITMENT_BUCKETS)[number];

type Category = (typeof NEED_CATEGORIES)[number];
type PledgeKind = (typeof PLEDGE_KINDS)[number];
type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface UnitRef {
	id: string;
	name: string;
}

export interface BoardStats {
	today: string;
	needs: {
		total: number;
		byState: Record<NeedBucket, number>;
		byCategory: ({ category: Category; total: number } & Record<NeedBucket, number>)[];
	};
	pledges: {
		total: number;
		delivered: number;
		byKind: Record<PledgeKind, number>;
		byUnit: {
			unitId: string;
			unit: string;
			total: number;
			delivered: number;
			byKind: Record<PledgeKind, number>;
		}[];
	};
	projects: { total: number; overdue: number; byStatus: Record<PlanStatus, number> };
	commitments: {
		total: number;
		byState: Record<CommitmentBucket, number>;
		byUnit: ({ unitId: string; unit: string; total: number } & Record<CommitmentBucket, number>)[];
	};
	attendance: {
		/** Meetings held so far: dated today or earlier (heldMeetings). */
		meetings: number;
		/** Attended (出席 or 列席) over units × meetings held; null before any meeting. */
		rate: number | null;
		byUnit: {
			unitId: string;
			unit: string;
			present: number;
			sittingIn: number;
			leave: number;
			absent: number;
			rate: number | null;
		}[];
	};
	overdue: {
		commitments: {
			unitId: string;
			unit: string;
			id: string;
			content: string;
			responsible: string;
			due: string;
			status: Commitment['status'];
		}[];
		projects: {
			id: string;
			title: string;
			leadId: string;
			lead: string;
			end: string;
			status: PlanStatus;
		}[];
	};
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
	Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function needBucket(state: string): NeedBucket {
	return state === 'open'
		? 'open'
		: state === 'claimed' || state === 'active'
			? 'claimed'
			: 'settled';
}

export function commitmentBucket(
	commitment: Pick<Commitment, 'status' | 'due'>,
	today: string
): CommitmentBucket {
	return isOverdue(commitment, today) ? 'overdue' : commitment.status;
}

/**
 * The meetings that count for attendance: those held by `today`, that is dated today or earlier.
 * Attendance recorded for a meeting not yet held (a check-in before it was put off, apologies sent
 * ahead) does not make it held, and a meeting without a date has not been held as far as anyone
 * can tell: counting either would mark every other unit 缺席 for a meeting that has not happened.
 */
export function heldMeetings(meetings: MeetingsContent, today: string): string[] {
	return meetings.meetings.filter((m) => m.date !== '' && m.date <= today).map((m) => m.id);
}

/** Per unit: how it attended the meetings held. A unit with nothing recorded for a meeting was absent. */
function attendanceOf(meetings: MeetingsContent, units: UnitRef[], today: string) {
	const held = heldMeetings(meetings, today);
	const status = new Map(meetings.attendance.map((a) => [`${a.meetingId}/${a.unitId}`, a.status]));
	const byUnit = units.map((unit) => {
		const counts = { present: 0, sittingIn: 0, leave: 0, absent: 0 };
		for (const meetingId of held) {
			const s = status.get(`${meetingId}/${unit.id}`) ?? 'absent';
			counts[s === 'sitting_in' ? 'sittingIn' : s]++;
		}
		return {
			unitId: unit.id,
			unit: unit.name,
			...counts,
			rate: rate(counts.present + counts.sittingIn, held.length)
		};
	});
	const attended = byUnit.reduce((n, u) => n + u.present + u.sittingIn, 0);
	return { meetings: held.length, rate: rate(attended, held.length * units.length), byUnit };
}

/** The dashboard of one board. `units` are the council's units (a sheet's own name is used for one no longer there). */
export function boardStats(
	content: BoardContent,
	meetings: MeetingsContent,
	units: UnitRef[],
	today: string
): BoardStats {
	const unitName = new Map(units.map((u) => [u.id, u.name]));
	for (const sheet of content.sheets)
		if (!unitName.has(sheet.unit.id)) unitName.set(sheet.unit.id, sheet.unit.name);
	const name = (id: string) => unitName.get(id) ?? '';

	// Needs: claimed by a unit reads as claimed (as on the board); claims of deleted needs count for nothing.
	const claimed = needClaimants(
		content.sheets.map((s) => ({ unitId: s.unit.id, claims: s.claims }))
	);
	const needsByState = zeros(NEED_BUCKETS);
	const byCategory = new Map(
		NEED_CATEGORIES.map((category) => [category, { category, total: 0, ...zeros(NEED_BUCKETS) }])
	);
	for (const need of content.needs) {
		const bucket = needBucket(needState(need, claimed.get(need.id) ?? []));
		needsByState[bucket]++;
		const row = byCategory.get(need.category)!;
		row[bucket]++;
		row.total++;
	}

	const pledgeKinds = zeros(PLEDGE_KINDS);
	let delivered = 0;
	const pledgeUnits = content.sheets.map((sheet) => {
		const byKind = zeros(PLEDGE_KINDS);
		for (const p of sheet.pledges) {
			byKind[p.kind]++;
			pledgeKinds[p.kind]++;
		}
		const unitDelivered = sheet.pledges.filter((p) => p.state === 'delivered').length;
		delivered += unitDelivered;
		return {
			unitId: sheet.unit.id,
			unit: name(sheet.unit.id),
			total: sheet.pledges.length,
			delivered: unitDelivered,
			byKind
		};
	});

	const commitmentsByState = zeros(COMMITMENT_BUCKETS);
	const overdueCommitments: BoardStats['overdue']['commitments'] = [];
	const commitmentUnits = content.sheets.map((sheet) => {
		const row = {
			unitId: sheet.unit.id,
			unit: name(sheet.unit.id),
			total: sheet.commitments.length,
			...zeros(COMMITMENT_BUCKETS)
		};
		for (const c of sheet.commitments) {
			const bucket = commitmentBucket(c, today);
			row[bucket]++;
			commitmentsByState[bucket]++;
			if (bucket === 'overdue')
				overdueCommitments.push({
					unitId: sheet.unit.id,
					unit: row.unit,
					id: c.id,
					content: c.content,
					responsible: c.responsible,
					due: c.due,
					status: c.status
				});
		}
		return row;
	});

	const byStatus = zeros(PLAN_STATUSES);
	for (const p of content.plan) byStatus[p.status]++;
	const overdueProjects = content.plan
		.filter((p) => isProjectOverdue(p, today))
		.map((p) => ({
			id: p.id,
			title: p.title,
			leadId: p.lead,
			lead: name(p.lead),
			end: p.end,
			status: p.status
		}));

	const sheetUnits = content.sheets.map((s) => ({ id: s.unit.id, name: name(s.unit.id) }));
	return {
		today,
		needs: {
			total: content.needs.length,
			byState: needsByState,
			byCategory: [...byCategory.values()]
		},
		pledges: {
			total: pledgeUnits.reduce((n, u) => n + u.total, 0),
			delivered,
			byKind: pledgeKinds,
			byUnit: pledgeUnits
		},
		projects: { total: content.plan.length, overdue: overdueProjects.length, byStatus },
		commitments: {
			total: commitmentUnits.reduce((n, u) => n + u.total, 0),
			byState: commitmentsByState,
			byUnit: commitmentUnits
		},
		attendance: attendanceOf(meetings, sheetUnits, today),
		overdue: {
			commitments: overdueCommitments.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0)),
			projects: overdueProjects.sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0))
		}
	};
}

// ---- the council across periods ---------------------------------------------------------------

export interface PeriodRow {
	boardId: string;
	title: string;
	period: string;
	status: BoardStatus;
	needs: number;
	needsOpen: number;
	needsClaimed: number;
	needsSettled: number;
	projects: number;
	projectsDone: number;
	pledges: number;
	pledgesDelivered: number;
	pledgesByKind: Record<PledgeKind, number>;
	commitments: number;
	commitmentsDone: number;
	commitmentsOverdue: number;
	meetings: number;
	attendanceRate: number | null;
}

/** One row per board, in the order given (oldest first). */
export function periodRow(
	board: { id: string; title: string; period: string; status: BoardStatus },
	stats: BoardStats
): PeriodRow {
	return {
		boardId: board.id,
		title: board.title,
		period: board.period,
		status: board.status,
		needs: stats.needs.total,
		needsOpen: stats.needs.byState.open,
		needsClaimed: stats.needs.byState.claimed,
		needsSettled: stats.needs.byState.settled,
		projects: stats.projects.total,
		projectsDone: stats.projects.byStatus.done,
		pledges: stats.pledges.total,
		pledgesDelivered: stats.pledges.delivered,
		pledgesByKind: stats.pledges.byKind,
		commitments: stats.commitments.total,
		commitmentsDone: stats.commitments.byState.done,
		commitmentsOverdue: stats.commitments.byState.overdue,
		meetings: stats.attendance.meetings,
		attendanceRate: stats.attendance.rate
	};
}

type Overdue = BoardStats['overdue'];
/** The council's boards taken together; each overdue item names the board it is followed up on. */
export interface CouncilTotals extends Omit<BoardStats, 'overdue'> {
	overdue: {
		commitments: (Overdue['commitments'][number] & { boardId: string })[];
		projects: (Overdue['projects'][number] & { boardId: string })[];
	};
}

/**
 * The council's boards taken as one (oldest first): the board's figures over their union, where an
 * item carried over to a later board (it keeps its id) counts once, as the latest board has it, and
 * every board's meetings count.
 */
export function councilTotals(
	boards: ScoredBoard[],
	units: UnitRef[],
	today: string
): CouncilTotals {
	const sheetsOf = new Map<string, { boardId: string; sheet: SheetContent }[]>();
	for (const board of boards) {
		for (const sheet of board.content.sheets) {
			if (!sheetsOf.has(sheet.unit.id)) sheetsOf.set(sheet.unit.id, []);
			sheetsOf.get(sheet.unit.id)!.push({ boardId: board.id, sheet });
		}
	}
	const position = new Map(units.map((u, i) => [u.id, i]));
	const place = (unitId: string) => position.get(unitId) ?? units.length; // units no longer there last
	const from = carriedFrom(boards);
	const needs = latestCopies(
		boards.map((b) => ({ boardId: b.id, items: b.content.needs })),
		from('needs', '')
	);
	const plan = latestCopies(
		boards.map((b) => ({ boardId: b.id, items: b.content.plan })),
		from('plan', '')
	);
	// What is overdue is followed up on the latest board that has it. Keyed by id, so only the overdue
	// copies are entered: an item written elsewhere with the same id (not carried) does not move it.
	const boardOf = new Map(
		plan
			.filter(({ item }) => isProjectOverdue(item, today))
			.map(({ boardId, item }) => [`plan:${item.id}`, boardId])
	);
	const sheets = [...sheetsOf.values()].map((own) => {
		const unit = own.at(-1)!.sheet.unit;
		const commitments = latestCopies(
			own.map((s) => ({ boardId: s.boardId, items: s.sheet.commitments })),
			from('commitments', unit.id)
		);
		for (const { boardId, item } of commitments)
			if (isOverdue(item, today)) boardOf.set(`${unit.id}:${item.id}`, boardId);
		return {
			unit,
			pledges: own.flatMap((s) => s.sheet.pledges),
			commitments: commitments.map((c) => c.item),
			// A claim is of an item: claimed on any board, it is claimed (counted once).
			claims: [
				...new Map(own.flatMap((s) => s.sheet.claims).map((c) => [`${c.kind}:${c.id}`, c])).values()
			]
		};
	});
	const content: BoardContent = {
		needs: needs.map((n) => n.item),
		plan: plan.map((p) => p.item),
		sheets: sheets.sort((a, b) => place(a.unit.id) - place(b.unit.id))
	};
	const meetings: MeetingsContent = {
		meetings: boards.flatMap((b) => b.meetings.meetings),
		agenda: [],
		decisions: [],
		attendance: boards.flatMap((b) => b.meetings.attendance)
	};
	const stats = boardStats(content, meetings, units, today);
	return {
		...stats,
		overdue: {
			commitments: stats.overdue.commitments.map((c) => ({
				...c,
				boardId: boardOf.get(`${c.unitId}:${c.id}`)!
			})),
			projects: stats.overdue.projects.map((p) => ({ ...p, boardId: boardOf.get(`plan:${p.id}`)! }))
		}
	};
}

// ---- the unit scorecard (点评) -------------------------------------------------------------------

export interface ScoreRow {
	unitId: string;
	unit: string;
	commitments: number;
	/** Done by the due date (or with no due date). */
	onTime: number;
	/** Done, after the due date. */
	late: number;
	/** Not done; `overdue` of these are past their due date. */
	open: number;
	overdue: number;
	pledges: number;
	delivered: number;
	meetings: number;
	attended: number;
	leave: number;
	/** On time ÷ (done + overdue): of what has fallen due, how much was kept on time. */
	onTimeRate: number | null;
	deliveredRate: number | null;
	attendanceRate: number | null;
}

export interface ScoredBoard {
	id: string;
	content: BoardContent;
	meetings: MeetingsContent;
	/** What 下一期 recorded as carried onto this board: `list:unitId:itemId` → the board it came from. */
	carried: ReadonlyMap<string, string>;
}

export const carriedKey = (row: CarriedRow) => `${row.list}:${row.unitId}:${row.itemId}`;

/** The boards' provenance, as latestCopies asks for it, for one list (of one unit's sheets). */
const carriedFrom = (boards: ScoredBoard[]) => {
	const byId = new Map(boards.map((b) => [b.id, b.carried]));
	return (list: CarriedRow['list'], unitId: string) => (boardId: string, itemId: string) =>
		byId.get(boardId)?.get(carriedKey({ list, unitId, itemId }));
};

/**
 * Each unit over a year's boards, oldest first. A commitment carried over to a later board keeps its
 * id there, so each is counted once, as the latest board has it; pledges and meetings belong to the
 * board they are on.
 */
export function scorecard(boards: ScoredBoard[], units: UnitRef[], today: string): ScoreRow[] {
	const rows = new Map(
		units.map((u) => [
			u.id,
			{
				commitments: [] as { boardId: string; items: Commitment[] }[],
				pledges: 0,
				delivered: 0,
				meetings: 0,
				attended: 0,
				leave: 0
			}
		])
	);
	for (const board of boards) {
		for (const sheet of board.content.sheets) {
			const row = rows.get(sheet.unit.id);
			if (!row) continue;
			row.commitments.push({ boardId: board.id, items: sheet.commitments as Commitment[] });
			row.pledges += sheet.pledges.length;
			row.delivered += sheet.pledges.filter((p) => p.state === 'delivered').length;
		}
		const held = heldMeetings(board.meetings, today);
		const status = new Map(
			board.meetings.attendance.map((a) => [`${a.meetingId}/${a.unitId}`, a.status])
		);
		for (const [unitId, row] of rows) {
			for (const meetingId of held) {
				const s = status.get(`${meetingId}/${unitId}`);
				row.meetings++;
				if (s === 'present' || s === 'sitting_in') row.attended++;
				else if (s === 'leave') row.leave++;
			}
		}
	}
	const from = carriedFrom(boards);
	return units.map((unit) => {
		const row = rows.get(unit.id)!;
		const commitments = latestCopies(row.commitments, from('commitments', unit.id)).map(
			(c) => c.item
		);
		const done = commitments.filter((c) => c.status === 'done');
		const onTime = done.filter(isDoneOnTime).length;
		const overdue = commitments.filter((c) => isOverdue(c, today)).length;
		return {
			unitId: unit.id,
			unit: unit.name,
			commitments: commitments.length,
			onTime,
			late: done.length - onTime,
			open: commitments.length - done.length,
			overdue,
			pledges: row.pledges,
			delivered: row.delivered,
			meetings: row.meetings,
			attended: row.attended,
			leave: row.leave,
			// Of the commitments that have fallen due (done, or past their due date): one not yet due
			// is not yet a failure.
			onTimeRate: rate(onTime, done.length + overdue),
			deliveredRate: rate(row.delivered, row.pledges),
			attendanceRate: rate(row.attended, row.meetings)
		};
	});
}
