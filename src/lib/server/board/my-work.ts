// 我的工作: what a unit's representative has to do, across the boards of its council: the unit's
// commitments, what it claimed, and the projects it leads or works on, newest board first, with
// what is overdue marked. Archived boards are done with and left out. An item carried over to a
// later board is followed up there, so it is listed once, on the later board (marked as carried
// over), with its claim; an older board left with nothing of the unit's is left out. Each commitment
// and project comes with its follow-up so far (the reports in its notes, progress and evidence,
// notes.ts), and a commitment done with the day the server saw it done (done_days, figures.ts),
// so that one done after its due day says 逾期完成 as the scorecard counts it.
import type { App } from '../app.ts';
import { listCouncilBoards } from '../council/councils.ts';
import { inPeriodOrder } from '../../board/model/periods.ts';
import { latestCopies } from '../../board/reports/carry-over.ts';
import { carriedOf, doneDaysOf, withServerDoneDays } from './figures.ts';
import { catchUp } from '../record/activity.ts';
import { unitRoom } from '../sync/rooms.ts';
import { followUp, type FollowUp } from '../../board/model/notes.ts';
import { carriedKey } from '../../board/reports/stats.ts';
import { readBoardContent } from '../docs/board-content.ts';
import { unitsRepresentedBy } from '../council/members.ts';
import {
	isDoneLate,
	isOverdue,
	isProjectOverdue,
	needClaimants,
	needState
} from '../../board/model/rules.ts';
import { todayIn } from '../../board/model/fields.ts';
import type { BoardStatus } from '../../board/model/status.ts';

export interface WorkBoard {
	id: string;
	title: string;
	period: string;
	status: BoardStatus;
	commitments: {
		id: string;
		content: string;
		responsible: string;
		due: string;
		status: string;
		/** The server's done day, for one done. */
		doneOn: string;
		overdue: boolean;
		doneLate: boolean;
		carried: boolean;
		project: string;
		history: FollowUp[];
	}[];
	claims: { kind: 'need' | 'project'; id: string; title: string; state: string }[];
	projects: {
		id: string;
		title: string;
		role: 'lead' | 'partner';
		start: string;
		end: string;
		status: string;
		overdue: boolean;
		carried: boolean;
		history: FollowUp[];
	}[];
}

export interface UnitWork {
	councilId: string;
	councilName: string;
	unitId: string;
	unitName: string;
	boards: WorkBoard[];
}

export async function myWork(app: App, userId: string, today = todayIn()): Promise<UnitWork[]> {
	const work: UnitWork[] = [];
	for (const unit of await unitsRepresentedBy(app.db, userId))
		work.push(await unitWork(app, unit, today));
	return work;
}

async function unitWork(
	app: App,
	unit: Awaited<ReturnType<typeof unitsRepresentedBy>>[number],
	today: string
): Promise<UnitWork> {
	const open = inPeriodOrder(
		(await listCouncilBoards(app.db, unit.councilId)).filter((b) => b.status !== 'archived')
	);
	const boards = [];
	for (const board of open) {
		// The unit's sheet read up to now, so that a done just made has its day.
		await catchUp(app.db, app.sync, unitRoom(board.id, unit.unitId));
		const content = withServerDoneDays(
			await readBoardContent(app, board),
			await doneDaysOf(app.db, board.id)
		);
		boards.push({ board, content, sheet: content.sheets.find((s) => s.unit.id === unit.unitId) });
	}
	// What is followed up where: each item on the latest board that has it, as 下一期 recorded it
	// (carry-over.ts, figures.ts), so that no copy written by hand hides the original.
	const carried = await carriedOf(
		app.db,
		boards.map((b) => b.board.id)
	);
	const from =
		(list: 'needs' | 'plan' | 'commitments', unitId: string) => (boardId: string, itemId: string) =>
			carried.get(boardId)?.get(carriedKey({ list, unitId, itemId }));
	const latest = new Set<string>();
	const keep = (kind: string, copies: { boardId: string; item: { id: string } }[]) =>
		copies.forEach((c) => latest.add(`${kind}:${c.boardId}:${c.item.id}`));
	keep(
		'need',
		latestCopies(
			boards.map((b) => ({ boardId: b.board.id, items: b.content.needs })),
			from('needs', '')
		)
	);
	keep(
		'project',
		latestCopies(
			boards.map((b) => ({ boardId: b.board.id, items: b.content.plan })),
			from('plan', '')
		)
	);
	keep(
		'commitment',
		latestCopies(
			boards.map((b) => ({ boardId: b.board.id, items: b.sheet?.commitments ?? [] })),
			from('commitments', unit.unitId)
		)
	);

	const work = boards.map(({ board, content, sheet }): WorkBoard => {
		const here = (kind: string, id: string) => latest.has(`${kind}:${board.id}:${id}`);
		const project = new Map(content.plan.map((p) => [p.id, p]));
		const need = new Map(content.needs.map((n) => [n.id, n]));
		const claimedBy = needClaimants(
			content.sheets.map((s) => ({ unitId: s.unit.id, claims: s.claims }))
		);
		return {
			id: board.id,
			title: board.title,
			period: board.period,
			status: board.status,
			commitments: (sheet?.commitments ?? [])
				.filter((c) => here('commitment', c.id))
				.map((c) => ({
					id: c.id,
					content: c.content,
					responsible: c.responsible,
					due: c.due,
					status: c.status,
					doneOn: c.doneOn,
					overdue: isOverdue(c, today),
					doneLate: isDoneLate(c),
					carried: from('commitments', unit.unitId)(board.id, c.id) !== undefined,
					project: project.get(c.project)?.title ?? '',
					history: followUp(c.notes, c.evidence)
				})),
			// Claims of items deleted since count for nothing, as on the board; a claim goes with its item.
			claims: (sheet?.claims ?? []).flatMap((c): WorkBoard['claims'] => {
				if (c.kind === 'need' && need.has(c.id) && here('need', c.id)) {
					const n = need.get(c.id)!;
					return [
						{
							kind: c.kind,
							id: c.id,
							title: n.title,
							state: needState(n, claimedBy.get(n.id) ?? [])
						}
					];
				}
				if (c.kind === 'project' && project.has(c.id) && here('project', c.id)) {
					const p = project.get(c.id)!;
					return [{ kind: c.kind, id: c.id, title: p.title, state: p.status }];
				}
				return [];
			}),
			projects: content.plan
				.filter(
					(p) =>
						(p.lead === unit.unitId || p.partners.includes(unit.unitId)) && here('project', p.id)
				)
				.map((p) => ({
					id: p.id,
					title: p.title,
					role: p.lead === unit.unitId ? 'lead' : 'partner',
					start: p.start,
					end: p.end,
					status: p.status,
					overdue: isProjectOverdue(p, today),
					carried: from('plan', '')(board.id, p.id) !== undefined,
					history: followUp(p.progress, p.evidence)
				}))
		};
	});
	// Newest first; an older board left with nothing of the unit's is left out.
	return {
		...unit,
		boards: work
			.reverse()
			.filter(
				(board, i) =>
					i === 0 || board.commitments.length + board.claims.length + board.projects.length > 0
			)
	};
}
