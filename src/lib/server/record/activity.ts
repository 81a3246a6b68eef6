// The activity record (留痕) of a board's documents: who added, removed or changed which item, and
// when. It is read from the update log, where each update carries its author: consecutive updates
// by one person are replayed together and the lists compared before and after, and one person's
// changes to an item closer together than BURST_GAP_MS are one entry (a burst of typing, say), even
// when other people's updates come in between. Each entry names the fields changed, with what a short
// field was before and after (diff.ts: 状态：待认领 → 已认领). The same reading dates each commitment that becomes
// done with its row's server time (done_days, figures.ts): figures rest on that, not on `doneOn`.
// Reading is done off the sync server's path — when a room closes, when a board has gone idle, when
// the feed is opened — from a cursor per room (the document as of the last row read);
// the log keeps its rows until they have been read, then folding drops them as usual.
import * as Y from 'yjs';
import { and, desc, eq, gte, isNull } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';
import { councilDay, recordDone, type DoneChange } from '../board/figures.ts';
import type { LogRow } from '../sync/storage.ts';
import type { SyncServer } from '../sync/server.ts';
import { parsePlanRoom } from '../sync/rooms.ts';
import { readBoard, readSheet } from '../../board/ydoc/lists.ts';
import {
	diffList,
	fieldChanges,
	joinChanges,
	type DiffList,
	type FieldChange
} from '../../board/reports/diff.ts';

/** One person's changes to an item closer together than this are one change. */
export const BURST_GAP_MS = 5 * 60_000;

export interface ActivityEntry {
	boardId: string;
	room: string;
	unitId: string | null;
	userId: string | null;
	at: Date;
	list: DiffList;
	action: 'added' | 'removed' | 'changed';
	itemId: string;
	title: string;
	fields: FieldChange[];
}

/** The fields of an entry as stored: rows read before values were kept hold the names alone. */
const asChanges = (fields: (string | FieldChange)[]): FieldChange[] =>
	fields.map((f) => (typeof f === 'string' ? { field: f } : f));

type Lists = Partial<Record<DiffList, object[]>>;

function readLists(doc: Y.Doc, kind: 'board' | 'unit'): Lists {
	if (kind === 'board') return readBoard(doc);
	const sheet = readSheet(doc);
	return {
		pledges: sheet.pledges,
		commitments: sheet.commitments,
		claims: sheet.claims.map((c) => ({ ...c, id: `${c.kind}:${c.id}` }))
	};
}

/** How an item is named in the record; a pledge with its quantity ("义诊 2 次"). */
function titleOf(list: DiffList, item: Record<string, unknown>): string {
	if (list === 'claims') return String(item.id);
	if (list === 'commitments') return String(item.content ?? '');
	const title = String(item.title ?? '');
	if (list === 'pledges' && item.quantity !== null && item.quantity !== undefined)
		return `${title} ${item.quantity} ${item.measure ?? ''}`.trim();
	return title;
}

/**
 * Summarises a room's log: rows are applied to the document (from a given state) a step at a time —
 * consecutive rows by one person — and the lists compared before and after each step. A change to an
 * item joins the person's open entry for it while it is within BURST_GAP_MS of that entry's last
 * change, so two people typing in one field make two entries, not one per turn.
 */
export class Summary {
	readonly entries: ActivityEntry[] = [];
	/** Commitments seen becoming done, or not done any more, in order. */
	readonly done: DoneChange[] = [];
	#doc = new Y.Doc();
	#room: string;
	#parsed: ReturnType<typeof parsePlanRoom>;
	#before: Lists;
	/** Each person's latest entry per item (`userId list itemId`), while it may still grow. */
	#open = new Map<string, ActivityEntry>();

