// Undo and redo of this person's own changes, across the documents they may write (the board and
// their unit's sheet), in the order they were made. Each document has its own Y.UndoManager tracking
// only local transactions, so what others did is never undone; this class keeps one history over them.
import * as Y from 'yjs';
import { MEETING_MAPS } from '$lib/board/meetings.ts';

/** The origin of a change typed or clicked in this browser: tracked by undo, never echoed back. */
export const LOCAL = Symbol('local edit');

/** The maps a document's lists live in (board: needs, plan; sheet: pledges, commitments, claims;
 *  meetings: meetings, decisions, attendance). */
const SCOPES = ['needs', 'plan', 'pledges', 'commitments', 'claims', ...MEETING_MAPS];

export class UndoHistory {
	canUndo = $state(false);
	canRedo = $state(false);
	#managers: Y.UndoManager[] = [];
	#undo: Y.UndoManager[] = [];
	#redo: Y.UndoManager[] = [];
	#acting = false;

	constructor(docs: Y.Doc[]) {
		for (const doc of docs) {
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
						this.#redo = [];
						for (const other of this.#managers) if (other !== manager) other.clear(false, true);
					}
				}
				this.#refresh();
			});
			this.#managers.push(manager);
		}
	}

	/** Runs `change` (a local transaction on `doc`) as a step of its own, never merged with typing
	 *  just before or after it: an import is undone in one go, and nothing else with it. */
	apart(doc: Y.Doc, change: () => void): void {
		const manager = this.#managers.find((m) => m.doc === doc);
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
	}

	destroy(): void {
		for (const manager of this.#managers) manager.destroy();
	}
}
