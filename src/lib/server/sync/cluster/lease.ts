// Which node owns a board: a lease per board in PostgreSQL (`board_owners`), as tldraw sync and
// Cloudflare's Durable Objects have one owner per document: every room of a board lives on the node
// that holds its lease, the others forward its connections there. A node takes a board when it
// needs one of its rooms and no live owner holds it, in one conditional upsert that bumps the
// board's generation, the fencing token its writes are checked against (pg-storage.ts); it renews
// every few seconds whatever it holds, in one statement, and gives a board up when its last room
// closes (the row stays, expired, so that generations only grow). This is no consensus protocol:
// PostgreSQL is the one judge of who holds what and until when (its own clock, `now()`), and the
// fence makes sure that a node that thinks it still holds a board it has lost cannot write to it.
// A node that cannot renew in time (paused, cut off from the database) stops serving the board
// before its lease can have run out on PostgreSQL's clock: `holds` says so at once, and `lost` is
// told, so that its rooms are dropped and their clients reconnect to the new owner.
import type pg from 'pg';
import type { Logger } from 'pino';

/** Where a board's owner is reached. */
export interface Owner {
	nodeId: string;
	address: string;
}

/** What taking a board gave: it is this node's, under `generation`, or another live node's. */
export type Taken = { held: true; generation: number } | { held: false; owner: Owner };

export interface LeaseOptions {
	pool: pg.Pool;
	nodeId: string;
	log: Logger;
	/** How long a lease lasts without renewal (10 s by default). */
	leaseMs?: number;
}

export const LEASE_MS = 10_000;

const TAKE =
	'INSERT INTO board_owners (board_id, node_id, address, generation, expires_at) ' +
	"VALUES ($1, $2, $3, 1, now() + $4 * interval '1 millisecond') " +
	'ON CONFLICT (board_id) DO UPDATE SET node_id = excluded.node_id, address = excluded.address, ' +
	'generation = board_owners.generation + 1, expires_at = excluded.expires_at ' +
	// Free, or this node's own from before (a lease it stopped trusting): the new generation fences
	// out whatever its rooms of then may still try to write.
	'WHERE board_owners.expires_at <= now() OR board_owners.node_id = excluded.node_id ' +
	'RETURNING generation';

const OWNER =
	'SELECT node_id, address, expires_at > now() AS live FROM board_owners WHERE board_id = $1';

const RENEW =
	"UPDATE board_owners AS o SET expires_at = now() + $3 * interval '1 millisecond' " +
	'FROM unnest($1::text[], $2::integer[]) AS h(board_id, generation) ' +
	'WHERE o.board_id = h.board_id AND o.generation = h.generation AND o.node_id = $4 ' +
	'AND o.expires_at > now() RETURNING o.board_id, o.generation';

// Expired a second ago rather than now: a time stored to the millisecond may round up past the
// `now()` of a renewal racing it, which must not find the lease alive.
const RELEASE =
	"UPDATE board_owners AS o SET expires_at = now() - interval '1 second' " +
	'FROM unnest($1::text[], $2::integer[]) AS h(board_id, generation) ' +
	'WHERE o.board_id = h.board_id AND o.generation = h.generation AND o.node_id = $3 ' +
	'AND o.expires_at > now()';

interface Held {
	generation: number;
	/** performance.now() after which the lease is not trusted any more. */
	until: number;
}

export class Leases {
	#pool: pg.Pool;
	#nodeId: string;
	#log: Logger;
	#leaseMs: number;
	/** A lease is trusted until this long before it would run out, counted from when its last
	 *  renewal was sent: PostgreSQL's `now()` is later than that, so the real expiry is later still. */
	#marginMs: number;
	#address: string | null = null;
	#held = new Map<string, Held>();
	#taking = new Map<string, Promise<Taken>>();
	#timer: NodeJS.Timeout | null = null;
	#renewing = false;
	#renewedAt = 0;
	#lost: (boardId: string) => void = () => {};

	readonly leaseMs: number;

	constructor(options: LeaseOptions) {
		this.#pool = options.pool;
		this.#nodeId = options.nodeId;
		this.#log = options.log;
		this.#leaseMs = this.leaseMs = options.leaseMs ?? LEASE_MS;
		this.#marginMs = Math.max(200, this.#leaseMs / 5);
	}

	/** Where other nodes reach this one (its internal http address): needed before taking a board. */
	set address(address: string) {
		this.#address = address;
	}

	/** Starts renewing; `lost` is told of every board this node stops holding without giving it up. */
	start(lost: (boardId: string) => void): void {
		this.#lost = lost;
		// Often enough that a lease past its time is noticed within a fraction of a second; renewals
		// go out every third of a lease.
		this.#timer = setInterval(() => this.#tick(), Math.min(250, this.#leaseMs / 10));
		this.#timer.unref();
	}

	/** The generation this node holds `boardId` under, if it still trusts that lease; else null. */
	holds(boardId: string): number | null {
		const held = this.#held.get(boardId);
		return held && performance.now() < held.until ? held.generation : null;
	}

