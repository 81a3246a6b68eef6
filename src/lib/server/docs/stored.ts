// The door to documents where no sync server runs (seeding the demo, scripts, tests): over storage,
// the same way as live. Each change opens the room from what is stored, changes it as the server
// would (Room.change), writes it through a write queue and closes it again, so an offline change is
// logged exactly like a live one: one update, under its author, at the time `now` says. Calls for
// one room take turns (each opens the room from what the one before stored); rooms apart go on
// side by side.
import type { Documents } from './documents.ts';
import { Room, type RoomEvents } from '../sync/room.ts';
import { parseRoom } from '../sync/rooms.ts';
import { updateLimits } from '../sync/limits.ts';
import { storedState, type RoomStorage } from '../sync/storage.ts';
import { WriteQueue } from '../sync/write-queue.ts';

/** Nothing connects to an offline room, so whatever goes wrong is the caller's to hear: it is thrown
 *  (and so rejects the call it happened in). */
const THROW: RoomEvents = {
	refused() {},
	malformed() {},
	broken(_room, err) {
		throw err;
	},
	unloadable(_room, err) {
		throw err;
	},
	storageError(_room, err) {
		throw err;
	}
};

/** `now`: the time each change is logged with (the demo tells of days gone by). */
export function storedDocuments(store: RoomStorage, now: () => number = Date.now): Documents {
	// A write that fails rejects the change that waited on it: nothing else to tell.
	const queue = new WriteQueue(store, () => {});
	const turns = new Map<string, Promise<unknown>>();
	/** Runs `run` once the calls for `room` before it have settled. */
	function inTurn<T>(room: string, run: () => Promise<T>): Promise<T> {
		const before = turns.get(room) ?? Promise.resolve();
		const mine = before.then(run, run);
		const settled = mine.then(
			() => {},
			() => {}
		);
		turns.set(room, settled);
		void settled.then(() => {
			if (turns.get(room) === settled) turns.delete(room);
		});
		return mine;
	}
	return {
		encodeState: (room) => inTurn(room, () => storedState(store, room)),
		change: (room, userId, fn) =>
			inTurn(room, async () => {
				const kind = parseRoom(room)?.kind;
				if (!kind) throw new Error(`not a room: ${room}`);
				// Opened afresh from what is stored: an earlier failed write of it is behind it.
				queue.reopen(room);
				const open = await Room.open(room, {
					store,
					queue,
					events: THROW,
					limits: updateLimits(kind),
					now
				});
				try {
					return await open.change(userId, fn);
				} finally {
					open.destroy();
				}
			})
	};
}
