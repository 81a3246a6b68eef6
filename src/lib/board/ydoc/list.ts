// One engine for every list on a board (needs, plan, pledges, commitments), shared by the browser,
// the server and exports. A list is a Y.Map keyed by a stable item id; each item is a Y.Map of
// fields described by the list's spec (../model/fields.ts). Order comes from a fractional index (`order`), never from
// positions in a Y.Array, so concurrent moves cannot duplicate or drop an item. Free text is Y.Text
// so that two people typing in one field merge by character; links to other items or units are
// Y.Maps used as sets, so two people linking at once never duplicate a link.
import * as Y from 'yjs';
import { byOrder, keysAtEnd, placeAt, type Ordered } from '../model/order.ts';
import {
	isIsoDate,
	todayIn,
	type FieldSpec,
	type Item,
	type ItemInput,
	type ListSpec,
	type TextField
} from '../model/fields.ts';

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

/** An item as stored: every field of the spec from `input` (or empty), at `order`. Each value is
 *  read as its field wants it (`initial`), so any object will do: a typed input, or one read from
 *  a file (a board imported from its JSON). */
export function newItem(
	spec: ListSpec,
	input: Readonly<Record<string, unknown>>,
	order: string
): Y.Map<unknown> {
	const item = new Y.Map<unknown>();
	for (const [name, field] of Object.entries(spec.fields))
		item.set(name, initial(field, input[name]));
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
	if (!item || spec.fields[field]?.kind !== 'text') return undefined;
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
