// The board's lists. Needs (需求清单) and the activity plan (项目清单) live in the board document
// `board:<boardId>`; each unit's pledges (资源清单), claims (认领) and commitments (承诺) live in its
// own sheet `board:<boardId>:unit:<unitId>`, so that the server can give each unit the right to
// write its own sheet and nothing else.
import * as Y from 'yjs';
import { TITLE_MAX, listMap, readItems, todayIn, type Item, type ListSpec } from './list.ts';

export const NEED_CATEGORIES = [
	'elderly',
	'health',
	'education',
	'environment',
	'employment',
	'culture',
	'legal',
	'safety',
	'other'
] as const;
export const NEED_SOURCES = ['resident', 'grid', 'unit'] as const;
export const NEED_URGENCIES = ['normal', 'urgent', 'critical'] as const;
export const NEED_STATUSES = ['open', 'claimed', 'active', 'done', 'closed'] as const;
export const PLAN_STATUSES = ['preparing', 'active', 'done', 'cancelled'] as const;
export const PLEDGE_KINDS = [
	'venue',
	'funds',
	'volunteers',
	'equipment',
	'service',
	'other'
] as const;
export const PLEDGE_STATES = ['offered', 'confirmed', 'delivered'] as const;
export const COMMITMENT_STATUSES = ['not_started', 'in_progress', 'done'] as const;

export const NEEDS = {
	name: 'needs',
	fields: {
		title: { kind: 'text', required: true, max: TITLE_MAX },
		details: { kind: 'text', multiline: true },
		category: { kind: 'choice', options: NEED_CATEGORIES },
		source: { kind: 'choice', options: NEED_SOURCES },
		raisedBy: { kind: 'text', max: 100 },
		beneficiaries: { kind: 'number', min: 0, max: 1_000_000 },
		urgency: { kind: 'choice', options: NEED_URGENCIES },
		status: { kind: 'choice', options: NEED_STATUSES },
		/** 上期结转: the board this need was carried over from (with the same item id), or ''. */
		carriedFrom: { kind: 'ref', to: 'board' }
	}
} as const satisfies ListSpec;

export const PLAN = {
	name: 'plan',
	fields: {
		title: { kind: 'text', required: true, max: TITLE_MAX },
		description: { kind: 'text', multiline: true },
		category: { kind: 'choice', options: NEED_CATEGORIES },
		needs: { kind: 'refs', to: 'need' },
		lead: { kind: 'ref', to: 'unit' },
		partners: { kind: 'refs', to: 'unit' },
		start: { kind: 'date' },
		end: { kind: 'date', notBefore: 'start' },
		place: { kind: 'text', max: 100 },
		beneficiaries: { kind: 'number', min: 0, max: 1_000_000 },
		pledges: { kind: 'refs', to: 'pledge' },
		status: { kind: 'choice', options: PLAN_STATUSES },
		/** Follow-up: what has been done, as the lead unit reports it. */
		progress: { kind: 'text', multiline: true },
		/** 佐证: where the proof is (photos, sign-in sheets, ledger numbers). */
		evidence: { kind: 'text', multiline: true },
		carriedFrom: { kind: 'ref', to: 'board' }
	}
} as const satisfies ListSpec;

export const PLEDGES = {
	name: 'pledges',
	fields: {
		title: { kind: 'text', required: true, max: TITLE_MAX },
		kind: { kind: 'choice', options: PLEDGE_KINDS },
		quantity: { kind: 'number', min: 0, max: 1_000_000_000 },
		measure: { kind: 'text', max: 20 },
		availability: { kind: 'text', max: 200 },
		contact: { kind: 'text', max: 100 },
		link: { kind: 'ref', to: 'need|project' },
		state: { kind: 'choice', options: PLEDGE_STATES }
	}
} as const satisfies ListSpec;

export const COMMITMENTS = {
	name: 'commitments',
	fields: {
		content: { kind: 'text', required: true, max: 500 },
		responsible: { kind: 'text', max: 100 },
		due: { kind: 'date' },
		project: { kind: 'ref', to: 'project' },
		status: { kind: 'choice', options: COMMITMENT_STATUSES },
		/** 实际完成日期: written when the status becomes done (and cleared when it leaves it), so that
		 *  "kept on time" can be told later; a secretary may correct it. */
		doneOn: { kind: 'date', stamp: { field: 'status', value: 'done' } },
		notes: { kind: 'text', multiline: true },
		evidence: { kind: 'text', multiline: true },
		carriedFrom: { kind: 'ref', to: 'board' }
	}
} as const satisfies ListSpec;

