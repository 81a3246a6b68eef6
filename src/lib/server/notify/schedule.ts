// The reminders' schedule: every few minutes, on one node of the cluster at a time, the reminder
// rules (reminders.ts) are asked of every board not archived, as the server holds it now, and
// each reminder is made a notification for the people it is for (a unit's representatives, the
// council's secretaries, or everyone in the council). Nothing in memory says what was sent: the
// notifications' dedupe keys do, so a node restarting, or another taking over, makes nothing twice.
// The job's lease (lease.ts) keeps the other nodes from doing the work too, and fences each board's
// writes: a node that lost the lease mid-run stops there.
import { randomBytes } from 'node:crypto';
import { eq, ne } from 'drizzle-orm';
import type { Logger } from 'pino';
import { tables, type Db, type Store } from '../db/index.ts';
import type { Documents } from '../docs/documents.ts';
import { readBoardContent, readMeetingsContent } from '../docs/board-content.ts';
import { listConfirmations, participatingUnits } from '../board/agreement.ts';
import type { Role } from '../../council.ts';
import { dueReminders, REMINDER_DAYS, type Audience, type ReminderBoard } from './reminders.ts';
import { jobLease, LeaseLost, type JobLease } from './lease.ts';
import { notifyAll, type Notification } from './notifications.ts';

/** How often the rules are asked (5 minutes): a reminder is about a day, not a minute. */
export const REMINDER_INTERVAL_MS = 5 * 60_000;

const JOB = 'reminders';

/** Told of the notifications made for a board, inside the transaction that made them, so that
 *  what it writes (delivery's outbox) commits with them or not at all: a notification is then
 *  never made without being handed on, and one that fails here is made again at the next run. It
 *  must use `tx` and wait on nothing but the store. */
export type OnCreated = (created: Notification[], tx: Db) => Promise<void>;

export interface ReminderScheduleOptions {
	store: Pick<Store, 'kind' | 'db'>;
	docs: Documents;
	log: Logger;
	/** This node, as the lease names it (random unless given). */
	nodeId?: string;
	intervalMs?: number;
	/** How long the lease lasts without renewal (two intervals): the node holding it keeps it
	 *  from run to run, and another takes over within about two intervals of its stopping. */
	leaseMs?: number;
	/** Days before a commitment's due day that its unit is reminded (REMINDER_DAYS). */
	days?: readonly number[];
	onCreated?: OnCreated;
	/** The clock the scheduled runs read (tests set the council's day). */
	now?: () => Date;
}

/** What a run did: whether this node held the lease, and what it made. */
export interface RunReport {
	held: boolean;
	created: Notification[];
}

export class ReminderSchedule {
	#db: Db;
	#docs: Documents;
	#log: Logger;
	#lease: JobLease;
	#intervalMs: number;
	#days: readonly number[];
	#onCreated: OnCreated | undefined;
	#now: () => Date;
	#timer: NodeJS.Timeout | null = null;
	#running: Promise<RunReport> | null = null;
	#closing = false;