	constructor(room: string, state: Uint8Array | null) {
		this.#room = room;
		this.#parsed = parsePlanRoom(room);
		if (state) Y.applyUpdate(this.#doc, state);
		this.#before = this.#parsed ? readLists(this.#doc, this.#parsed.kind) : {};
	}

	/** Applies `rows` (oldest first); a step does not run on past the end of them. */
	add(rows: Omit<LogRow, 'seq'>[]): void {
		const parsed = this.#parsed;
		if (!parsed) {
			for (const row of rows) Y.applyUpdate(this.#doc, row.data);
			return;
		}
		const unitId = parsed.kind === 'unit' ? parsed.unitId : null;
		for (let i = 0; i < rows.length;) {
			const first = rows[i]!;
			let last = first;
			Y.transact(this.#doc, () => {
				do {
					last = rows[i]!;
					Y.applyUpdate(this.#doc, last.data);
					i++;
				} while (
					i < rows.length &&
					rows[i]!.userId === first.userId &&
					rows[i]!.createdAt.getTime() - last.createdAt.getTime() < BURST_GAP_MS
				);
			});
			const after = readLists(this.#doc, parsed.kind);
			for (const list of Object.keys(after) as DiffList[]) {
				const diff = diffList(list, null, this.#before[list] ?? [], after[list] ?? []);
				const base = {
					boardId: parsed.boardId,
					room: this.#room,
					unitId,
					userId: first.userId,
					at: last.createdAt,
					list
				};
				for (const item of diff.added)
					this.#push({
						...base,
						action: 'added',
						itemId: item.id,
						title: titleOf(list, item),
						fields: []
					});
				for (const item of diff.removed)
					this.#push({
						...base,
						action: 'removed',
						itemId: item.id,
						title: titleOf(list, item),
						fields: []
					});
				for (const c of diff.changed) {
					const fields = fieldChanges(list, c.before, c.after, c.fields);
					this.#push({
						...base,
						action: 'changed',
						itemId: c.after.id,
						title: titleOf(list, c.after),
						fields
					});
				}
			}
			if (unitId !== null)
				this.#seeDone(
					parsed.boardId,
					unitId,
					this.#before.commitments ?? [],
					after.commitments ?? [],
					first.userId,
					last.createdAt
				);
			this.#before = after;
		}
	}

	/** A change joins the person's open entry for the item (an addition stays an addition); anything else opens one. */
	#push(entry: ActivityEntry): void {
		const key = `${entry.userId ?? ''} ${entry.list} ${entry.itemId}`;
		const open = this.#open.get(key);
		if (
			entry.action === 'changed' &&
			open &&
			open.action !== 'removed' &&
			entry.at.getTime() - open.at.getTime() < BURST_GAP_MS
		) {
			open.at = entry.at;
			open.title = entry.title;
			if (open.action === 'changed') open.fields = joinChanges(open.fields, entry.fields);
			return;
		}
		this.entries.push(entry);
		this.#open.set(key, entry);
	}

	#seeDone(
		boardId: string,
		unitId: string,
		before: object[],
		after: object[],
		userId: string | null,
		at: Date
	): void {
		const status = (items: object[]) =>
			new Map(
				items.map((c) => [String((c as { id: unknown }).id), (c as { status?: unknown }).status])
			);
		const was = status(before);
		const now = status(after);
		for (const [itemId, s] of now) {
			const done = s === 'done';
			if (done !== (was.get(itemId) === 'done'))
				this.done.push({ boardId, unitId, itemId, day: done ? councilDay(at) : null, userId, at });
		}
		// A commitment deleted while done is no longer done (its day goes; undone, it is dated anew).
		for (const [itemId, s] of was)
			if (s === 'done' && !now.has(itemId))
				this.done.push({ boardId, unitId, itemId, day: null, userId, at });
	}

	/** The document after every row added so far. */
	state(): Uint8Array {
		return Y.encodeStateAsUpdate(this.#doc);
	}

	destroy(): void {
		this.#doc.destroy();
	}
}

/** The entries `rows` make, applied to the document `state` (oldest first), and the document after them. */
export function summarise(
	room: string,
	state: Uint8Array | null,
	rows: Omit<LogRow, 'seq'>[]
): { entries: ActivityEntry[]; done: DoneChange[]; state: Uint8Array } {
	const summary = new Summary(room, state);
	try {
		summary.add(rows);
		return { entries: summary.entries, done: summary.done, state: summary.state() };
	} finally {
		summary.destroy();
	}
}

