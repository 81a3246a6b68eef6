// The outbox (the `deliveries` table): a message is put here beside whatever it tells of, and a
// worker (worker.ts) sends it later, on whichever node claims it, so that a receiver that is down
// never holds up a page and nothing is lost when a node stops. A node claims a batch of due rows
// in one conditional update: each row's conditions are checked again as it is written (on
// PostgreSQL, against the row as another node's claim left it), so a row goes to one claimer. A
// claim runs out: a node that died mid-send leaves its rows to be taken again. So a message goes
// out at least once, and twice only when a node died after the receiver took it and before it was
// recorded. An attempt is counted when it is claimed, so that a message that kills its sender
// still runs out of attempts.
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { tables, type Db } from '../../db/index.ts';
import { newId } from '../../db/ids.ts';
import type { DeliveryChannel } from '../../db/schema.ts';
import type { DeliveryMessage } from './message.ts';
import type { DeliveryError } from './error.ts';

export interface NewDelivery {
	channel: DeliveryChannel;
	target: string;
	message: DeliveryMessage;
	notificationId?: string | null;
	/** When it may first go (now by default: a digest may wait for the morning). */
	at?: Date;
}

/** A delivery as claimed: `attempts` counts this one. */
export interface ClaimedDelivery {
	id: string;
	channel: DeliveryChannel;
	target: string;
	message: DeliveryMessage;
	attempts: number;
}

/** How long to wait after each failed attempt before the next: about a day from the first to the
 *  eighth, the last. Each is stretched or shrunk by up to a fifth at random, so that what failed
 *  together (the receiver was down) does not all come back at once. */
export const RETRY_DELAYS_MS = [
	30_000,
	2 * 60_000,
	10 * 60_000,
	60 * 60_000,
	3 * 60 * 60_000,
	6 * 60 * 60_000,
	12 * 60 * 60_000
];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

const ERROR_MAX = 1000;

/** Puts a message in the outbox; `db` may be the transaction that records what it tells of. */
export async function enqueue(db: Db, delivery: NewDelivery): Promise<string> {
	const id = newId();
	await db.insert(tables(db).deliveries).values({
		id,
		channel: delivery.channel,
		target: delivery.target,
		message: delivery.message,
		notificationId: delivery.notificationId ?? null,
		nextAttemptAt: delivery.at ?? new Date()
	});
	return id;
}

/** The wait after `attempts` failed attempts, or null when that was the last. */
export function retryDelay(attempts: number, random: () => number = Math.random): number | null {
	const delay = RETRY_DELAYS_MS[attempts - 1];
	if (delay === undefined) return null;
	return Math.round(delay * (0.8 + 0.4 * random()));
}

/** Claims up to `limit` due deliveries for `claimer` until `now + claimMs`. */
export async function claimDue(
	db: Db,
	options: { claimer: string; now: Date; claimMs: number; limit: number }
): Promise<ClaimedDelivery[]> {
	const { deliveries } = tables(db);
	const { now } = options;
	const due = and(
		isNotNull(deliveries.nextAttemptAt),
		lte(deliveries.nextAttemptAt, now),
		lt(deliveries.attempts, MAX_ATTEMPTS),
		or(isNull(deliveries.claimedUntil), lte(deliveries.claimedUntil, now))
	);
	// Another node's claim may take every row this one read meanwhile: then it reads again.
	for (let tries = 0; tries < 3; tries++) {
		// Read first: an idle outbox costs a read, not a write, every few seconds.
		const candidates = await db
			.select({ id: deliveries.id })
			.from(deliveries)
			.where(due)
			.orderBy(asc(deliveries.nextAttemptAt))
			.limit(options.limit);
		if (candidates.length === 0) return [];
		const claimed = await db
			.update(deliveries)
			.set({
				claimedBy: options.claimer,
				claimedUntil: new Date(now.getTime() + options.claimMs),
				attempts: sql`${deliveries.attempts} + 1`
			})
			.where(
				and(
					inArray(
						deliveries.id,
						candidates.map((c) => c.id)
					),
					due
				)
			)
			.returning({
				id: deliveries.id,
				channel: deliveries.channel,
				target: deliveries.target,
				message: deliveries.message,
				attempts: deliveries.attempts
			});
		if (claimed.length > 0) return claimed;
	}
	return [];
}

/** Gives up the deliveries whose last attempt never came back (its node died while sending):
 *  they have had all their attempts. Returns how many. */
export async function giveUpUnanswered(db: Db, now: Date): Promise<number> {
	const { deliveries } = tables(db);
	const given = await db
		.update(deliveries)
		.set({
			nextAttemptAt: null,
			claimedBy: null,
			claimedUntil: null,
			givenUpAt: now,
			lastError: sql`coalesce(${deliveries.lastError}, 'no answer from the last attempt')`
		})
		.where(
			and(
				isNotNull(deliveries.nextAttemptAt),
				sql`${deliveries.attempts} >= ${MAX_ATTEMPTS}`,
				isNotNull(deliveries.claimedUntil),
				lte(deliveries.claimedUntil, now)
			)
		)
		.returning({ id: deliveries.id });
	return given.length;
}

/** Records that the receiver took it (whoever claims it now: it went). */
export async function recordSent(db: Db, id: string, now: Date): Promise<void> {
	const { deliveries } = tables(db);
	await db
		.update(deliveries)
		.set({ sentAt: now, nextAttemptAt: null, claimedBy: null, claimedUntil: null })
		.where(and(eq(deliveries.id, id), isNull(deliveries.sentAt)));
}

/** What became of a failed attempt. */
export type Outcome = { retryAt: Date } | { gaveUp: true } | { claimLost: true };

/** Records a failed attempt: schedules the next one (if it is worth it and one is left), or gives
 *  up. Only while `claimer` still holds it: a claim that ran out belongs to whoever took it since. */
export async function recordFailure(
	db: Db,
	delivery: ClaimedDelivery,
	claimer: string,
	error: Pick<DeliveryError, 'message' | 'retry'>,
	now: Date,
	random?: () => number
): Promise<Outcome> {
	const { deliveries } = tables(db);
	const wait = error.retry ? retryDelay(delivery.attempts, random) : null;
	const retryAt = wait === null ? null : new Date(now.getTime() + wait);
	const changed = await db
		.update(deliveries)
		.set({
			nextAttemptAt: retryAt,
			givenUpAt: retryAt ? null : now,
			claimedBy: null,
			claimedUntil: null,
			lastError: error.message.slice(0, ERROR_MAX)
		})
		.where(
			and(
				eq(deliveries.id, delivery.id),
				eq(deliveries.claimedBy, claimer),
				isNull(deliveries.sentAt)
			)
		)
		.returning({ id: deliveries.id });
	if (changed.length === 0) return { claimLost: true };
	return retryAt ? { retryAt } : { gaveUp: true };
}
