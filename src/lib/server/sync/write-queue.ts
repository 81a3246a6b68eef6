// Accepted updates wait here for the end of the current tick, are written to storage in one
// transaction, and only then handed on (relayed, acknowledged). So an update anyone has seen is on
// disk, and a notice about an update never overtakes the write of an earlier one. A room depends on
// `UpdateQueue`, what it asks of the queue; `WriteQueue` is the one implementation.
import type { LoggedUpdate, RoomStorage } from './storage.ts';

/** What a room asks of the write queue. */
export interface UpdateQueue {
	/** Stores `update` with the others of this tick, then runs `then` (never if the write fails). */
	push(update: LoggedUpdate, then: () => void): void;
	/** Runs `then` once everything pushed before it is stored (at once when nothing waits). */
	after(then: () => void): void;
	/** Writes everything waiting now, then runs each continuation in order. */
	flush(): void;
}

interface Pending {
	update: LoggedUpdate | null;
	then: () => void;
}

export class WriteQueue implements UpdateQueue {
	#store: Pick<RoomStorage, 'append'>;
	#pending: Pending[] = [];
	#scheduled = false;
	#onError: (err: unknown, rooms: Set<string>) => void;

	/** `onError` is told of a batch that could not be written, and the rooms it was for. */
	constructor(
		store: Pick<RoomStorage, 'append'>,
		onError: (err: unknown, rooms: Set<string>) => void
	) {
		this.#store = store;
		this.#onError = onError;
	}

	push(update: LoggedUpdate, then: () => void): void {
		this.#pending.push({ update, then });
		this.#schedule();
	}

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