/** Up to where a room's log has been read (0: not at all). */
export async function activityCursor(db: Db, room: string): Promise<number> {
	const { activityCursors } = tables(db);
	const cursor = await first(
		db
			.select({ seq: activityCursors.seq })
			.from(activityCursors)
			.where(eq(activityCursors.room, room))
	);
	return cursor?.seq ?? 0;
}

type LogSource = Pick<SyncServer, 'logAfter' | 'trimLog'>;

/**
 * Reading one room's unread log: the document as of the cursor is decoded once, rows are added a
 * batch at a time, and the entries, the new cursor and the trimmed log are written together at the
 * end (so a stop halfway leaves the cursor where it was, and nothing is written twice).
 */
export class CatchUp {
	#db: Db;
	#sync: LogSource;
	#room: string;
	#summary: Summary;
	#seq: number;
	/** Where the cursor stood when this reading began (null: there was none). */
	#from: number | null;

	private constructor(
		db: Db,
		sync: LogSource,
		room: string,
		cursor: { seq: number; state: Uint8Array } | undefined
	) {
		this.#db = db;
		this.#sync = sync;
		this.#room = room;
		this.#seq = cursor?.seq ?? 0;
		this.#from = cursor ? cursor.seq : null;
		this.#summary = new Summary(room, cursor?.state ?? null);
	}

	/** A reading of `room` from its cursor. */
	static async start(db: Db, sync: LogSource, room: string): Promise<CatchUp> {
		const { activityCursors } = tables(db);
		const cursor = await first(
			db.select().from(activityCursors).where(eq(activityCursors.room, room))
		);
		return new CatchUp(db, sync, room, cursor);
	}

	/** Adds the next `batch` rows; false once there are none left. */
	async step(batch = 500): Promise<boolean> {
		const rows = await this.#sync.logAfter(this.#room, this.#seq, batch);
		if (rows.length === 0) return false;
		this.#summary.add(rows);
		this.#seq = rows.at(-1)!.seq;
		return rows.length === batch;
	}

	/** A change continuing the person's change of the item stored by an earlier reading (the feed was
	 *  opened mid-burst) extends that entry; true if it did. An addition already stored stays as it
	 *  was read: what came after it is a change. */
	async #joinStored(db: Db, entry: ActivityEntry): Promise<boolean> {
		if (entry.action !== 'changed') return false;
		const { activity } = tables(db);
		const open = await first(
			db
				.select()
				.from(activity)
				.where(
					and(
						eq(activity.room, entry.room),
						entry.userId === null ? isNull(activity.userId) : eq(activity.userId, entry.userId),
						eq(activity.list, entry.list),
						eq(activity.itemId, entry.itemId)
					)
				)
				.orderBy(desc(activity.at), desc(activity.id))
				.limit(1)
		);
		if (
			!open ||
			open.action !== 'changed' ||
			entry.at.getTime() - open.at.getTime() >= BURST_GAP_MS
		)
			return false;
		const fields = joinChanges(asChanges(open.fields), entry.fields);
		await db
			.update(activity)
			.set({ at: entry.at, title: entry.title, fields })
			.where(eq(activity.id, open.id));
		return true;
	}

	/**
	 * Writes what was read and lets the log go up to there; the number of entries, or null when
	 * another reading of the room (the feed and the background reader, or two nodes) moved the cursor
	 * first: then nothing of this one is written, so no row is told twice.
	 */
	async finish(): Promise<number | null> {
		const { entries, done } = this.#summary;
		const state = Buffer.from(this.#summary.state());
		const room = this.#room;
		const seq = this.#seq;
		const from = this.#from;
		this.#summary.destroy();
		const { activity, activityCursors } = tables(this.#db);
		const written = await this.#db.transaction(async (tx) => {
			// The cursor is claimed first, where it stood: a second reading from the same place waits
			// for this one (the row is locked) and then finds it moved.
			const claimed =
				from === null
					? await tx
							.insert(activityCursors)
							.values({ room, seq, state })
							.onConflictDoNothing()
							.returning({ room: activityCursors.room })
					: await tx
							.update(activityCursors)
							.set({ seq, state })
							.where(and(eq(activityCursors.room, room), eq(activityCursors.seq, from)))
							.returning({ room: activityCursors.room });
			if (claimed.length === 0) return false;
			const fresh: ActivityEntry[] = [];
			for (const [i, entry] of entries.entries()) {
				const joined = i === firstOfKey(entries, entry) && (await this.#joinStored(tx, entry));
				if (!joined) fresh.push(entry);
			}
			// A few hundred at a time: both stores cap the parameters of one statement.
			for (let at = 0; at < fresh.length; at += 200)
				await tx.insert(activity).values(fresh.slice(at, at + 200));
			for (const change of done) await recordDone(tx, change, 'change');
			return true;
		});
		if (!written) return null;
		await this.#sync.trimLog(room, seq);
		return entries.length;
	}
}

