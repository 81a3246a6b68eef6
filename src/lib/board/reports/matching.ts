// The matching view (对接): needs beside the claims, pledges and projects that answer them; which
// needs are still open and which pledges nobody uses; and counts per unit. Pure functions over
// what the documents hold, so the page, the API and exports agree.
import type { ClaimTarget } from '../model/claims.ts';
import type { Plain } from '../model/fields.ts';
import type { Commitment, Need, PlanItem, Pledge } from '../model/lists/index.ts';
import { isOverdue, needClaimants, needState } from '../model/rules.ts';

/** What matching reads of a board: its lists, as live items or as plain content (Plain). */
export interface MatchedBoard {
	needs: readonly Plain<Need>[];
	plan: readonly Plain<PlanItem>[];
}

export interface UnitSheet {
	unitId: string;
	sheet: {
		pledges: readonly Plain<Pledge>[];
		commitments: readonly Plain<Commitment>[];
		claims: readonly ClaimTarget[];
	};
}

export interface UnitPledge {
	unitId: string;
	pledge: Plain<Pledge>;
}

export interface NeedMatch {
	need: Plain<Need>;
	state: Need['status'];
	/** Units that claimed the need. */
	claimedBy: string[];
	/** Pledges linked to the need itself or to a project that answers it. */
	pledges: UnitPledge[];
	projects: Plain<PlanItem>[];
	/** Nobody has claimed it, pledged to it or planned for it, and it is not done or closed. */
	open: boolean;
}

export interface UnitCounts {
	pledges: number;
	claims: number;
	commitments: number;
	done: number;
	overdue: number;
}

export interface Matching {
	needs: NeedMatch[];
	/** Each project's pledges (使用资源): those it lists and those a unit's sheet links to it. */
	projectPledges: Map<string, UnitPledge[]>;
	unusedPledges: UnitPledge[];
	perUnit: Map<string, UnitCounts>;
}

export function pledgeRef(unitId: string, pledgeId: string): string {
	return `${unitId}/${pledgeId}`;
}

export function match(board: MatchedBoard, sheets: UnitSheet[], today: string): Matching {
	const pledgeByRef = new Map<string, UnitPledge>();
	for (const { unitId, sheet } of sheets)
		for (const pledge of sheet.pledges)
			pledgeByRef.set(pledgeRef(unitId, pledge.id), { unitId, pledge });

	// Links and claims may point at items deleted since (from another document, which the person
	// deleting may not be able to write): those count for nothing.
	const existing = new Set([
		...board.needs.map((n) => `need:${n.id}`),
		...board.plan.map((p) => `project:${p.id}`)
	]);
	const used = new Set<string>();
	for (const [ref, { pledge }] of pledgeByRef) if (existing.has(pledge.link)) used.add(ref);
	for (const project of board.plan) for (const ref of project.pledges) used.add(ref);

	const projectPledges = new Map(
		board.plan.map((project) => {
			const refs = new Set(project.pledges);
			for (const [ref, { pledge }] of pledgeByRef)
				if (pledge.link === `project:${project.id}`) refs.add(ref);
			return [project.id, [...refs].flatMap((ref) => pledgeByRef.get(ref) ?? [])];
		})
	);

	const claimants = needClaimants(
		sheets.map(({ unitId, sheet }) => ({ unitId, claims: sheet.claims }))
	);
	const needs = board.needs.map((need): NeedMatch => {
		const claimedBy = claimants.get(need.id) ?? [];
		const projects = board.plan.filter(
			(p) => p.needs.includes(need.id) && p.status !== 'cancelled'
		);
		const refs = new Set<string>();
		for (const [ref, { pledge }] of pledgeByRef)
			if (pledge.link === `need:${need.id}`) refs.add(ref);
		const pledges = [...refs].flatMap((ref) => pledgeByRef.get(ref) ?? []);
		for (const project of projects)
			for (const p of projectPledges.get(project.id) ?? [])
				if (!pledges.includes(p)) pledges.push(p);
		const state = needState(need, claimedBy);
		const settled = state === 'done' || state === 'closed';
		return {
			need,
			state,
			claimedBy,
			pledges,
			projects,
			open: !settled && claimedBy.length === 0 && pledges.length === 0 && projects.length === 0
		};
	});

	const perUnit = new Map<string, UnitCounts>();
	for (const { unitId, sheet } of sheets) {
		perUnit.set(unitId, {
			pledges: sheet.pledges.length,
			claims: sheet.claims.filter((c) => existing.has(`${c.kind}:${c.id}`)).length,
			commitments: sheet.commitments.length,
			done: sheet.commitments.filter((c) => c.status === 'done').length,
			overdue: sheet.commitments.filter((c) => isOverdue(c, today)).length
		});
	}

	const unusedPledges = [...pledgeByRef].filter(([ref]) => !used.has(ref)).map(([, p]) => p);
	return { needs, projectPledges, unusedPledges, perUnit };
}
