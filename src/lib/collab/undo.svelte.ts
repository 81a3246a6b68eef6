// Undo and redo of this person's own changes, across the documents they may write (the board and
// their unit's sheet), in the order they were made. Each document has its own Y.UndoManager tracking
// only local transactions, so what others did is never undone; this class keeps one history over them.
//
// The history outlives the page: each step is two sets of item ids (what it inserted, what it
// deleted), kept in this browser and given back to the managers once the documents have loaded
// from their local copies. A step is given back only where the document allows it: every item it
// names is there, and what it deleted still has its content (a document loaded from the server
// alone holds deleted text as tombstones without content, and undoing such a deletion could not
// bring the text back). The newest steps that can be given back are; older ones below a step that
// cannot are dropped with it, so that undo never skips a step.
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { MEETING_MAPS } from '$lib/board/ydoc/meetings.ts';

/** The origin of a change typed or clicked in this browser: tracked by undo, never echoed back. */
export const LOCAL = Symbol('local edit');

/** The maps a document's lists live in (board: needs, plan; sheet: pledges, commitments, claims;
 *  meetings: meetings, decisions, attendance). */
const SCOPES = ['needs', 'plan', 'pledges', 'commitments', 'claims', ...MEETING_MAPS];

/** Steps kept per direction: enough for an afternoon's work, small enough for localStorage. */
export const KEPT_STEPS = 100;

type StackItem = Y.UndoManager['undoStack'][number];
type DeleteSet = StackItem['insertions'];

/** One step as kept: the room it was made in and its two id sets, encoded. */
export interface KeptStep {
	room: string;
	insertions: string;
	deletions: string;
}

/** A history as kept between pages, oldest step first in each direction. */
export interface KeptHistory {
	undo: KeptStep[];
	redo: KeptStep[];
}

/** A document whose changes this history undoes, named by its room. */
export interface UndoDoc {
	room: string;
	doc: Y.Doc;
}

export class UndoHistory {
	canUndo = $state(false);
	canRedo = $state(false);
	#managers = new Map<string, Y.UndoManager>();
	#undo: Y.UndoManager[] = [];
	#redo: Y.UndoManager[] = [];
	#acting = false;
	#changedSinceStart = false;
	#keep: ((history: KeptHistory) => void) | null = null;
	#keepTimer: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;