/** Where the first entry of `entry`'s person and item is among `entries`. */
const firstOfKey = (entries: ActivityEntry[], entry: ActivityEntry) =>
	entries.findIndex(
		(e) => e.userId === entry.userId && e.list === entry.list && e.itemId === entry.itemId
	);

/** Reads a room's whole unread log now (someone is waiting for the feed). */
export async function catchUp(db: Db, sync: LogSource, room: string): Promise<void> {
	if (!parsePlanRoom(room)) return;
	// Another reading that got there first read up to where it stood: this one goes on from there.
	for (let attempt = 0; attempt < 5; attempt++) {
		const reading = await CatchUp.start(db, sync, room);
		while (await reading.step(5000));
		if ((await reading.finish()) !== null) return;
	}
}

/**
 * Reads rooms' logs in the background, one batch per turn of the event loop, so that a room closing
 * with a long unread log never holds up the others' updates. One turn at a time: the next waits for
 * the last to end. A failure is reported and the rows wait for the next reading.
 */
export class ActivityReader {
	#db: Db;
	#sync: LogSource;
	#onError: (room: string, err: unknown) => void;
	#pending = new Set<string>();
	#current: { room: string; reading: CatchUp } | null = null;
	#scheduled = false;
	/** The turn under way, if any. */
	#turning: Promise<void> | null = null;
	/** Set once the server is stopping: the rest is read by `drain`, one turn after another. */
	#draining = false;

	constructor(db: Db, sync: LogSource, onError: (room: string, err: unknown) => void) {
		this.#db = db;
		this.#sync = sync;
		this.#onError = onError;
	}

	add(room: string): void {
		if (!parsePlanRoom(room)) return;
		this.#pending.add(room);
		this.#schedule();
	}

	#schedule() {
		if (this.#scheduled || (!this.#current && this.#pending.size === 0)) return;
		this.#scheduled = true;
		setImmediate(() => {
			// Draining reads the rest itself: a turn already asked for must not run beside it.
			if (this.#draining) return;
			this.#turning = this.#turn().finally(() => {
				this.#turning = null;
				this.#scheduled = false;
				this.#schedule();
			});
		});
	}

	/** One batch of the room being read, or the start of the next. */
	async #turn(): Promise<void> {
		let room = this.#current?.room ?? '';
		try {
			if (!this.#current) {
				const [next] = this.#pending;
				if (next === undefined) return;
				room = next;
				this.#pending.delete(room);
				this.#current = { room, reading: await CatchUp.start(this.#db, this.#sync, room) };
			}
			if (!(await this.#current.reading.step())) {
				const { reading } = this.#current;
				this.#current = null;
				await reading.finish();
			}
		} catch (err) {
			this.#current = null;
			this.#onError(room, err);
		}
	}

	/** Reads everything pending now (the server is stopping). */
	async drain(): Promise<void> {
		this.#draining = true;
		this.#scheduled = true; // no more background turns
		await this.#turning;
		while (this.#current || this.#pending.size) await this.#turn();
	}
}

/** A board's recorded activity since `since`, newest first. */
export async function storedActivity(
	db: Db,
	boardId: string,
	since: Date
): Promise<ActivityEntry[]> {
	const { activity } = tables(db);
	const found = await db
		.select()
		.from(activity)
		.where(and(eq(activity.boardId, boardId), gte(activity.at, since)))
		.orderBy(desc(activity.at), desc(activity.id));
	return found.map(({ id: _id, ...row }) => ({
		...row,
		list: row.list as DiffList,
		fields: asChanges(row.fields)
	}));
}