	constructor(options: ReminderScheduleOptions) {
		this.#db = options.store.db;
		this.#docs = options.docs;
		this.#log = options.log;
		this.#intervalMs = options.intervalMs ?? REMINDER_INTERVAL_MS;
		this.#days = options.days ?? REMINDER_DAYS;
		this.#onCreated = options.onCreated;
		this.#now = options.now ?? (() => new Date());
		this.#lease = jobLease(
			options.store,
			JOB,
			options.nodeId ?? randomBytes(4).toString('hex'),
			options.leaseMs ?? 2 * this.#intervalMs
		);
	}

	/** Runs every interval from now on (the first after one interval). */
	start(): void {
		if (this.#timer || this.#closing) return;
		this.#timer = setInterval(() => {
			// A run still going (a slow store) is not run over by the next.
			if (!this.#running)
				void this.run(this.#now()).catch((err: unknown) =>
					this.#log.warn({ err }, 'could not work out the reminders; trying again next run')
				);
		}, this.#intervalMs);
		this.#timer.unref();
	}

	/** One run at `now`: every board not archived, if this node holds the lease. Asked while a run
	 *  is under way, that run is the answer. */
	run(now = this.#now()): Promise<RunReport> {
		if (this.#closing) return Promise.resolve({ held: false, created: [] });
		const running = (this.#running ??= this.#run(now).finally(() => (this.#running = null)));
		return running;
	}

	async #run(now: Date): Promise<RunReport> {
		let generation: number | null;
		try {
			generation = await this.#lease.take();
		} catch (err) {
			this.#log.warn({ err }, 'could not take the reminders’ lease; trying again next run');
			return { held: false, created: [] };
		}
		if (generation === null) return { held: false, created: [] };
		const created: Notification[] = [];
		for (const board of await activeBoards(this.#db)) {
			if (this.#closing) break;
			try {
				created.push(...(await this.#remind(board, now, generation)));
			} catch (err) {
				if (err instanceof LeaseLost) {
					this.#log.warn('lost the reminders’ lease mid-run: another node goes on');
					return { held: false, created };
				}
				// One board that cannot be read (a room set aside) holds up no other.
				this.#log.error({ board: board.id, err }, 'could not work out the reminders of a board');
			}
		}
		if (created.length) this.#log.info({ created: created.length }, 'reminders made');
		return { held: true, created };
	}

	async #remind(board: BoardRow, now: Date, generation: number): Promise<Notification[]> {
		const reminders = dueReminders(await readReminderBoard(this.#db, this.#docs, board), now, {
			days: this.#days
		});
		if (reminders.length === 0) return [];
		const people = await councilPeople(this.#db, board.councilId);
		const batch = reminders
			.map(({ audience, notice }) => ({ notice, userIds: recipients(people, audience) }))
			.filter(({ userIds }) => userIds.length > 0);
		if (batch.length === 0) return [];
		return this.#db.transaction(async (tx) => {
			await this.#lease.fence(tx, generation);
			const made = await notifyAll(tx, batch);
			if (made.length && this.#onCreated) await this.#onCreated(made, tx);
			return made;
		});
	}

	/** Stops: no run starts from now on, the one under way ends after its board, and the lease is
	 *  given up for another node to take. */
	async close(): Promise<void> {
		this.#closing = true;
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		await this.#running?.catch(() => {});
		await this.#lease
			.release()
			.catch((err: unknown) =>
				this.#log.warn({ err }, 'could not give the reminders’ lease up; it runs out')
			);
	}
}

type BoardRow = ReminderBoard['board'];

async function activeBoards(db: Db): Promise<BoardRow[]> {
	const { boards } = tables(db);
	return db
		.select({
			id: boards.id,
			councilId: boards.councilId,
			title: boards.title,
			status: boards.status
		})
		.from(boards)
		.where(ne(boards.status, 'archived'))
		.orderBy(boards.createdAt, boards.id);
}

/** A board as the rules read it, from its documents as the server holds them now. */
async function readReminderBoard(db: Db, docs: Documents, board: BoardRow): Promise<ReminderBoard> {
	const content = await readBoardContent({ db, docs }, board);
	const { meetings } = await readMeetingsContent({ docs }, board.id);
	return {
		board,
		sheets: content.sheets,
		meetings,
		participating: await participatingUnits(db, board.councilId),
		confirmed: new Set((await listConfirmations(db, board.id)).map((c) => c.unitId))
	};
}

interface Person {
	userId: string;
	role: Role;
	unitId: string | null;
}

async function councilPeople(db: Db, councilId: string): Promise<Person[]> {
	const { memberships } = tables(db);
	return db
		.select({ userId: memberships.userId, role: memberships.role, unitId: memberships.unitId })
		.from(memberships)
		.where(eq(memberships.councilId, councilId));
}

/** The people an audience is, in a council. */
export function recipients(people: readonly Person[], audience: Audience): string[] {
	const told = people.filter((p) =>
		audience.kind === 'council'
			? true
			: audience.kind === 'secretaries'
				? p.role === 'secretary'
				: p.role === 'unit_rep' && p.unitId === audience.unitId
	);
	return told.map((p) => p.userId);
}
