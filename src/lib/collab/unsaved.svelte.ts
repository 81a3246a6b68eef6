// Changes the server did not take (the plan was locked meanwhile, the room is full, a change too
// large), with what the person typed, so that nothing is lost without a word: kept in this browser
// per person (a reload, another tab) until the person dismisses them, and shown on the board.
import * as Y from 'yjs';
import { readItem } from '$lib/board/ydoc/list.ts';
import type { ListSpec } from '$lib/board/model/fields.ts';
import { BOARD_LISTS, SHEET_LISTS } from '$lib/board/model/lists/index.ts';
import { AGENDA, DECISIONS, MEETINGS } from '$lib/board/model/lists/meetings.ts';
import type { FieldKey } from './pending.ts';
import { UNSAVED } from './local-copies.ts';

/** Why: refused as read-only or room-full, or the connection was closed as too large or invalid. */
export type UnsavedReason = 'read-only' | 'room-full' | 'too-large' | 'invalid';

export interface UnsavedChange {
	id: string;
	boardId: string;
	list: string;
	item: string;
	/** The item's title (or content) as this person last had it. */
	title: string;
	/** The fields changed, with their values as this person typed them (every filled one for a new item). */
	fields: { name: string; value: string }[];
	/** The change was the item's deletion. */
	deleted: boolean;
	reason: UnsavedReason;
	at: string;
}

const LISTS: readonly ListSpec[] = [...BOARD_LISTS, ...SHEET_LISTS, MEETINGS, AGENDA, DECISIONS];
const KEEP = 200;
const storageKey = (userId: string) => `${UNSAVED}${userId}`;

/** What the items behind `keys` hold in `doc` now, in words, one entry per item. */
export function describe(
	doc: Y.Doc,
	keys: FieldKey[],
	boardId: string,
	reason: UnsavedReason
): UnsavedChange[] {
	const byItem = new Map<string, { spec: ListSpec; item: string; fields: Set<string | null> }>();
	for (const key of keys) {
		const spec = LISTS.find((s) => s.name === key.list);
		if (!spec) continue; // claims and attendance: a tick, not typing; the page shows them as they are
		const id = `${key.list}/${key.item}`;
		const entry = byItem.get(id) ?? { spec, item: key.item, fields: new Set() };
		entry.fields.add(key.field);
		byItem.set(id, entry);
	}
	return [...byItem.values()].map(({ spec, item: itemId, fields }) => {
		const base = {
			id: `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
			boardId,
			list: spec.name,
			item: itemId,
			reason,
			at: new Date().toISOString()
		};
		const map = doc.getMap(spec.name).get(itemId);
		if (!(map instanceof Y.Map)) return { ...base, title: '', fields: [], deleted: true };
		const item = readItem(spec, itemId, map) as Record<string, unknown>;
		// A new item (changed as a whole): what was typed into it. Links are left out: a tick, not typing.
		const isNew = fields.has(null);
		const names = Object.entries(spec.fields)
			.filter(
				([name, field]) =>
					field.kind !== 'ref' &&
					field.kind !== 'refs' &&
					(isNew ? field.kind !== 'choice' : fields.has(name))
			)
			.map(([name]) => name);
		const filled = names
			.map((name) => ({ name, value: plain(item[name]) }))
			.filter((f) => f.value !== '' || !isNew);
		return {
			...base,
			title: String(item.title ?? item.content ?? ''),
			fields: filled,
			deleted: false
		};
	});
}

function plain(value: unknown): string {
	if (Array.isArray(value)) return value.join('、');
	return value === null || value === undefined ? '' : String(value);
}

/** This person's unsaved changes, shared by every board page of this browser. */
export class UnsavedChanges {
	items = $state.raw<UnsavedChange[]>([]);
	readonly #key: string;
	readonly #onStorage = (event: StorageEvent) => {
		if (event.key === this.#key) this.items = this.#read();
	};

	constructor(userId: string) {
		this.#key = storageKey(userId);
		this.items = this.#read();
		window.addEventListener('storage', this.#onStorage);
	}

	add(changes: UnsavedChange[]): void {
		if (changes.length === 0) return;
		// One entry per item, its fields merged: the latest values are what the person last typed.
		const same = (a: UnsavedChange, b: UnsavedChange) =>
			a.boardId === b.boardId && a.list === b.list && a.item === b.item;
		const old = this.#read();
		const merged = changes.map((change) => {
			const before = old.find((o) => same(o, change));
			if (!before || change.deleted) return change;
			return {
				...change,
				fields: [
					...before.fields.filter((f) => !change.fields.some((c) => c.name === f.name)),
					...change.fields
				]
			};
		});
		this.#write([...old.filter((o) => !changes.some((c) => same(o, c))), ...merged].slice(-KEEP));
	}

	dismiss(id: string): void {
		this.#write(this.#read().filter((c) => c.id !== id));
	}

	dismissAll(boardId: string): void {
		this.#write(this.#read().filter((c) => c.boardId !== boardId));
	}

	#read(): UnsavedChange[] {
		try {
			const parsed: unknown = JSON.parse(localStorage.getItem(this.#key) ?? '[]');
			return Array.isArray(parsed)
				? (parsed as UnsavedChange[]).filter(
						(c) => typeof c?.id === 'string' && Array.isArray(c.fields)
					)
				: [];
		} catch {
			return [];
		}
	}

	#write(items: UnsavedChange[]) {
		this.items = items;
		try {
			localStorage.setItem(this.#key, JSON.stringify(items));
		} catch {
			// Storage full or refused: they are still shown until the page closes.
		}
	}

	destroy(): void {
		window.removeEventListener('storage', this.#onStorage);
	}
}
