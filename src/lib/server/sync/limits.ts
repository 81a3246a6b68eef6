// How much the sync server takes from one person, one connection and one room, so that no one who
// may write can take it down for everyone else. The figures come from the council's real sizes: a
// board of 5,000 items (needs, plan, sheets) is about 105,000 Yjs structs and 2.3 MB as one update,
// loads in about 0.3 s and takes about 55 MB of memory; a person types a few characters a second;
// an import brings up to 5,000 rows in one change. Each struct costs 450–550 bytes of memory once
// applied, so structs, not bytes, are what is counted. See docs/protocol.md ("Limits").
import type { UpdateLimits } from './update-check.ts';
import { MEETING_MAPS } from '../../board/ydoc/meetings.ts';
import { COMMENT_MAPS } from '../../board/ydoc/comments.ts';

export const LIMITS = {
	/** One frame (ws closes a connection sending more with 1009, before reading it). */
	maxFrameBytes: 4 * 1024 * 1024,
	/** Structs, delete ranges and plain values in one update: a whole 5,000-item board fits. */
	maxUpdateElements: 150_000,
	/** How deep a struct sits: list → item → field → characters is 3; a little room above that. */
	maxDepth: 6,
	maxValueDepth: 4,
	maxKeyLength: 200,
	/** A room's document: structs in memory, and bytes as stored. */
	maxRoomStructs: 300_000,
	maxRoomBytes: 16 * 1024 * 1024,
	/** Per person, over all their connections: a burst (an import, a long offline session sent at once), then a steady rate. */
	personStructs: { burst: 200_000, perSecond: 1_000 },
	personBytes: { burst: 8 * 1024 * 1024, perSecond: 256 * 1024 },
	/** Messages of every kind (sync and presence): a client sends one per change, and a script or a
	 *  long offline session may send thousands at once. */
	personMessages: { burst: 12_000, perSecond: 500 },
	/** A connection asking for the whole document again and again costs an encoding each time. */
	connectionSyncRequests: { burst: 10, perSecond: 0.2 },
	/** Open connections: per person and room (tabs of one board), and per person in all. */
	connectionsPerRoom: 8,
	connectionsPerPerson: 256,
	/** Presence: one state's JSON, client ids one connection may speak for, and how often a room's presence goes out. */
	maxAwarenessStateChars: 2 * 1024,
	maxAwarenessClientsPerConnection: 4,
	awarenessRelayMs: 250
} as const;

const ROOTS = {
	board: new Set(['needs', 'plan']),
	unit: new Set(['pledges', 'commitments', 'claims']),
	meetings: new Set<string>(MEETING_MAPS),
	comments: new Set<string>(COMMENT_MAPS)
};

/** What one update to a room of `kind` may hold. */
export function updateLimits(kind: keyof typeof ROOTS): UpdateLimits {
	return {
		maxElements: LIMITS.maxUpdateElements,
		maxDepth: LIMITS.maxDepth,
		maxValueDepth: LIMITS.maxValueDepth,
		maxKeyLength: LIMITS.maxKeyLength,
		roots: ROOTS[kind]
	};
}

/** A token bucket: `take` succeeds while the burst lasts, and the bucket refills at a steady rate. */
export class Budget {
	#burst: number;
	#perMs: number;
	#tokens: number;
	#at: number;

	constructor(rate: { burst: number; perSecond: number }, now = Date.now()) {
		this.#burst = rate.burst;
		this.#perMs = rate.perSecond / 1000;
		this.#tokens = rate.burst;
		this.#at = now;
	}

	take(amount: number, now = Date.now()): boolean {
		this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#perMs);
		this.#at = now;
		if (amount > this.#tokens) return false;
		this.#tokens -= amount;
		return true;
	}

	/** Whether the bucket is full again (a person's budgets can then be forgotten). */
	full(now = Date.now()): boolean {
		return this.#tokens + (now - this.#at) * this.#perMs >= this.#burst;
	}
}

/** One person's budgets, shared by all their connections. */
export class PersonBudget {
	readonly structs = new Budget(LIMITS.personStructs);
	readonly bytes = new Budget(LIMITS.personBytes);
	readonly messages = new Budget(LIMITS.personMessages);

	full(): boolean {
		return this.structs.full() && this.bytes.full() && this.messages.full();
	}
}
