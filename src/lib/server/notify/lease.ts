// A job that must run on one node at a time (the reminders' schedule): a lease per job in the store
// (`job_leases`), on the ideas of the boards' leases (sync/cluster/lease.ts): PostgreSQL is the one
// judge of who holds it and until when (its own clock, `now()`), taking it bumps its generation,
// and every write the job makes is fenced by that generation in its own transaction, so that a node
// paused past its lease, whose job another node has taken since, writes nothing. The fence renews
// the lease as it checks it, and locks the row until the write commits: a node taking the job over
// waits for the write, then finds the lease alive. No consensus of our own: one conditional upsert.
// On SQLite there is one node, and the lease is trivially its own.
import { and, eq, gt, sql } from 'drizzle-orm';
import { first, tables, type Db, type Store } from '../db/index.ts';

/** A write refused by the fence: this node no longer holds the job's lease. */
export class LeaseLost extends Error {
	constructor(job: string) {
		super(`the lease on ${job} is no longer this node's`);
		this.name = 'LeaseLost';
	}
}

export interface JobLease {
	/** The generation this node runs the job under, taken now or renewed; null while another
	 *  node holds it. */
	take(): Promise<number | null>;
	/** In the transaction `tx`: that `generation` is still this node's, renewed and locked until
	 *  `tx` ends; else LeaseLost. */
	fence(tx: Db, generation: number): Promise<void>;
	/** Gives the job up (the node stops): another node takes it at its next run. */
	release(): Promise<void>;
}

/** The lease on `job` for this node: the store's on PostgreSQL, always this node's on SQLite. */
export function jobLease(
	store: Pick<Store, 'kind' | 'db'>,
	job: string,
	nodeId: string,
	leaseMs: number
): JobLease {
	return store.kind === 'postgres' ? new StoreLease(store.db, job, nodeId, leaseMs) : ONE_NODE;
}

const ONE_NODE: JobLease = {
	take: async () => 1,
	fence: async () => {},
	release: async () => {}
};

class StoreLease implements JobLease {
	#db: Db;
	#job: string;
	#nodeId: string;
	#leaseMs: number;
	/** The generation last taken, while it may still be this node's. */
	#generation: number | null = null;

	constructor(db: Db, job: string, nodeId: string, leaseMs: number) {
		this.#db = db;
		this.#job = job;
		this.#nodeId = nodeId;
		this.#leaseMs = leaseMs;
	}

	#until() {
		return sql`now() + ${this.#leaseMs} * interval '1 millisecond'`;
	}

	/** The lease as this node holds it under `generation`, alive on PostgreSQL's clock. */
	#mine(generation: number) {
		const { jobLeases } = tables(this.#db);
		return and(
			eq(jobLeases.job, this.#job),
			eq(jobLeases.nodeId, this.#nodeId),
			eq(jobLeases.generation, generation),
			gt(jobLeases.expiresAt, sql`now()`)
		);
	}

	async #renew(db: Db, generation: number): Promise<boolean> {
		const { jobLeases } = tables(db);
		const renewed = await db
			.update(jobLeases)
			.set({ expiresAt: this.#until() })
			.where(this.#mine(generation))
			.returning({ generation: jobLeases.generation });
		return renewed.length > 0;
	}

	async take(): Promise<number | null> {
		if (this.#generation !== null && (await this.#renew(this.#db, this.#generation)))
			return this.#generation;
		this.#generation = null;
		const { jobLeases } = tables(this.#db);
		const taken = await first(
			this.#db
				.insert(jobLeases)
				.values({ job: this.#job, nodeId: this.#nodeId, generation: 1, expiresAt: this.#until() })
				.onConflictDoUpdate({
					target: jobLeases.job,
					set: {
						nodeId: sql`excluded.node_id`,
						generation: sql`${jobLeases.generation} + 1`,
						expiresAt: sql`excluded.expires_at`
					},
					// Free, or this node's own from before (another process of the same node id, or a
					// lease it let lapse): the new generation fences out whatever that one still writes.
					setWhere: sql`${jobLeases.expiresAt} <= now() OR ${jobLeases.nodeId} = excluded.node_id`
				})
				.returning({ generation: jobLeases.generation })
		);
		this.#generation = taken?.generation ?? null;
		return this.#generation;
	}

	async fence(tx: Db, generation: number): Promise<void> {
		if (!(await this.#renew(tx, generation))) throw new LeaseLost(this.#job);
	}

	async release(): Promise<void> {
		const generation = this.#generation;
		this.#generation = null;
		if (generation === null) return;
		const { jobLeases } = tables(this.#db);
		// Expired a second ago rather than now, as the boards' leases are (lease.ts).
		await this.#db
			.update(jobLeases)
			.set({ expiresAt: sql`now() - interval '1 second'` })
			.where(this.#mine(generation));
	}
}
