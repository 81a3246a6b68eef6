// A room of a board this node owns writes under the lease it was loaded under: every update it
// queues, and every fold, carries that lease's generation, so that the fenced store (pg-storage.ts)
// stores them only while that very lease is this node's. A room loaded before the lease was lost
// and taken again can then never write under the new one. The room itself knows nothing of it:
// it is given this storage and this queue in place of the shared ones.
import type { LoggedUpdate, RoomStorage } from '../storage.ts';
import type { UpdateQueue } from '../write-queue.ts';

export function underLease(
	store: RoomStorage,
	queue: UpdateQueue,
	lease: number
): { store: RoomStorage; queue: UpdateQueue } {
	return {
		store: {
			load: (room) => store.load(room),
			append: (rows) => store.append(rows.map((row): LoggedUpdate => ({ ...row, lease }))),
			compact: (room, state, stateVector, seq) =>
				store.compact(room, state, stateVector, seq, lease)
		},
		queue: {
			push: (update, then, failed) => queue.push({ ...update, lease }, then, failed),
			after: (then, failed) => queue.after(then, failed),
			flush: () => queue.flush()
		}
	};
}
