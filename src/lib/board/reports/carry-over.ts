// The next period (下一期): what of a board goes on into the next one, and the documents it starts
// with. Needs not done or closed, projects not done or cancelled and commitments not done carry over
// with their ids (links between them still hold) and `carriedFrom` naming the board they came from;
// so do the claims on what carries. Pledges do not: each period's resources are pledged anew. Links
// to items that stay behind (a done need, a pledge) are dropped. `carriedFrom` is a display hint
// only: anyone who may write the new board may write it too, so what counts an item once across
// periods is the server's record of what 下一期 carried (carriedRows here, the carried_items table,
// latestCopies' `from`). Units belong to the council, so the new board has the same units without
// copying anything.
import * as Y from 'yjs';
import { generateNKeysBetween } from 'fractional-indexing';
import type { BoardContent, SheetContent } from '../ydoc/content.ts';
import { listMap, newItem } from '../ydoc/list.ts';
import type { ListSpec } from '../model/fields.ts';
import { COMMITMENTS, NEEDS, PLAN } from '../model/lists/index.ts';
import { isOpenNeed, isUnfinishedCommitment, isUnfinishedProject } from '../model/rules.ts';
import { claim } from '../ydoc/claims.ts';

export interface CarriedSheet {
	unit: SheetContent['unit'];
	commitments: SheetContent['commitments'];
	claims: SheetContent['claims'];
}

export interface Carried {
	needs: BoardContent['needs'];
	plan: BoardContent['plan'];
	sheets: CarriedSheet[];
}

/** What of `content` carries over, links trimmed to what carries with it. */
export function carriedContent(content: BoardContent): Carried {
	const needs = content.needs.filter(isOpenNeed);
	const needIds = new Set(needs.map((n) => n.id));
	const plan = content.plan
		.filter(isUnfinishedProject)
		.map((p) => ({ ...p, needs: p.needs.filter((id) => needIds.has(id)), pledges: [] }));
	const projectIds = new Set(plan.map((p) => p.id));
	const sheets = content.sheets.map((sheet) => ({
		unit: sheet.unit,
		commitments: sheet.commitments
			.filter(isUnfinishedCommitment)
			.map((c) => ({ ...c, project: projectIds.has(c.project) ? c.project : '' })),
		claims: sheet.claims.filter((c) => (c.kind === 'need' ? needIds : projectIds).has(c.id))
	}));
	return { needs, plan, sheets };
}

export function carriedCount(carried: Carried): {
	needs: number;
	projects: number;
	commitments: number;
} {
	return {
		needs: carried.needs.length,
		projects: carried.plan.length,
		commitments: carried.sheets.reduce((n, s) => n + s.commitments.length, 0)
	};
}

/** The next board's documents: its board document and each unit's sheet, every item marked as carried from `fromBoardId`. */
export function carriedDocs(
	carried: Carried,
	fromBoardId: string
): { board: Y.Doc; sheets: { unitId: string; doc: Y.Doc }[] } {
	const board = new Y.Doc();
	fill(board, NEEDS, carried.needs, fromBoardId);
	fill(board, PLAN, carried.plan, fromBoardId);
	const sheets = carried.sheets.map((sheet) => {
		const doc = new Y.Doc();
		fill(doc, COMMITMENTS, sheet.commitments, fromBoardId);
		for (const c of sheet.claims) claim(doc, c, c.by, undefined, c.at);
		return { unitId: sheet.unit.id, doc };
	});
	return { board, sheets };
}

/** The items in the order given, with their ids, under fresh order keys. */
function fill(doc: Y.Doc, spec: ListSpec, items: { id: string }[], fromBoardId: string): void {
	const list = listMap(doc, spec);
	const orders = generateNKeysBetween(null, null, items.length);
	doc.transact(() =>
		items.forEach((item, i) =>
			list.set(item.id, newItem(spec, { ...item, carriedFrom: fromBoardId }, orders[i]!))
		)
	);
}

/** What the server records of a carry-over: each carried item by list, unit ('' for the board's lists) and id. */
export interface CarriedRow {
	list: 'needs' | 'plan' | 'commitments';
	unitId: string;
	itemId: string;
}

export function carriedRows(carried: Carried): CarriedRow[] {
	return [
		...carried.needs.map((n) => ({ list: 'needs' as const, unitId: '', itemId: n.id })),
		...carried.plan.map((p) => ({ list: 'plan' as const, unitId: '', itemId: p.id })),
		...carried.sheets.flatMap((s) =>
			s.commitments.map((c) => ({ list: 'commitments' as const, unitId: s.unit.id, itemId: c.id }))
		)
	];
}

/** Where the server recorded an item of a board as carried from: the board it came from, else undefined. */
export type CarriedFrom = (boardId: string, itemId: string) => string | undefined;

/**
 * Items of boards in period order (oldest first) as one list, each carried-over item once, where the
 * latest board has it: an item that 下一期 carried over from a board (as `from`, the server's record,
 * says; never the item's own `carriedFrom`, which a later board's writers could forge) stands in for
 * its copy there, along a chain of periods too; an item that merely shares an id stands for itself.
 */
export function latestCopies<T extends { id: string }>(
	boards: { boardId: string; items: T[] }[],
	from: CarriedFrom
): { boardId: string; item: T }[] {
	const kept = new Map<string, { boardId: string; item: T }>();
	for (const { boardId, items } of boards) {
		for (const item of items) {
			const origin = from(boardId, item.id);
			if (origin !== undefined) kept.delete(`${origin}:${item.id}`);
			kept.set(`${boardId}:${item.id}`, { boardId, item });
		}
	}
	return [...kept.values()];
}

/** The period after this one, as councils write it: 2026年第四季度 → 2027年第一季度, 2026年上半年 →
 *  2026年下半年, 2026年 → 2027年; '' when the period is written some other way. */
export function nextPeriod(period: string): string {
	const quarter = /^(\d{4})年第([一二三四1-4])季度$/.exec(period.trim());
	if (quarter) {
		const q = '一二三四'.indexOf(quarter[2]!) + 1 || Number(quarter[2]);
		const year = Number(quarter[1]) + (q === 4 ? 1 : 0);
		return `${year}年第${'一二三四'[q % 4]}季度`;
	}
	const half = /^(\d{4})年(上|下)半年$/.exec(period.trim());
	if (half) return half[2] === '上' ? `${half[1]}年下半年` : `${Number(half[1]) + 1}年上半年`;
	const english = /^(\d{4})\s*Q([1-4])$/i.exec(period.trim());
	if (english) {
		const q = Number(english[2]);
		return `${Number(english[1]) + (q === 4 ? 1 : 0)} Q${(q % 4) + 1}`;
	}
	const year = /^(\d{4})年?(度)?$/.exec(period.trim());
	if (year) return `${Number(year[1]) + 1}年${year[2] ?? ''}`;
	return '';
}
