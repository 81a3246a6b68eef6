// What this person changed that the server has not confirmed yet, field by field. The server numbers
// the sync updates each connection sends it and says, for each, whether it was stored or refused
// (notices, see sync/protocol.ts); so each changed field is tagged with the number of the update
// that carried it. A field stored is forgotten; a field refused becomes an unsaved change shown to
// the person with what they typed (unsaved.svelte.ts). What was never confirmed is sent again in
// the next connection's step 2, so on a disconnect every tag is cleared.
import * as Y from 'yjs';

/** A field of an item of a list (`field` null: the item as a whole, added or deleted). */
export interface FieldKey {
	list: string;
	item: string;
	field: string | null;
}

const keyOf = ({ list, item, field }: FieldKey) => JSON.stringify([list, item, field]);

export class PendingChanges {
	/** Field → the number of the update (on the current connection) that carried it, or null: not sent yet. */
	#fields = new Map<string, { key: FieldKey; update: number | null }>();

	get size(): number {
		return this.#fields.size;
	}

	/** Fields changed by this person just now: (again) waiting to be sent. */
	changed(keys: Iterable<FieldKey>): void {
		for (const key of keys) this.#fields.set(keyOf(key), { key, update: null });
	}

	/** The connection sent its `update`-th sync update: it carries every field not sent yet. */
	sent(update: number): void {
		for (const entry of this.#fields.values()) entry.update ??= update;
	}

	/** The server stored every update up to the `update`-th. */
	saved(update: number): void {
		for (const [k, entry] of this.#fields)
			if (entry.update !== null && entry.update <= update) this.#fields.delete(k);
	}

	/** The server refused the `update`-th update: its fields are taken out and returned. */
	refused(update: number): FieldKey[] {
		const out: FieldKey[] = [];
		for (const [k, entry] of this.#fields) {
			if (entry.update !== null && entry.update <= update) {
				out.push(entry.key);
				this.#fields.delete(k);
			}
		}
		return out;
	}

	/** Every field still waiting, taken out (the server will never take them: too large, invalid). */
	takeAll(): FieldKey[] {
		const out = [...this.#fields.values()].map((entry) => entry.key);
		this.#fields.clear();
		return out;
	}

	/** The connection ended: what it sent and was not confirmed goes again with the next one's step 2. */
	disconnected(): void {
		for (const entry of this.#fields.values()) entry.update = null;
	}

	keys(): FieldKey[] {
		return [...this.#fields.values()].map((entry) => entry.key);
	}
}

/** A shared type as Yjs hands it out in a transaction. */
type YType = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never;

/** The fields a transaction changed, found from the types it touched (root list → item → field). */
export function changedFields(transaction: Y.Transaction): FieldKey[] {
	const roots = new Map<YType, string>();
	for (const [name, type] of transaction.doc.share) roots.set(type, name);
	const keys: FieldKey[] = [];
	for (const [type, subs] of transaction.changed) {
		const path: string[] = [];
		let at: YType = type;
		while (at._item) {
			path.unshift(at._item.parentSub ?? '');
			if (!(at._item.parent instanceof Y.AbstractType)) break;
			at = at._item.parent;
		}
		const list = roots.get(at);
		if (list === undefined) continue;
		if (path.length === 0)
			for (const item of subs) if (item !== null) keys.push({ list, item, field: null });
		if (path.length === 1) for (const field of subs) keys.push({ list, item: path[0]!, field });
		if (path.length >= 2) keys.push({ list, item: path[0]!, field: path[1]! });
	}
	return keys;
}
