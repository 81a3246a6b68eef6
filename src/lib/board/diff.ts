// What changed between two states of a board (two versions, or a version and now), per list and
// per unit: the items added, removed, and changed with the names of the fields that differ.
// Order is left out: the content carries none, and a move is not what a reader compares.
import type { BoardContent, SheetContent } from './content.ts';

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
	const out: ListDiff[] = [diffList('needs', null, from.needs, to.needs), diffList('plan', null, from.plan, to.plan)];
	const units = new Map<string, { before?: SheetContent; after?: SheetContent }>();
	for (const sheet of from.sheets) units.set(sheet.unit.id, { before: sheet });
	for (const sheet of to.sheets) units.set(sheet.unit.id, { ...units.get(sheet.unit.id), after: sheet });
	for (const { before, after } of units.values()) {
		const unit = (after ?? before)!.unit;
		out.push(diffList('pledges', unit, before?.pledges ?? [], after?.pledges ?? []));
		out.push(diffList('commitments', unit, before?.commitments ?? [], after?.commitments ?? []));
		const claims = (s?: SheetContent) => (s?.claims ?? []).map((c) => ({ ...c, id: `${c.kind}:${c.id}` }));
		out.push(diffList('claims', unit, claims(before), claims(after)));
	}
	return out.filter((d) => d.added.length || d.removed.length || d.changed.length);
}

export function diffList(list: DiffList, unit: ListDiff['unit'], before: object[], after: object[]): ListDiff {
	const old = new Map((before as AnyItem[]).map((item) => [item.id, item]));
	const now = new Map((after as AnyItem[]).map((item) => [item.id, item]));
	const diff: ListDiff = { list, unit, added: [], removed: [], changed: [] };
	for (const [id, item] of now) if (!old.has(id)) diff.added.push(item);
	for (const [id, item] of old) if (!now.has(id)) diff.removed.push(item);
	for (const [id, item] of now) {
		const prior = old.get(id);
		if (!prior) continue;
		// A claim's time is when it was made, not something anyone edits.
		const fields = Object.keys({ ...prior, ...item }).filter((k) => k !== 'id' && k !== 'at' && !same(prior[k], item[k]));
		if (fields.length) diff.changed.push({ before: prior, after: item, fields });
	}
	return diff;
}

function same(a: unknown, b: unknown): boolean {
	return a === b || JSON.stringify(a) === JSON.stringify(b);
}
