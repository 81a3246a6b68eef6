// What changed between two states of a board (two versions, or a version and now), per list and
// per unit: the items added, removed, and changed with the names of the fields that differ.
// Order is left out: the content carries none, and a move is not what a reader compares.
import type { BoardContent, SheetContent } from '../ydoc/content.ts';
import { TITLE_MAX, type FieldSpec } from '../model/fields.ts';
import { planList } from '../model/lists/index.ts';

export type DiffList = 'needs' | 'plan' | 'pledges' | 'commitments' | 'claims';

type AnyItem = { id: string } & Record<string, unknown>;

export interface ListDiff {
	list: DiffList;
	/** The unit whose sheet it is; null for the board's own lists. */
	unit: { id: string; name: string } | null;
	added: AnyItem[];
	removed: AnyItem[];
	changed: { before: AnyItem; after: AnyItem; fields: string[] }[];
}

export function diffContent(from: BoardContent, to: BoardContent): ListDiff[] {
	const out: ListDiff[] = [
		diffList('needs', null, from.needs, to.needs),
		diffList('plan', null, from.plan, to.plan)
	];
	const units = new Map<string, { before?: SheetContent; after?: SheetContent }>();
	for (const sheet of from.sheets) units.set(sheet.unit.id, { before: sheet });
	for (const sheet of to.sheets)
		units.set(sheet.unit.id, { ...units.get(sheet.unit.id), after: sheet });
	for (const { before, after } of units.values()) {
		const unit = (after ?? before)!.unit;
		out.push(diffList('pledges', unit, before?.pledges ?? [], after?.pledges ?? []));
		out.push(diffList('commitments', unit, before?.commitments ?? [], after?.commitments ?? []));
		const claims = (s?: SheetContent) =>
			(s?.claims ?? []).map((c) => ({ ...c, id: `${c.kind}:${c.id}` }));
		out.push(diffList('claims', unit, claims(before), claims(after)));
	}
	return out.filter((d) => d.added.length || d.removed.length || d.changed.length);
}

export function diffList(
	list: DiffList,
	unit: ListDiff['unit'],
	before: object[],
	after: object[]
): ListDiff {
	const old = new Map((before as AnyItem[]).map((item) => [item.id, item]));
	const now = new Map((after as AnyItem[]).map((item) => [item.id, item]));
	const diff: ListDiff = { list, unit, added: [], removed: [], changed: [] };
	for (const [id, item] of now) if (!old.has(id)) diff.added.push(item);
	for (const [id, item] of old) if (!now.has(id)) diff.removed.push(item);
	for (const [id, item] of now) {
		const prior = old.get(id);
		if (!prior) continue;
		// A claim's time is when it was made, not something anyone edits.
		const fields = Object.keys({ ...prior, ...item }).filter(
			(k) => k !== 'id' && k !== 'at' && !same(prior[k], item[k])
		);
		if (fields.length) diff.changed.push({ before: prior, after: item, fields });
	}
	return diff;
}

function same(a: unknown, b: unknown): boolean {
	return a === b || JSON.stringify(a) === JSON.stringify(b);
}

// ---- one change in a line (the record) ----------------------------------------------------------

/** A field changed, with its value before and after where that reads in a line — a choice, a date,
 *  a number, a link to a unit, need or project, a single-line text of up to TITLE_MAX characters —
 *  so the record can say 状态：待认领 → 已认领; a longer text (details, notes) is named alone. */
export interface FieldChange {
	field: string;
	from?: string;
	to?: string;
}

/** What a field of a list is (for saying its value in words); undefined for one a list has not. */
export const fieldSpec = (list: string, field: string): FieldSpec | undefined =>
	planList(list)?.fields[field];

/** The value as the record keeps it, or undefined for a field too long to read in a line. */
function shortValue(spec: FieldSpec | undefined, value: unknown): string | undefined {
	switch (spec?.kind) {
		case 'choice':
		case 'date':
			return typeof value === 'string' ? value : '';
		case 'number':
			return typeof value === 'number' ? String(value) : '';
		case 'ref':
			return spec.to === 'pledge' || spec.to === 'board' || spec.to === 'meeting'
				? undefined
				: String(value ?? '');
		case 'text':
			return !spec.multiline && (spec.max ?? Infinity) <= TITLE_MAX
				? String(value ?? '')
				: undefined;
		default:
			return undefined;
	}
}

/** The fields `diffList` found changed in an item, with their values where they are short. */
export function fieldChanges(
	list: DiffList,
	before: Record<string, unknown>,
	after: Record<string, unknown>,
	fields: string[]
): FieldChange[] {
	return fields.map((field) => {
		const from = shortValue(fieldSpec(list, field), before[field]);
		const to = shortValue(fieldSpec(list, field), after[field]);
		return from === undefined || to === undefined ? { field } : { field, from, to };
	});
}

/** One person's later change of an item joined to their earlier one: each field from what it was
 *  first to what it is last. */
export function joinChanges(earlier: FieldChange[], later: FieldChange[]): FieldChange[] {
	const joined = new Map(earlier.map((c) => [c.field, { ...c }]));
	for (const c of later) {
		const first = joined.get(c.field);
		if (!first) joined.set(c.field, { ...c });
		else if (first.from !== undefined && c.to !== undefined) first.to = c.to;
		else joined.set(c.field, { field: c.field });
	}
	return [...joined.values()];
}