	/** Boards held now. */
	get boards(): string[] {
		return [...this.#held.keys()];
	}

	/** Takes `boardId` unless another live node holds it (then says which). One take per board at a
	 *  time: whoever asks meanwhile gets the same answer. */
	take(boardId: string): Promise<Taken> {
		const generation = this.holds(boardId);
		if (generation !== null) return Promise.resolve({ held: true, generation });
		let taking = this.#taking.get(boardId);
		if (!taking) {
			taking = this.#take(boardId).finally(() => this.#taking.delete(boardId));
			this.#taking.set(boardId, taking);
		}
		return taking;
	}

	async #take(boardId: string): Promise<Taken> {
		if (!this.#address) throw new Error('this node does not know its own address yet');
		// A lease held but no longer trusted is over: its rooms go before the board is taken again.
		if (this.#held.has(boardId)) this.#lose(boardId, 'lease ran out');
		// Twice at most: an owner found expired by the second statement is taken over by a third.
		for (let attempt = 0; attempt < 3; attempt++) {
			const sentAt = performance.now();
			const taken = await this.#pool.query<{ generation: number }>(TAKE, [
				boardId,
				this.#nodeId,
				this.#address,
				this.#leaseMs
			]);
			const row = taken.rows[0];
			if (row) {
				this.#held.set(boardId, {
					generation: row.generation,
					until: sentAt + this.#leaseMs - this.#marginMs
				});
				this.#log.info({ board: boardId, generation: row.generation }, 'took the board');
				return { held: true, generation: row.generation };
			}
			const found = await this.#pool.query<{ node_id: string; address: string; live: boolean }>(
				OWNER,
				[boardId]
			);
			const owner = found.rows[0];
			if (owner?.live)
				return { held: false, owner: { nodeId: owner.node_id, address: owner.address } };
		}
		throw new Error(`could not take board ${boardId}: its owner keeps changing`);
	}

	/** Gives a board up (its last room has closed): expired at once, for another node to take. */
	release(boardId: string): void {
		const held = this.#held.get(boardId);
		if (!held) return;
		this.#held.delete(boardId);
		this.#log.info({ board: boardId, generation: held.generation }, 'gave the board up');
		this.#expire([[boardId, held.generation]]).catch((err: unknown) =>
			this.#log.warn({ board: boardId, err }, 'could not give the board up; its lease runs out')
		);
	}

	/** Stops renewing and gives every board up. */
	async close(): Promise<void> {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		const held = [...this.#held].map(([board, h]): [string, number] => [board, h.generation]);
		this.#held.clear();
		if (held.length === 0) return;
		const boards = held.map(([board]) => board);
		await this.#expire(held).then(
			() => this.#log.info({ boards }, 'gave the boards up'),
			(err: unknown) =>
				this.#log.warn({ err, boards }, 'could not give the boards up; their leases run out')
		);
	}

	async #expire(leases: [string, number][]): Promise<void> {
		await this.#pool.query(RELEASE, [
			leases.map(([board]) => board),
			leases.map(([, generation]) => generation),
			this.#nodeId
		]);
	}

	#tick() {
		const now = performance.now();
		for (const [boardId, held] of this.#held)
			if (now >= held.until) this.#lose(boardId, 'could not renew the lease in time');
		if (!this.#renewing && now - this.#renewedAt >= this.#leaseMs / 3) void this.#renew();
	}

	async #renew() {
		if (this.#held.size === 0) return;
		this.#renewing = true;
		const sentAt = performance.now();
		this.#renewedAt = sentAt;
		const asked = [...this.#held].map(([board, h]): [string, number] => [board, h.generation]);
		try {
			const { rows } = await this.#pool.query<{ board_id: string; generation: number }>(RENEW, [
				asked.map(([board]) => board),
				asked.map(([, generation]) => generation),
				this.#leaseMs,
				this.#nodeId
			]);
			const renewed = new Set(rows.map((r) => `${r.board_id} ${r.generation}`));
			for (const [boardId, generation] of asked) {
				const held = this.#held.get(boardId);
				// Given up, lost or taken again meanwhile: this answer is not about the lease held now.
				if (held?.generation !== generation) continue;
				if (renewed.has(`${boardId} ${generation}`))
					held.until = sentAt + this.#leaseMs - this.#marginMs;
				else this.#lose(boardId, 'another node took the board, or its lease ran out');
			}
		} catch (err) {
			// The deadlines stand: boards not renewed before theirs are lost at the next tick past it.
			this.#log.warn({ err }, 'could not renew the leases');
		} finally {
			this.#renewing = false;
		}
	}

	/** This node stops holding a board it did not give up: it is forgotten, its rooms are dropped
	 *  (`lost`), and, should the lease still be this node's on PostgreSQL, it is expired. */
	#lose(boardId: string, why: string) {
		const held = this.#held.get(boardId);
		if (!held) return;
		this.#held.delete(boardId);
		this.#log.warn({ board: boardId, generation: held.generation, why }, 'lost the board');
		this.#lost(boardId);
		this.#expire([[boardId, held.generation]]).catch(() => {});
	}
}
