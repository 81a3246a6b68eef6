// Accepted updates wait here for the end of the current tick, are written to SQLite in one
// transaction, and only then handed on (relayed). So an update anyone has seen is on disk.
import type { DocStore, LoggedUpdate } from './storage.ts';

interface Pending extends LoggedUpdate {
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
		(update as Pending).then = then;
		this.#pending.push(update as Pending);
		if (!this.#scheduled) {
			this.#scheduled = true;
			setImmediate(() => this.flush());
		}
	}

	get size(): number {
		return this.#pending.length;
	}

	/** Writes everything waiting, then runs each update's continuation in order. */
	flush(): void {
		this.#scheduled = false;
		const batch = this.#pending;
		if (batch.length === 0) return;
		this.#pending = [];
		try {
			this.#store.append(batch);
		} catch (err) {
			// Not written, so not relayed: the writers still hold these changes and send them again
			// once their rooms have been reloaded from disk.
			this.#onError(err, new Set(batch.map((u) => u.room)));
			return;
		}
		for (const item of batch) item.then();
	}
}
