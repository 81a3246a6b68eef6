// The activity plan (项目清单) on Yjs, shared by the browser, the server and exports.
// Items live in a Y.Map keyed by a stable id; each item is a Y.Map of fields. Order comes from a
// fractional index (`order`), not from positions in a Y.Array, so concurrent moves never duplicate
// an item. Free-text fields are Y.Text so that two people typing in one field merge by character.
import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';

export const PLAN_STATUSES = ['preparing', 'active', 'done', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_TEXT_FIELDS = ['title', 'lead', 'place'] as const;
export type PlanTextField = (typeof PLAN_TEXT_FIELDS)[number];

export interface PlanItem {
	id: string;
	title: string;
	lead: string;
	place: string;
	start: string;
	end: string;
	status: PlanStatus;
	order: string;
}

export type PlanItemInput = Partial<Omit<PlanItem, 'id' | 'order'>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function planMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('plan');
}

export function newItemId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(9));
	return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

export function isPlanStatus(value: unknown): value is PlanStatus {
	return PLAN_STATUSES.includes(value as PlanStatus);
}

export function isIsoDate(value: string): boolean {
	if (!DATE.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Adds an item at the end of the plan (or right after `afterId`) and returns its id. */
export function addPlanItem(doc: Y.Doc, input: PlanItemInput = {}, afterId?: string): string {
	const plan = planMap(doc);
	const [before, after] = neighbourOrders(plan, afterId);
	const order = generateKeyBetween(before, after);
	const id = newItemId();
	doc.transact(() => {
		const item = new Y.Map<unknown>();
		for (const field of PLAN_TEXT_FIELDS) item.set(field, new Y.Text(input[field] ?? ''));
		item.set('start', input.start ?? '');
		item.set('end', input.end ?? '');
		item.set('status', input.status ?? 'preparing');
		item.set('order', order);
		plan.set(id, item);
	});
	return id;
}

/** The order keys between which a new item goes: after `afterId`, or after the last item.
 *  One pass over the order fields only, so adding stays cheap on a long plan. */
function neighbourOrders(plan: Y.Map<Y.Map<unknown>>, afterId?: string): [string | null, string | null] {
	const anchor = afterId ? plan.get(afterId)?.get('order') : undefined;
	let before: string | null = typeof anchor === 'string' ? anchor : null;
	let after: string | null = null;
	for (const item of plan.values()) {
		const order = item.get('order');
		if (typeof order !== 'string') continue;
		if (afterId && typeof anchor === 'string') {
			if (order > anchor && (after === null || order < after)) after = order;
		} else if (before === null || order > before) before = order;
	}
	return [before, after];
}

export function planText(doc: Y.Doc, id: string, field: PlanTextField): Y.Text | undefined {
	const value = planMap(doc).get(id)?.get(field);
	return value instanceof Y.Text ? value : undefined;
}

export function setPlanField(doc: Y.Doc, id: string, field: 'start' | 'end' | 'status', value: string): void {
	const item = planMap(doc).get(id);
	if (!item) return;
	if (field === 'status' && !isPlanStatus(value)) throw new Error(`unknown status ${value}`);
	if (field !== 'status' && value !== '' && !isIsoDate(value)) throw new Error(`not a date: ${value}`);
	item.set(field, value);
}

/** Moves an item one place up (-1) or down (+1) by giving it a key between its new neighbours. */
export function movePlanItem(doc: Y.Doc, id: string, direction: -1 | 1): void {
	const items = readPlan(doc);
	const from = items.findIndex((i) => i.id === id);
	const to = from + direction;
	if (from < 0 || to < 0 || to >= items.length) return;
	const [a, b] = direction < 0 ? [items[to - 1], items[to]] : [items[to], items[to + 1]];
	planMap(doc).get(id)?.set('order', generateKeyBetween(a?.order ?? null, b?.order ?? null));
}

export function deletePlanItem(doc: Y.Doc, id: string): void {
	planMap(doc).delete(id);
}

function str(value: unknown): string {
	return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
}

export function readPlanItem(id: string, item: Y.Map<unknown>): PlanItem {
	const status = item.get('status');
	return {
		id,
		title: str(item.get('title')),
		lead: str(item.get('lead')),
		place: str(item.get('place')),
		start: str(item.get('start')),
		end: str(item.get('end')),
		status: isPlanStatus(status) ? status : 'preparing',
		order: str(item.get('order'))
	};
}

/** The plan in display order. Ties (two people inserting at one spot) break by id, the same everywhere. */
export function readPlan(doc: Y.Doc): PlanItem[] {
	const items: PlanItem[] = [];
	for (const [id, item] of planMap(doc)) items.push(readPlanItem(id, item));
	return items.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1));
}

/** Field problems a person can act on, keyed by field. */
export function planItemProblems(item: PlanItem): Partial<Record<'title' | 'end', 'titleRequired' | 'endBeforeStart'>> {
	const problems: Partial<Record<'title' | 'end', 'titleRequired' | 'endBeforeStart'>> = {};
	if (item.title.trim() === '') problems.title = 'titleRequired';
	if (item.start && item.end && item.end < item.start) problems.end = 'endBeforeStart';
	return problems;
}
