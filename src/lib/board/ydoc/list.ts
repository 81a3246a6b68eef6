// One engine for every list on a board (needs, plan, pledges, commitments), shared by the browser,
// the server and exports. A list is a Y.Map keyed by a stable item id; each item is a Y.Map of
// fields described by the list's spec. Order comes from a fractional index (`order`), never from
// positions in a Y.Array, so concurrent moves cannot duplicate or drop an item. Free text is Y.Text
// so that two people typing in one field merge by character; links to other items or units are
// Y.Maps used as sets, so two people linking at once never duplicate a link.
import * as Y from 'yjs';
import { byOrder, keysAtEnd, placeAt, type Ordered } from '../model/order.ts';
import { COUNCIL_TIME_ZONE } from '../../format.ts';

export type FieldSpec =
	| { kind: 'text'; required?: boolean; max?: number; multiline?: boolean }
	| { kind: 'choice'; options: readonly string[] }
	/** `stamp`: the day is written when the choice field `stamp.field` becomes `stamp.value`, and
	 *  cleared when it leaves it (a commitment's 实际完成日期 follows its status). */
	| { kind: 'date'; notBefore?: string; stamp?: { field: string; value: string } }
	| { kind: 'number'; min?: number; max?: number }
	/** One id (of a unit, need or project), or '' for none. */
	| { kind: 'ref'; to: RefTarget }
	/** A set of ids. */
	| { kind: 'refs'; to: RefTarget };

/** What a link points to. A pledge is named `<unitId>/<pledgeId>` because it lives in a unit's sheet;
 *  `need|project` links hold `need:<id>` or `project:<id>`. */
export type RefTarget =
	'unit' | 'need' | 'project' | 'pledge' | 'need|project' | 'meeting' | 'board';

export interface ListSpec {
	/** The name of the Y.Map in its document. */
	name: string;
	fields: Record<string, FieldSpec>;
}

type ValueOf<F extends FieldSpec> = F extends { kind: 'text' | 'date' | 'ref' }
	? string
	: F extends { kind: 'choice'; options: readonly (infer O)[] }
		? O
		: F extends { kind: 'number' }
			? number | null
			: F extends { kind: 'refs' }
				? string[]
				: never;

export type Item<S extends ListSpec> = { id: string; order: string } & {
	[K in keyof S['fields']]: ValueOf<S['fields'][K]>;
};
export type ItemInput<S extends ListSpec> = Partial<Omit<Item<S>, 'id' | 'order'>>;

/** The fields of a spec that are edited as Y.Text. */
export type TextField<S extends ListSpec> = {
	[K in keyof S['fields']]: S['fields'][K] extends { kind: 'text' } ? K : never;
}[keyof S['fields']] &
	string;

export type Problem =
	'required' | 'tooLong' | 'notANumber' | 'tooSmall' | 'tooLarge' | 'notADate' | 'endBeforeStart';

export const TITLE_MAX = 200;

/** How long a text field may be: its own `max`, else 5,000 characters for notes, 200 for a line. */
export function textLimit(field: Extract<FieldSpec, { kind: 'text' }>): number {
	return field.max ?? (field.multiline ? 5000 : TITLE_MAX);
}

/** What a problem's message fills in for this field: the limit a text went over ("最多 200 字"). */
export function problemParams(field: FieldSpec | undefined): Record<string, number> {
	return field?.kind === 'text' ? { max: textLimit(field) } : {};
}
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The list's map, to add and delete items. What is read from it goes through `itemOf` and
 *  `itemsOf`: anything but an item map under a key (only a forged update puts one there) is no item. */
export function listMap(doc: Y.Doc, spec: ListSpec): Y.Map<unknown> {
	return doc.getMap(spec.name);
}

export function itemOf(doc: Y.Doc, spec: ListSpec, id: string): Y.Map<unknown> | undefined {
	const item = listMap(doc, spec).get(id);
	return item instanceof Y.Map ? item : undefined;
}

export function* itemsOf(doc: Y.Doc, spec: ListSpec): Generator<[string, Y.Map<unknown>]> {
	for (const [id, item] of listMap(doc, spec)) if (item instanceof Y.Map) yield [id, item];
}

export function newItemId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(9));
	return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