	constructor(docs: UndoDoc[]) {
		for (const { room, doc } of docs) {
			const manager = new Y.UndoManager(
				SCOPES.map((name) => doc.getMap(name)),
				{ trackedOrigins: new Set([null, LOCAL]), captureTimeout: 600 }
			);
			manager.on('stack-item-added', ({ type }: { type: 'undo' | 'redo' }) => {
				if (type === 'redo') this.#redo.push(manager);
				else {
					this.#undo.push(manager);
					// A new change (not a redo) makes every redo stale, in every document.
					if (!this.#acting) {
						this.#changedSinceStart = true;
						this.#redo = [];
						for (const other of this.#managers.values())
							if (other !== manager) other.clear(false, true);
					}
				}
				this.#refresh();
			});
			// Typing merged into the last step changes what that step holds.
			manager.on('stack-item-updated', () => this.#scheduleKeep());
			this.#managers.set(room, manager);
		}
	}

	/** Runs `change` (a local transaction on `doc`) as a step of its own, never merged with typing
	 *  just before or after it: an import is undone in one go, and nothing else with it. */
	apart(doc: Y.Doc, change: () => void): void {
		const manager = [...this.#managers.values()].find((m) => m.doc === doc);
		manager?.stopCapturing();
		change();
		manager?.stopCapturing();
	}

	undo(): void {
		this.#step(this.#undo, (m) => m.undo());
	}

	redo(): void {
		this.#step(this.#redo, (m) => m.redo());
	}

	/**
	 * Gives back the steps of `kept` that the documents allow (call once they have loaded from their
	 * local copies), beneath any made since this history started; from then on, hands the history to
	 * `keep` soon after each change and when it is destroyed.
	 */
	resume(kept: KeptHistory | null, keep: (history: KeptHistory) => void): void {
		if (this.#destroyed) return;
		if (kept) {
			const undo = this.#restorable(kept.undo);
			for (const [manager, item] of undo.toReversed()) manager.undoStack.unshift(item);
			this.#undo.unshift(...undo.map(([manager]) => manager));
			// A change made since the page opened has made the kept redo steps stale.
			if (!this.#changedSinceStart) {
				const redo = this.#restorable(kept.redo);
				for (const [manager, item] of redo) manager.redoStack.push(item);
				this.#redo.push(...redo.map(([manager]) => manager));
			}
		}
		this.#keep = keep;
		this.#refresh();
	}

	/** The history as it can be kept: the newest `KEPT_STEPS` of each direction. */
	kept(): KeptHistory {
		return {
			undo: this.#keptSteps(this.#undo, 'undoStack'),
			redo: this.#keptSteps(this.#redo, 'redoStack')
		};
	}

	#keptSteps(order: Y.UndoManager[], stack: 'undoStack' | 'redoStack'): KeptStep[] {
		// A manager's stack holds its own steps in the order `order` names it; a manager's undo can
		// drop steps that changed nothing, so walk both from the newest and stop where one runs out.
		const left = new Map([...this.#managers.values()].map((m) => [m, m[stack].length]));
		const rooms = new Map([...this.#managers].map(([room, m]) => [m, room]));
		const steps: KeptStep[] = [];
		for (let i = order.length - 1; i >= 0 && steps.length < KEPT_STEPS; i--) {
			const manager = order[i]!;
			const index = left.get(manager)! - 1;
			if (index < 0) continue;
			left.set(manager, index);
			const item = manager[stack][index]!;
			steps.push({
				room: rooms.get(manager)!,
				insertions: encodeIds(item.insertions),
				deletions: encodeIds(item.deletions)
			});
		}
		return steps.reverse();
	}

	/** The newest steps of `steps` that their documents allow, oldest first, as stack items. */
	#restorable(steps: KeptStep[]): [Y.UndoManager, StackItem][] {
		const restored: [Y.UndoManager, StackItem][] = [];
		for (const step of steps.toReversed()) {
			const manager = this.#managers.get(step.room);
			const ids = manager && decodeStep(step);
			if (!manager || !ids || !allows(manager.doc, ids)) break;
			restored.push([manager, { ...ids, meta: new Map() }]);
		}
		return restored.reverse();
	}

	#step(stack: Y.UndoManager[], act: (m: Y.UndoManager) => unknown) {
		const manager = stack.pop();
		if (manager) {
			this.#acting = true;
			try {
				act(manager);
			} finally {
				this.#acting = false;
			}
		}
		this.#refresh();
	}

	#refresh() {
		this.canUndo = this.#undo.length > 0;
		this.canRedo = this.#redo.length > 0;
		this.#scheduleKeep();
	}

	#scheduleKeep() {
		if (!this.#keep) return;
		clearTimeout(this.#keepTimer);
		this.#keepTimer = setTimeout(() => this.keepNow(), 300);
	}

	/** Hands the history over at once (the page is going: a reload does not destroy components). */
	keepNow(): void {
		clearTimeout(this.#keepTimer);
		if (!this.#destroyed) this.#keep?.(this.kept());
	}

	destroy(): void {
		this.keepNow();
		this.#destroyed = true;
		for (const manager of this.#managers.values()) manager.destroy();
	}
}

/** The deletions of the kept steps of `room`: a document's garbage collector must leave their
 *  content, or the steps could not be given back (pass to `new Y.Doc({ gcFilter })`). */
export function keptDeletionsFilter(
	kept: KeptHistory | null,
	room: string
): (item: Y.Item) => boolean {
	const sets = [...(kept?.undo ?? []), ...(kept?.redo ?? [])]
		.filter((step) => step.room === room)
		.map((step) => decodeStep(step)?.deletions)
		.filter((ds) => ds !== undefined);
	if (sets.length === 0) return () => true;
	const deletions = Y.mergeDeleteSets(sets);
	return (item) => !Y.isDeleted(deletions, item.id);
}

function encodeIds(ids: DeleteSet): string {
	return toBase64(Y.encodeSnapshot(Y.createSnapshot(ids, new Map())));
}

function decodeStep(step: KeptStep): { insertions: DeleteSet; deletions: DeleteSet } | null {
	try {
		return {
			insertions: Y.decodeSnapshot(fromBase64(step.insertions)).ds,
			deletions: Y.decodeSnapshot(fromBase64(step.deletions)).ds
		};
	} catch {
		return null; // written by another version, or damaged: not a step to give back
	}
}

/** Whether `doc` holds every item a step names, and the content of what it deleted (see above). */
function allows(
	doc: Y.Doc,
	{ insertions, deletions }: { insertions: DeleteSet; deletions: DeleteSet }
): boolean {
	const has = (ids: DeleteSet) =>
		[...ids.clients].every(([client, ranges]) =>
			ranges.every((r) => r.clock + r.len <= Y.getState(doc.store, client))
		);
	if (!has(insertions) || !has(deletions)) return false;
	for (const [client, ranges] of deletions.clients) {
		const structs = doc.store.clients.get(client) ?? [];
		for (const { clock, len } of ranges) {
			for (
				let i = Y.findIndexSS(structs, clock);
				i < structs.length && structs[i]!.id.clock < clock + len;
				i++
			) {
				const struct = structs[i]!;
				// Inserted and deleted within the step: undo neither needs nor brings it back.
				if (Y.isDeleted(insertions, struct.id)) continue;
				if (!(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted) return false;
			}
		}
	}
	return true;
}

/** The history kept in this browser under `key` (local-copies.ts names it), null if none or unreadable. */
export function readKeptHistory(key: string): KeptHistory | null {
	try {
		const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
		return isKeptHistory(value) ? value : null;
	} catch {
		return null;
	}
}

export function writeKeptHistory(key: string, history: KeptHistory): void {
	try {
		if (history.undo.length === 0 && history.redo.length === 0) localStorage.removeItem(key);
		else localStorage.setItem(key, JSON.stringify(history));
	} catch {
		// Storage full or refused: this page's history simply ends with it.
	}
}

function isKeptHistory(value: unknown): value is KeptHistory {
	const steps = (list: unknown) =>
		Array.isArray(list) &&
		list.every(
			(s) =>
				typeof s?.room === 'string' &&
				typeof s?.insertions === 'string' &&
				typeof s?.deletions === 'string'
		);
	return (
		typeof value === 'object' &&
		value !== null &&
		'undo' in value &&
		'redo' in value &&
		steps(value.undo) &&
		steps(value.redo)
	);
}
