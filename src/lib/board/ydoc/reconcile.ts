// Makes a live document hold what another one holds, as ordinary forward changes: keys the target
// lacks are deleted, missing ones created, differing values set, and text edited only where it
// differs. So a restore (or an import) reaches every connected client as one more update, people
// typing meanwhile keep what they type outside the changed spans, and history is never rewritten.
// Generic over the shapes the board uses: top-level Y.Maps of Y.Maps, Y.Text and plain values.
import * as Y from 'yjs';

/** Changes `live` so that its top-level maps equal those of `target` (in the caller's transaction). */
export function reconcileDoc(live: Y.Doc, target: Y.Doc): void {
	const names = new Set([...live.share.keys(), ...target.share.keys()]);
	live.transact(() => {
		for (const name of names) reconcileMap(live.getMap(name), target.getMap(name));
	});
}

function reconcileMap(live: Y.Map<unknown>, target: Y.Map<unknown>): void {
	for (const key of [...live.keys()]) if (!target.has(key)) live.delete(key);
	for (const [key, want] of target) {
		const have = live.get(key);
		if (want instanceof Y.Map) {
			if (have instanceof Y.Map) reconcileMap(have, want);
			else live.set(key, copy(want));
		} else if (want instanceof Y.Text) {
			if (have instanceof Y.Text) reconcileText(have, want.toString());
			else live.set(key, copy(want));
		} else if (!samePlain(have, want)) {
			live.set(key, want);
		}
	}
}

/** Replaces only the span between the common start and the common end. */
export function reconcileText(text: Y.Text, want: string): void {
	const have = text.toString();
	if (have === want) return;
	let start = 0;
	while (start < have.length && start < want.length && have[start] === want[start]) start++;
	let end = 0;
	while (
		end < have.length - start &&
		end < want.length - start &&
		have[have.length - 1 - end] === want[want.length - 1 - end]
	)
		end++;
	text.doc!.transact(() => {
		text.delete(start, have.length - start - end);
		text.insert(start, want.slice(start, want.length - end));
	});
}

function copy(value: unknown): unknown {
	if (value instanceof Y.Text) return new Y.Text(value.toString());
	if (value instanceof Y.Map) {
		const map = new Y.Map<unknown>();
		for (const [key, inner] of value) map.set(key, copy(inner));
		return map;
	}
	return value;
}

function samePlain(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) return false;
	return JSON.stringify(a) === JSON.stringify(b);
}
