// 我的工作: what a unit's representative has to do, across the boards of its council: the unit's
// commitments, what it claimed, and the projects it leads or works on, newest board first, with
// what is overdue marked. Archived boards are done with and left out. An item carried over to a
// later board keeps its id there and is followed up there, so it is listed once, on the later board
// (marked as carried over); an older board left with nothing of the unit's is left out.
import type { App } from './app.ts';
import { listCouncilBoards } from './councils.ts';
import { readBoardContent } from './board-content.ts';
import { unitsRepresentedBy } from './members.ts';
import { isOverdue, isProjectOverdue, needState, todayIn } from '../board/lists.ts';
import type { BoardStatus } from '../board/status.ts';

export interface WorkBoard {
	id: string;
	title: string;
	period: string;
	status: BoardStatus;
	commitments: { id: string; content: string; responsible: string; due: string; status: string; overdue: boolean; carried: boolean; project: string }[];
	claims: { kind: 'need' | 'project'; id: string; title: string; state: string }[];
	projects: { id: string; title: string; role: 'lead' | 'partner'; start: string; end: string; status: string; overdue: boolean; carried: boolean }[];
}

export interface UnitWork {
	councilId: string;
	councilName: string;
	unitId: string;
	unitName: string;
	boards: WorkBoard[];
}

export function myWork(app: App, userId: string, today = todayIn()): UnitWork[] {
	return unitsRepresentedBy(app.db, userId).map((unit) => {
		// Newest board first. `laterCopyFrom` holds, for each item of the later boards, the board its
		// copy there was carried over from: on that board the item is left out (it is followed up on
		// the later one), with its claim; an item merely sharing the id is not.
		const laterCopyFrom = new Map<string, string>();
		const boards = listCouncilBoards(app.db, unit.councilId)
			.filter((b) => b.status !== 'archived')
			.reverse()
			.map((board): WorkBoard => {
				const content = readBoardContent(app, board);
				const sheet = content.sheets.find((s) => s.unit.id === unit.unitId);
				const here = (key: string) => laterCopyFrom.get(key) !== board.id;
				const projectTitle = new Map(content.plan.map((p) => [p.id, p.title]));
				const claimedBy = new Map<string, string[]>();
				for (const s of content.sheets) for (const c of s.claims) if (c.kind === 'need') claimedBy.set(c.id, [...(claimedBy.get(c.id) ?? []), s.unit.id]);
				const work: WorkBoard = {
					id: board.id,
					title: board.title,
					period: board.period,
					status: board.status,
					commitments: (sheet?.commitments ?? []).filter((c) => here(`commitment:${c.id}`)).map((c) => ({
						id: c.id,
						content: c.content,
						responsible: c.responsible,
						due: c.due,
						status: c.status,
						overdue: isOverdue(c, today),
						carried: c.carriedFrom !== '',
						project: projectTitle.get(c.project) ?? ''
					})),
					// Claims of items deleted since count for nothing, as on the board.
					claims: (sheet?.claims ?? []).filter((c) => here(`${c.kind}:${c.id}`)).flatMap((c): WorkBoard['claims'] => {
						const need = c.kind === 'need' ? content.needs.find((n) => n.id === c.id) : undefined;
						const project = c.kind === 'project' ? content.plan.find((p) => p.id === c.id) : undefined;
						if (need) return [{ kind: c.kind, id: c.id, title: need.title, state: needState(need as never, claimedBy.get(need.id) ?? []) }];
						if (project) return [{ kind: c.kind, id: c.id, title: project.title, state: project.status }];
						return [];
					}),
					projects: content.plan.filter((p) => (p.lead === unit.unitId || p.partners.includes(unit.unitId)) && here(`project:${p.id}`)).map((p) => ({
						id: p.id,
						title: p.title,
						role: p.lead === unit.unitId ? 'lead' : 'partner',
						start: p.start,
						end: p.end,
						status: p.status,
						overdue: isProjectOverdue(p, today),
						carried: p.carriedFrom !== ''
					}))
				};
				for (const n of content.needs) laterCopyFrom.set(`need:${n.id}`, n.carriedFrom);
				for (const p of content.plan) laterCopyFrom.set(`project:${p.id}`, p.carriedFrom);
				for (const c of sheet?.commitments ?? []) laterCopyFrom.set(`commitment:${c.id}`, c.carriedFrom);
				return work;
			})
			.filter((board, i) => i === 0 || board.commitments.length + board.claims.length + board.projects.length > 0);
		return { ...unit, boards };
	});
}
