// Accepted updates wait here for the end of the current tick, are written to storage in one
// transaction, and only then handed on (relayed, acknowledged). So an update anyone has seen is
// stored, and a notice about an update never overtakes the write of an earlier one. Writing takes
// time now (storage is asynchronous): batches are written one at a time, in order, each after the
// one before it is stored, and updates accepted meanwhile gather into the next. A room depends on
// `UpdateQueue`, what it asks of the queue; `WriteQueue` is the one implementation.
import type { LoggedUpdate, RoomStorage } from './storage.ts';

/** What a room asks of the write queue. */
export interface UpdateQueue {
	/** Stores `update` with the others of this tick, then runs `then`; if the write fails, `failed`
	 *  instead (after the queue's own error handler). */
	push(update: LoggedUpdate, then: () => void, failed?: (err: unknown) => void): void;
	/** Runs `then` once everything pushed before it is stored: at once when nothing waits and
	 *  nothing is being written. If that write fails, `failed` instead. */
	after(then: () => void, failed?: (err: unknown) => void): void;
	/** Writes everything waiting now, after any batch already being written, then runs each
	 *  continuation in order; settles (never rejects) once they have run. */
	flush(): Promise<void>;
}

interface Pending {
	update: LoggedUpdate | null;
	then: () => void;
	failed: ((err: unknown) => void) | undefined;
}

export class WriteQueue implements UpdateQueue {
	#store: Pick<RoomStorage, 'append'>;
	#pending: Pending[] = [];
	#scheduled = false;
	/** Batches taken from #pending whose write, or continuations, have not finished. */
	#writing = 0;
	/** The last batch's write and continuations: the next batch starts after it. Never rejects. */
	#last: Promise<void> = Promise.resolve();
	#onError: (err: unknown, rooms: Set<string>) => void;
	/** Rooms a write failed for: their later updates are not written either (each builds on what
	 *  failed, and would leave a gap in the log), until the room is loaded again (`reopen`). */
	#failed = new Set<string>();

	/** `onError` is told of a batch that could not be written, and the rooms it was for. */
	constructor(
		store: Pick<RoomStorage, 'append'>,
		onError: (err: unknown, rooms: Set<string>) => void
	) {
		this.#store = store;
		this.#onError = onError;
	}

	push(update: LoggedUpdate, then: () => void, failed?: (err: unknown) => void): void {
		this.#pending.push({ update, then, failed });
		this.#schedule();
	}

	after(then: () => void, failed?: (err: unknown) => void): void {
		if (this.#pending.length === 0 && this.#writing === 0) return then();
		this.#pending.push({ update: null, then, failed });
		this.#schedule();
	}

	#schedule() {
		if (this.#scheduled) return;
		this.#scheduled = true;
		setImmediate(() => void this.flush());
	}

	/** Updates and continuations waiting for the next batch. */
	get size(): number {
		return this.#pending.length;
	}

	flush(): Promise<void> {
		this.#scheduled = false;
		const batch = this.#pending;
		if (batch.length === 0) return this.#last;
		this.#pending = [];
		// With nothing being written, the write starts now; else once the one before has finished.
		const idle = this.#writing === 0;
		this.#writing++;
		this.#last = idle ? this.#write(batch) : this.#last.then(() => this.#write(batch));
		return this.#last;
	}

	/** A room loaded afresh from storage: its updates are written again. */
	reopen(room: string): void {
		this.#failed.delete(room);
	}

	async #write(all: Pending[]): Promise<void> {
		const after = (item: Pending) => item.update && this.#failed.has(item.update.room);
		const refused = all.filter(after);
		const batch = refused.length ? all.filter((item) => !after(item)) : all;
		for (const item of refused)
			if (item.failed) this.#settle(() => item.failed!(new Error('an earlier update failed')));
		const updates = batch.flatMap((p) => (p.update ? [p.update] : []));
		try {
			if (updates.length > 0) await this.#store.append(updates);
		} catch (err) {
			// Not written, so not relayed: the writers still hold these changes and send them again
			// once their rooms have been reloaded from storage.
			for (const update of updates) this.#failed.add(update.room);
			this.#settle(() => this.#onError(err, new Set(updates.map((u) => u.room))));
			for (const item of batch) if (item.failed) this.#settle(() => item.failed!(err));
			this.#writing--;
			return;
		}
		for (const item of batch) this.#settle(item.then);
		this.#writing--;
	}

	/** Runs a continuation; one that throws must not keep the others from running, nor stop the
	 *  queue: its error is thrown again on its own, where it is seen (as it was when writing was
	 *  synchronous and the throw reached the tick). */
	#settle(run: () => void) {
		try {
			run();
		} catch (err) {
			queueMicrotask(() => {
				throw err;
			});
		}
	}
}
