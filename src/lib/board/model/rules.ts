// The rules that read items: a need's state as everyone sees it, what is overdue, kept on time or
// done late, and what carries over to the next period. Typed on the fields they read (Pick<>), so
// any shape of item that has them (a live one, a plain one without its order) can be asked.
import type { ClaimTarget } from './claims.ts';
import type { Commitment, Need, PlanItem } from './lists/index.ts';

/** The units that claimed each need, from their sheets: need id → unit ids (claims of needs
 *  deleted since are there too; they match no need). */
export function needClaimants(
	sheets: readonly { unitId: string; claims: readonly ClaimTarget[] }[]
): Map<string, string[]> {
	const by = new Map<string, string[]>();
	for (const { unitId, claims } of sheets)
		for (const c of claims) if (c.kind === 'need') by.set(c.id, [...(by.get(c.id) ?? []), unitId]);
	return by;
}

/**
 * A need's state as everyone is shown it — the card and its status choice, the phone's summary,
 * the matching, the dashboard, 我的工作, the exports: a need still marked open but claimed by some
 * unit is claimed (已认领); otherwise its status as set. The one place that decides it.
 */
export function needState(
	need: Pick<Need, 'status'>,
	claimedBy: readonly string[]
): Need['status'] {
	return need.status === 'open' && claimedBy.length > 0 ? 'claimed' : need.status;
}

/** 逾期: not done and due before today (dates as YYYY-MM-DD in the council's time zone). */
export function isOverdue(commitment: Pick<Commitment, 'status' | 'due'>, today: string): boolean {
	return commitment.status !== 'done' && commitment.due !== '' && commitment.due < today;
}

/** 按期完成: done, by its due date. One done without a recorded day (made before 实际完成日期 existed,
 *  or marked done in a spreadsheet) counts as on time: nothing says it was late. */
export function isDoneOnTime(commitment: Pick<Commitment, 'status' | 'due' | 'doneOn'>): boolean {
	return (
		commitment.status === 'done' &&
		(!commitment.due || !commitment.doneOn || commitment.doneOn <= commitment.due)
	);
}

/** 逾期完成: done on a day after its due day (the server's done day, figures.ts). */
export function isDoneLate(commitment: Pick<Commitment, 'status' | 'due' | 'doneOn'>): boolean {
	return commitment.status === 'done' && !isDoneOnTime(commitment);
}

/** A project is overdue when its end date has passed and it is neither done nor cancelled. */
export function isProjectOverdue(
	project: Pick<PlanItem, 'status' | 'end'>,
	today: string
): boolean {
	return (
		(project.status === 'preparing' || project.status === 'active') &&
		project.end !== '' &&
		project.end < today
	);
}

/** What carries over to the next period: needs not yet done or closed, projects not done or
 *  cancelled, commitments not done. */
export function isOpenNeed(need: Pick<Need, 'status'>): boolean {
	return need.status !== 'done' && need.status !== 'closed';
}
export function isUnfinishedProject(project: Pick<PlanItem, 'status'>): boolean {
	return project.status === 'preparing' || project.status === 'active';
}
export function isUnfinishedCommitment(commitment: Pick<Commitment, 'status'>): boolean {
	return commitment.status !== 'done';
}
