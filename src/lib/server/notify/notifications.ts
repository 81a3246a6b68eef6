// The notifications store (通知): each person's notifications, newest first, read or not. Made by
// `notify`, from the reminders' schedule (schedule.ts) and, later, from comments and the plan's
// changes; what it returns is what was made just now, and only that is handed on to delivery
// (email, group robots). A notification's dedupe key names the event it tells of, unique per
// person: making it again (a restart, a retry, two nodes at once) inserts nothing, in the same
// statement (`on conflict do nothing`), so nothing in memory decides what was sent.
import { and, count, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';
import { newId } from '../db/ids.ts';
import type {
	NotificationKind,
	NotificationParams,
	NotificationTarget,
	StoredParams
} from '../../notifications.ts';

/** A notification to make, of one kind, its params typed from that kind's words. */
export type Notice = {
	[K in NotificationKind]: {
		kind: K;
		councilId: string;
		boardId: string;
		target: NotificationTarget;
		params: NotificationParams<K>;
		/** The event it tells of: made once per person (see above). */
		dedupeKey: string;
	};
}[NotificationKind];

/** A notification as stored. */
export interface Notification {
	id: string;
	userId: string;
	kind: NotificationKind;
	councilId: string;
	boardId: string;
	target: NotificationTarget;
	params: StoredParams;
	dedupeKey: string;
	createdAt: Date;
	readAt: Date | null;
}

/** Rows per INSERT: ten parameters each, well under PostgreSQL's 65,535 per statement. */
const ROWS_PER_INSERT = 1000;

/** Tells each of `userIds` of `notice`, unless they have been told of it already; returns the
 *  notifications made now. */
export async function notify(
	db: Db,
	notice: Notice,
	userIds: readonly string[],
	now = new Date()
): Promise<Notification[]> {
	return notifyAll(db, [{ notice, userIds }], now);
}

/** As `notify`, for several notices at once (a schedule's run over a board). */
export async function notifyAll(
	db: Db,
	batch: readonly { notice: Notice; userIds: readonly string[] }[],
	now = new Date()
): Promise<Notification[]> {
	const { notifications } = tables(db);
	const rows = batch.flatMap(({ notice, userIds }) =>
		[...new Set(userIds)].map((userId) => ({
			id: newId(),
			userId,
			kind: notice.kind,
			councilId: notice.councilId,
			boardId: notice.boardId,
			target: notice.target,
			params: notice.params,
			dedupeKey: notice.dedupeKey,
			createdAt: now,
			readAt: null
		}))
	);
	// In one order, whoever inserts: two nodes inserting the same rows in different orders would
	// each wait on a row the other has inserted and not yet committed (a deadlock, seen).
	rows.sort((a, b) => compare(a.userId, b.userId) || compare(a.dedupeKey, b.dedupeKey));
	const made: Notification[] = [];
	for (let at = 0; at < rows.length; at += ROWS_PER_INSERT)
		made.push(
			...(await db
				.insert(notifications)
				.values(rows.slice(at, at + ROWS_PER_INSERT))
				.onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
				.returning())
		);
	return made;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Where a page of notifications ends: the next page starts after it. */
export interface NotificationCursor {
	createdAt: Date;
	id: string;
}

/** A person's notifications, newest first, `limit` at a time; `after` the last one of the page
 *  before (so that notifications made meanwhile do not shift the pages). */
export async function listNotifications(
	db: Db,
	userId: string,
	{ limit = 20, after }: { limit?: number; after?: NotificationCursor } = {}
): Promise<{ notifications: Notification[]; next: NotificationCursor | null }> {
	const { notifications } = tables(db);
	const found = await db
		.select()
		.from(notifications)
		.where(
			and(
				eq(notifications.userId, userId),
				after &&
					or(
						lt(notifications.createdAt, after.createdAt),
						and(eq(notifications.createdAt, after.createdAt), lt(notifications.id, after.id))
					)
			)
		)
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(limit + 1);
	const page = found.slice(0, limit);
	const last = page.at(-1);
	return {
		notifications: page,
		next: found.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null
	};
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
	const { notifications } = tables(db);
	const row = await first(
		db
			.select({ n: count() })
			.from(notifications)
			.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
	);
	return Number(row?.n ?? 0);
}

/** Marks some of a person's own notifications read (another person's ids are left alone); returns
 *  how many were unread. */
export async function markRead(
	db: Db,
	userId: string,
	ids: readonly string[],
	now = new Date()
): Promise<number> {
	if (ids.length === 0) return 0;
	const { notifications } = tables(db);
	const marked = await db
		.update(notifications)
		.set({ readAt: now })
		.where(
			and(
				eq(notifications.userId, userId),
				inArray(notifications.id, [...ids]),
				isNull(notifications.readAt)
			)
		)
		.returning({ id: notifications.id });
	return marked.length;
}

/** Marks every notification of a person read; returns how many were unread. */
export async function markAllRead(db: Db, userId: string, now = new Date()): Promise<number> {
	const { notifications } = tables(db);
	const marked = await db
		.update(notifications)
		.set({ readAt: now })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
		.returning({ id: notifications.id });
	return marked.length;
}

/** Opens one of a person's own notifications: marks it read and says what it is about; null for
 *  one that is not theirs (or not there). */
export async function openNotification(
	db: Db,
	userId: string,
	id: string,
	now = new Date()
): Promise<Pick<Notification, 'boardId' | 'target'> | null> {
	const { notifications } = tables(db);
	const found = await first(
		db
			.select({ boardId: notifications.boardId, target: notifications.target })
			.from(notifications)
			.where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
	);
	if (found) await markRead(db, userId, [id], now);
	return found ?? null;
}