/** The word list naming each choice field's options, `t(`${words}.${value}`)`: for the board, exports and the record. */
export const OPTION_WORDS: Record<string, string> = {
	'needs.category': 'category',
	'needs.source': 'source',
	'needs.urgency': 'urgency',
	'needs.status': 'needStatus',
	'plan.category': 'category',
	'plan.status': 'status',
	'pledges.kind': 'pledgeKind',
	'pledges.state': 'pledgeState',
	'commitments.status': 'commitmentStatus'
};

export type Need = Item<typeof NEEDS>;
export type PlanItem = Item<typeof PLAN>;
export type Pledge = Item<typeof PLEDGES>;
export type Commitment = Item<typeof COMMITMENTS>;

/** The lists of the board document, and of a unit's sheet. */
export const BOARD_LISTS = [NEEDS, PLAN] as const;
export const SHEET_LISTS = [PLEDGES, COMMITMENTS] as const;

// ---- claims (认领) ----------------------------------------------------------------------------
// A unit claims a need or a project from its own sheet: the `claims` map is keyed by what is
// claimed (`need:<id>` / `project:<id>`), so a unit claims a thing once however many click at once.

export type ClaimTarget = { kind: 'need' | 'project'; id: string };
export interface Claim extends ClaimTarget {
	by: string;
	at: string;
}

export function claimKey(target: ClaimTarget): string {
	return `${target.kind}:${target.id}`;
}

export function parseClaimKey(key: string): ClaimTarget | null {
	const match = /^(need|project):([a-z0-9]+)$/.exec(key);
	return match ? { kind: match[1] as ClaimTarget['kind'], id: match[2]! } : null;
}

function claimsMap(sheet: Y.Doc): Y.Map<Y.Map<string>> {
	return sheet.getMap('claims');
}

export function claim(
	sheet: Y.Doc,
	target: ClaimTarget,
	by: string,
	origin?: unknown,
	at = new Date().toISOString()
): void {
	const key = claimKey(target);
	if (claimsMap(sheet).has(key)) return;
	sheet.transact(() => {
		const entry = new Y.Map<string>();
		entry.set('by', by);
		entry.set('at', at);
		claimsMap(sheet).set(key, entry);
	}, origin);
}

export function unclaim(sheet: Y.Doc, target: ClaimTarget, origin?: unknown): void {
	sheet.transact(() => claimsMap(sheet).delete(claimKey(target)), origin);
}

export function readClaims(sheet: Y.Doc): Claim[] {
	const claims: Claim[] = [];
	for (const [key, entry] of claimsMap(sheet)) {
		const target = parseClaimKey(key);
		if (!target || !(entry instanceof Y.Map)) continue;
		claims.push({
			...target,
			by: String(entry.get('by') ?? ''),
			at: String(entry.get('at') ?? '')
		});
	}
	return claims.sort((a, b) => (a.at < b.at ? -1 : 1));
}

// ---- what a sheet and the board hold ---------------------------------------------------------

export interface Sheet {
	pledges: Pledge[];
	commitments: Commitment[];
	claims: Claim[];
}

export function readSheet(sheet: Y.Doc): Sheet {
	return {
		pledges: readItems(sheet, PLEDGES),
		commitments: readItems(sheet, COMMITMENTS),
		claims: readClaims(sheet)
	};
}

export interface BoardLists {
	needs: Need[];
	plan: PlanItem[];
}

export function readBoard(doc: Y.Doc): BoardLists {
	return { needs: readItems(doc, NEEDS), plan: readItems(doc, PLAN) };
}

/** Calls `fn` on any change to the given lists (and extra maps) of a document; returns the unsubscribe. */
export function observeLists(
	doc: Y.Doc,
	lists: readonly ListSpec[],
	extra: string[],
	fn: () => void
): () => void {
	const maps = [
		...lists.map((spec) => listMap(doc, spec)),
		...extra.map((name) => doc.getMap(name))
	];
	for (const map of maps) map.observeDeep(fn);
	return () => maps.forEach((map) => map.unobserveDeep(fn));
}

// ---- derived states ----------------------------------------------------------------------------

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

export { todayIn };
