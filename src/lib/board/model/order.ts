// Where an item goes in its list: fractional-index keys (items sort by key, then id), made so that
// nothing a CRDT can produce makes them throw. Two people adding at the end at once compute the same
// key from the same last item, so keys get a random tail (jitter, as tldraw does since tldraw#6646)
// and rarely collide; when they do, or a key someone wrote is not a key at all, placing an item
// gives new keys to the few items it must pass instead of failing.
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

export interface Ordered {
	id: string;
	order: string;
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const JITTER_LENGTH = 3;

/** Sorts by key, then id: the same order on every device whatever arrived first. */
export function byOrder(a: Ordered, b: Ordered): number {
	return a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function isKey(key: string): boolean {
	try {
		generateKeyBetween(key, null);
		return true;
	} catch {
		return false;
	}
}

/** A key strictly between `a` and `b` (a < b, either may be null for an end), with a random tail. */
function keyBetween(a: string | null, b: string | null, random: () => number): string {
	const key = generateKeyBetween(a, b);
	let tail = '';
	for (let i = 0; i < JITTER_LENGTH; i++) tail += DIGITS[Math.floor(random() * DIGITS.length)];
	// A fraction may not end in its zero digit; the key with its tail must still sort before `b`.
	const jittered = key + tail.replace(/0+$/, '') || key;
	return b === null || jittered < b ? jittered : key;
}

/**
 * The keys that place item `id` at `index` of `sorted` (the list in display order, without `id`):
 * usually one, for the item itself; where the neighbours' keys are equal, also fresh keys for the
 * items of the tie it must go before; where a key is not a key, fresh keys for the whole list.
 */
export function placeAt(
	sorted: readonly Ordered[],
	index: number,
	id: string,
	random: () => number = Math.random
): Map<string, string> {
	const at = Math.max(0, Math.min(index, sorted.length));
	const before = sorted[at - 1]?.order ?? null;
	const after = sorted[at]?.order ?? null;
	if ((before !== null && !isKey(before)) || (after !== null && !isKey(after)))
		return renumber(sorted, at, id);
	if (before === null || after === null || before < after)
		return new Map([[id, keyBetween(before, after, random)]]);
	// A tie (or keys out of order): the item and the run of items from `at` whose keys do not exceed
	// `before` get keys between `before` and the next greater key, in the order they have now.
	let end = at;
	while (end < sorted.length && sorted[end]!.order <= before) end++;
	const next = sorted[end]?.order ?? null;
	if (next !== null && !isKey(next)) return renumber(sorted, at, id);
	const keys = generateNKeysBetween(before, next, end - at + 1);
	const placed = new Map([[id, keys[0]!]]);
	sorted.slice(at, end).forEach((item, i) => placed.set(item.id, keys[i + 1]!));
	return placed;
}

/** Fresh keys for every item, `id` at `index`: the way out when someone wrote keys that are not keys. */
function renumber(sorted: readonly Ordered[], index: number, id: string): Map<string, string> {
	const ids = sorted.map((item) => item.id);
	ids.splice(index, 0, id);
	const keys = generateNKeysBetween(null, null, ids.length);
	return new Map(ids.map((item, i) => [item, keys[i]!]));
}

/** Keys for `n` items after the last of `sorted` (an import), in order. A last key that is not a
 *  key (someone wrote it) is passed over: the items go after the last one that is. */
export function keysAtEnd(sorted: readonly Ordered[], n: number): string[] {
	const last = sorted.findLast((item) => isKey(item.order))?.order ?? null;
	return generateNKeysBetween(last, null, n);
}
