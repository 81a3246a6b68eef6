// The door to documents where no sync server runs (seeding the demo, scripts, tests): over storage,
// the same way as live. Each change opens the room from what is stored, changes it as the server
// would (Room.change), writes it through a write queue and closes it again, so an offline change is
// logged exactly like a live one: one update, under its author, at the time `now` says.
import type { Documents } from './documents.ts';
import { Room, type RoomEvents } from '../sync/room.ts';
import { parseRoom } from '../sync/rooms.ts';
import { updateLimits } from '../sync/limits.ts';
import { storedState, type RoomStorage } from '../sync/storage.ts';
import { WriteQueue } from '../sync/write-queue.ts';

/** Nothing connects to an offline room, so whatever goes wrong is the caller's to hear: it is thrown. */
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
	const queue = new WriteQueue(store, (err) => {
		throw err;
	});
	return {
		encodeState: (room) => storedState(store, room),
		change(room, userId, fn) {
			const kind = parseRoom(room)?.kind;
			if (!kind) throw new Error(`not a room: ${room}`);
			const open = new Room(room, { store, queue, events: THROW, limits: updateLimits(kind), now });
			try {
				const changed = open.change(userId, fn);
				queue.flush();
				return changed;
			} finally {
				open.destroy();
			}
		}
	};
}
