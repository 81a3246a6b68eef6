// Accepted updates wait here for the end of the current tick, are written to SQLite in one
// transaction, and only then handed on (relayed, acknowledged). So an update anyone has seen is on
// disk, and a notice about an update never overtakes the write of an earlier one.
import type { DocStore, LoggedUpdate } from './storage.ts';

interface Pending {
	update: LoggedUpdate | null;
	then: () => void;
}

export class WriteQueue {
	#store: DocStore;
	#pending: Pending[] = [];
	#scheduled = false;
	#onError: (err: unknown, rooms: Set<string>) => void;

	constructor(store: DocStore, onError: (err: unknown, rooms: Set<string>) => void) {
		this.#store = store;
		this.#onError = onError;
	}

	push(update: LoggedUpdate, then: () => void): void {
		this.#pending.push({ update, then });
		this.#schedule();
	}

	/** Runs `then` once everything pushed before it is written (at once when nothing waits). */
	after(then: () => void): void {
		if (this.#pending.length === 0) return then();
		this.#pending.push({ update: null, then });
	}

	#schedule() {
		if (this.#scheduled) return;
		this.#scheduled = true;
		setImmediate(() => this.flush());
	}

	get size(): number {
		return this.#pending.length;
	}

	/** Writes everything waiting, then runs each continuation in order. */
	flush(): void {
		this.#scheduled = false;
		const batch = this.#pending;
		if (batch.length === 0) return;
		this.#pending = [];
		const updates = batch.flatMap((p) => (p.update ? [p.update] : []));
		try {
			if (updates.length > 0) this.#store.append(updates);
		} catch (err) {
			// Not written, so not relayed: the writers still hold these changes and send them again
			// once their rooms have been reloaded from disk.
			this.#onError(err, new Set(updates.map((u) => u.room)));
			return;
		}
		for (const item of batch) item.then();
	}
}