export function isIsoDate(value: string): boolean {
	if (!DATE.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The empty (or given) value of a field, as stored in Yjs: what `read` makes of it, in a Y type
 *  where the field is one. */
function initial(field: FieldSpec, value: unknown): unknown {
	if (field.kind === 'text') return new Y.Text(read(field, value) as string);
	if (field.kind === 'refs') {
		const set = new Y.Map<boolean>();
		if (Array.isArray(value)) for (const id of value) set.set(String(id), true);
		return set;
	}
	return read(field, value);
}

/** Adds an item at the end of its list (or right after `afterId`) and returns its id. */
export function addItem<S extends ListSpec>(
	doc: Y.Doc,
	spec: S,
	input: ItemInput<S> = {},
	afterId?: string,
	origin?: unknown
): string {
	const list = listMap(doc, spec);
	const sorted = orderOf(doc, spec);
	const anchor = afterId ? sorted.findIndex((item) => item.id === afterId) : -1;
	const id = newItemId();
	const keys = placeAt(sorted, anchor >= 0 ? anchor + 1 : sorted.length, id);
	doc.transact(() => {
		list.set(id, newItem(spec, input, keys.get(id)!));
		reorder(doc, spec, keys, id);
	}, origin);
	return id;
}

/** Adds items at the end of the list in one transaction (an import: one change for undo and the record). */
export function addItems<S extends ListSpec>(
	doc: Y.Doc,
	spec: S,
	inputs: ItemInput<S>[],
	origin?: unknown
): string[] {
	const list = listMap(doc, spec);
	const orders = keysAtEnd(orderOf(doc, spec), inputs.length);
	const ids = inputs.map(() => newItemId());
	doc.transact(
		() => inputs.forEach((input, i) => list.set(ids[i]!, newItem(spec, input, orders[i]!))),
		origin
	);
	return ids;
}

/** An item as stored: every field of the spec from `input` (or empty), at `order`. */
export function newItem<S extends ListSpec>(
	spec: S,
	input: ItemInput<S>,
	order: string
): Y.Map<unknown> {
	const item = new Y.Map<unknown>();
	for (const [name, field] of Object.entries(spec.fields))
		item.set(name, initial(field, (input as Record<string, unknown>)[name]));
	item.set('order', order);
	return item;
}

/** The list's ids and keys in display order: one pass over the order fields only, so adding stays
 *  cheap on a long list. */
function orderOf(doc: Y.Doc, spec: ListSpec): Ordered[] {
	const items: Ordered[] = [];
	for (const [id, item] of itemsOf(doc, spec)) {
		const order = item.get('order');
		items.push({ id, order: typeof order === 'string' ? order : '' });
	}
	return items.sort(byOrder);
}

/** Gives the other items `keys` names (a tie spread out) their new keys. */
function reorder(doc: Y.Doc, spec: ListSpec, keys: Map<string, string>, except: string): void {
	for (const [id, key] of keys) if (id !== except) itemOf(doc, spec, id)?.set('order', key);
}

export function itemText<S extends ListSpec>(
	doc: Y.Doc,
	spec: S,
	id: string,
	field: TextField<S>
): Y.Text | undefined {
	const value = itemOf(doc, spec, id)?.get(field);
	return value instanceof Y.Text ? value : undefined;
}

/** The item's text field, created (empty) if the item predates the field. */
export function ensureText<S extends ListSpec>(
	doc: Y.Doc,
	spec: S,
	id: string,
	field: TextField<S>,
	origin?: unknown
): Y.Text | undefined {
	const item = itemOf(doc, spec, id);
	if (!item) return undefined;
	const value = item.get(field);
	if (value instanceof Y.Text) return value;
	const text = new Y.Text(typeof value === 'string' ? value : '');
	doc.transact(() => item.set(field, text), origin);
	return text;
}

/** Sets a plain field (choice, date, number, ref). Values that do not fit the field are refused
 *  with an exception: the UI validates first, so reaching this is a programming error. */
export function setField<S extends ListSpec>(
	doc: Y.Doc,
	spec: S,
	id: string,
	name: string,
	value: string | number | null,
	origin?: unknown
): void {
	const item = itemOf(doc, spec, id);
	const field = spec.fields[name];
	if (!item || !field) return;
	if (field.kind === 'text' || field.kind === 'refs')
		throw new Error(`${name} is edited as ${field.kind}`);
	if (!fits(field, value)) throw new Error(`${String(value)} does not fit ${spec.name}.${name}`);
	doc.transact(() => {
		const before = item.get(name);
		item.set(name, value);
		if (field.kind === 'choice' && before !== value) stampDates(spec, item, name, value as string);
	}, origin);
}

/** Dates that follow a choice (see FieldSpec `stamp`): written on entering the value, cleared on leaving it. */
function stampDates(spec: ListSpec, item: Y.Map<unknown>, name: string, value: string): void {
	for (const [dateName, field] of Object.entries(spec.fields)) {
		if (field.kind !== 'date' || field.stamp?.field !== name) continue;
		if (value === field.stamp.value) {
			if (!item.get(dateName)) item.set(dateName, todayIn());
		} else item.set(dateName, '');
	}
}

/** Today as YYYY-MM-DD in the council's time zone: every date on a board is such a calendar day. */
export function todayIn(timeZone = COUNCIL_TIME_ZONE, now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}

function fits(field: FieldSpec, value: unknown): boolean {
	switch (field.kind) {
		case 'choice':
			return field.options.includes(value as string);
		case 'date':
			return value === '' || (typeof value === 'string' && isIsoDate(value));
		case 'number':
			return value === null || (typeof value === 'number' && Number.isFinite(value));
		case 'ref':
			return typeof value === 'string';
		default:
			return false;
	}
}

/** Adds or removes one link of a `refs` field. */
export function toggleRef<S extends ListSpec>(
	doc: Y.Doc,
	spec: S,
	id: string,
	name: string,
	ref: string,
	on: boolean,
	origin?: unknown
): void {
	const set = itemOf(doc, spec, id)?.get(name);
	if (!(set instanceof Y.Map)) return;
	doc.transact(() => (on ? set.set(ref, true) : set.delete(ref)), origin);
}

/** Moves an item one place up (-1) or down (+1). `among` keeps the move inside a group (a
 *  meeting's decisions): the item passes its group's neighbour, not the items of other groups
 *  lying between them. Keys tied by concurrent inserts are spread out rather than refused. */
export function moveItem<S extends ListSpec>(
	doc: Y.Doc,
	spec: S,
	id: string,
	direction: -1 | 1,
	origin?: unknown,
	among?: (item: Item<S>) => boolean
): void {
	const group = among
		? readItems(doc, spec).filter((item) => item.id === id || among(item))
		: orderOf(doc, spec);
	const from = group.findIndex((item) => item.id === id);
	const passed = group[from + direction];
	if (from < 0 || !passed) return;
	const others = orderOf(doc, spec).filter((item) => item.id !== id);
	const at = others.findIndex((item) => item.id === passed.id) + (direction > 0 ? 1 : 0);
	const keys = placeAt(others, at, id);
	doc.transact(() => {
		itemOf(doc, spec, id)?.set('order', keys.get(id)!);
		reorder(doc, spec, keys, id);
	}, origin);
}

export function deleteItem(doc: Y.Doc, spec: ListSpec, id: string, origin?: unknown): void {
	doc.transact(() => listMap(doc, spec).delete(id), origin);
}

function read(field: FieldSpec, value: unknown): unknown {
	switch (field.kind) {
		case 'text':
			return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
		case 'refs':
			return value instanceof Y.Map ? [...value.keys()].sort() : [];
		case 'choice':
			return field.options.includes(value as string) ? value : field.options[0];
		case 'number':
			return typeof value === 'number' && Number.isFinite(value) ? value : null;
		default:
			return typeof value === 'string' ? value : '';
	}
}

export function readItem<S extends ListSpec>(spec: S, id: string, item: Y.Map<unknown>): Item<S> {
	const out: Record<string, unknown> = { id, order: read({ kind: 'date' }, item.get('order')) };
	for (const [name, field] of Object.entries(spec.fields)) out[name] = read(field, item.get(name));
	return out as Item<S>;
}

/** The list in display order. Ties (two people inserting at one spot) break by id, the same everywhere. */
export function readItems<S extends ListSpec>(doc: Y.Doc, spec: S): Item<S>[] {
	const items: Item<S>[] = [];
	for (const [id, item] of itemsOf(doc, spec)) items.push(readItem(spec, id, item));
	return items.sort(byOrder);
}

/** Field problems a person can act on, keyed by field. A date field with `notBefore` names the
 *  field it must not precede (an end date and its start). */
export function itemProblems<S extends ListSpec>(
	spec: S,
	item: Item<S>
): Partial<Record<string, Problem>> {
	const problems: Partial<Record<string, Problem>> = {};
	const values = item as Record<string, unknown>;
	for (const [name, field] of Object.entries(spec.fields)) {
		const value = values[name];
		if (field.kind === 'text') {
			const text = value as string;
			if (field.required && text.trim() === '') problems[name] = 'required';
			else if (text.length > textLimit(field)) problems[name] = 'tooLong';
		} else if (field.kind === 'number' && typeof value === 'number') {
			if (field.min !== undefined && value < field.min) problems[name] = 'tooSmall';
			else if (field.max !== undefined && value > field.max) problems[name] = 'tooLarge';
		} else if (field.kind === 'date' && field.notBefore) {
			const start = values[field.notBefore] as string;
			if (start && value && (value as string) < start) problems[name] = 'endBeforeStart';
		}
	}
	return problems;
}

/** Reads what a person typed into a number field: '' is no value, anything else must be a number. */
export function parseNumber(text: string): { ok: true; value: number | null } | { ok: false } {
	const trimmed = text.trim();
	if (trimmed === '') return { ok: true, value: null };
	const value = Number(trimmed);
	return Number.isFinite(value) ? { ok: true, value } : { ok: false };
}
