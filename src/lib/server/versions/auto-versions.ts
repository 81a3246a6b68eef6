// Automatic versions: a board edited and then left alone for a while gets a version, and one at
// least every so often while editing goes on; old automatic versions thin out with age so storage
// stays bounded (manual, agreed and before-restore versions are kept forever).
import { and, eq, inArray } from 'drizzle-orm';
import { tables, type Db } from '../db/index.ts';
import { parsePlanRoom } from '../sync/rooms.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface AutoVersionTiming {
	/** A version once a board has been idle this long after a change. */
	idleMs: number;
	/** And at least this often while changes keep coming. */
	maxMs: number;
}

export const AUTO_VERSION_TIMING: AutoVersionTiming = { idleMs: 10 * MINUTE, maxMs: 60 * MINUTE };

/** Which boards are due a version, from when their documents last changed. Pure bookkeeping: the
 *  sync server tells it of every accepted change (cheaply), a timer asks it what is due. */
export class AutoVersionClock {
	#timing: AutoVersionTiming;
	/** Per board with changes not in a version yet: the first and the last of them. */
	#dirty = new Map<string, { since: number; last: number }>();
	#boardOfRoom = new Map<string, string | null>();

	constructor(timing: AutoVersionTiming = AUTO_VERSION_TIMING) {
		this.#timing = timing;
	}

	changed(room: string, now = Date.now()): void {
		let boardId = this.#boardOfRoom.get(room);
		if (boardId === undefined) {
			boardId = parsePlanRoom(room)?.boardId ?? null;
			if (this.#boardOfRoom.size > 10_000) this.#boardOfRoom.clear();
			this.#boardOfRoom.set(room, boardId);
		}
		if (!boardId) return;
		const dirty = this.#dirty.get(boardId);
		if (dirty) dirty.last = now;
		else this.#dirty.set(boardId, { since: now, last: now });
	}

	/** Boards due a version now; they count as clean from here on. */
	due(now = Date.now()): string[] {
		const due: string[] = [];
		for (const [boardId, { since, last }] of this.#dirty) {
			if (now - last >= this.#timing.idleMs || now - since >= this.#timing.maxMs) {
				due.push(boardId);
				this.#dirty.delete(boardId);
			}
		}
		return due;
	}
}

/** The day (in China Standard Time, the councils' own) and the ISO-like week a moment falls in. */
function dayOf(ms: number): number {
	return Math.floor((ms + 8 * 60 * MINUTE) / DAY);
}

/**
 * Of a board's automatic versions, those to delete at `now`: all from the last day are kept; from the
 * last 30 days, the newest of each day; before that, the newest of each week.
 */
export function autoVersionsToDrop(
	autos: { id: string; createdAt: Date }[],
	now: number
): string[] {
	const newestFirst = [...autos].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
	const kept = new Set<string>();
	const drop: string[] = [];
	for (const v of newestFirst) {
		const age = now - v.createdAt.getTime();
		if (age < DAY) continue;
		// Days since the epoch group the older ones; +3 makes weeks run Monday to Sunday (day 0 was a Thursday).
		const bucket =
			age < 30 * DAY
				? `d${dayOf(v.createdAt.getTime())}`
				: `w${Math.floor((dayOf(v.createdAt.getTime()) + 3) / 7)}`;
		if (kept.has(bucket)) drop.push(v.id);
		else kept.add(bucket);
	}
	return drop;
}

/** Deletes the automatic versions of a board that have aged out. */
export async function thinAutoVersions(db: Db, boardId: string, now = Date.now()): Promise<number> {
	const { versions } = tables(db);
	const autos = await db
		.select({ id: versions.id, createdAt: versions.createdAt })
		.from(versions)
		.where(and(eq(versions.boardId, boardId), eq(versions.kind, 'auto')));
	const drop = autoVersionsToDrop(autos, now);
	if (drop.length) await db.delete(versions).where(inArray(versions.id, drop));
	return drop.length;
}
