// Gongjian on several nodes (PostgreSQL for the store, Redis between the nodes), behind any load
// balancer: each board has one owner node at a time, as tldraw sync and Cloudflare's Durable
// Objects have one owner per document, and every room of the board lives there. The other nodes
// forward its connections to the owner (forward.ts) and ask it to make their server changes
// (remote-change.ts); ownership is a lease in PostgreSQL whose generation fences every write
// (lease.ts, pg-storage.ts); closing connections reaches every node (closes.ts); the nodes talk
// over Redis (bus.ts). `Cluster` is what the sync server asks of all that: it is optional (one node
// needs none), and two sync servers in one process can each have their own.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Who } from '../server.ts';
import { connectBus, type Bus } from './bus.ts';
import { Closes } from './closes.ts';
import { Forwarder } from './forward.ts';
import { Leases, type Owner, type Taken } from './lease.ts';
import { RemoteChanges, type ApplyChange, type ChangeReply } from './remote-change.ts';

export { FORWARDED_BY } from './forward.ts';
export type { Owner, Taken } from './lease.ts';
export type { ChangeReply } from './remote-change.ts';

/** What the sync server does for the cluster. */
export interface ClusterHandlers {
	/** This node no longer holds `boardId` (it could not renew in time, or another took it): its
	 *  rooms must go at once, their connections closed. */
	lost(boardId: string): void;
	/** Another node closed `who`'s connections (closeConnectionsOf): close those held here. */
	closeConnections(who: Who): Promise<void>;
	/** Another node asks this one, the owner, to make a server change. */
	applyChange: ApplyChange;
}

/** What the sync server asks of the cluster. */
export interface Cluster {
	readonly nodeId: string;
	attach(handlers: ClusterHandlers): void;
	/** Takes `boardId`'s lease unless another live node holds it (then says where it is). */
	take(boardId: string): Promise<Taken>;
	/** The generation this node holds `boardId` under, while it trusts that lease; else null. */
	holds(boardId: string): number | null;
	/** Gives `boardId` up: its last room has closed. */
	release(boardId: string): void;
	/** Pipes an upgrade to the board's owner; false if the owner did not answer (see forward.ts). */
	forward(req: IncomingMessage, socket: Duplex, head: Buffer, owner: Owner): Promise<boolean>;
	/** Has every other node close `who`'s connections. Never rejects. */
	closeEverywhere(who: Who): Promise<void>;
	/** Asks `owner` to apply a server change (see remote-change.ts). */
	changeAt(
		owner: Owner,
		room: string,
		userId: string | null,
		update: Uint8Array
	): Promise<ChangeReply>;
	/** How long a lease lasts: how long a board may stay unreachable after its owner died. */
	readonly leaseMs: number;
	close(): Promise<void>;
}

export interface ClusterOptions {
	/** The store's pool (PostgreSQL): leases, and the closes' backstop. */
	pool: pg.Pool;
	redisUrl: string;
	nodeId: string;
	/** Where the other nodes reach this one over http (may be set once listening: `address`). */
	address?: string;
	leaseMs?: number;
	log: Logger;
}

export class ClusterNode implements Cluster {
	readonly nodeId: string;
	readonly leaseMs: number;
	#leases: Leases;
	#bus: Bus;
	#closes: Closes;
	#changes: RemoteChanges;
	#forwarder: Forwarder;
	#handlers: ClusterHandlers = {
		lost: () => {},
		closeConnections: async () => {},
		applyChange: async () => ({ ok: false, reason: 'not-owner' })
	};

	/** Connects to Redis and listens for the other nodes; acts on what they say once attached. */
	static async connect(options: ClusterOptions): Promise<ClusterNode> {
		const log = options.log.child({ part: 'cluster' });
		const bus = await connectBus(options.redisUrl, log);
		const node = new ClusterNode(options, bus, log);
		await node.#start();
		return node;
	}

	private constructor(options: ClusterOptions, bus: Bus, log: Logger) {
		this.nodeId = options.nodeId;
		this.#bus = bus;
		this.#leases = new Leases({
			pool: options.pool,
			nodeId: options.nodeId,
			log,
			leaseMs: options.leaseMs
		});
		this.leaseMs = this.#leases.leaseMs;
		if (options.address) this.#leases.address = options.address;
		this.#closes = new Closes(options.pool, bus, options.nodeId, log);
		this.#changes = new RemoteChanges(bus, options.nodeId, log);
		this.#forwarder = new Forwarder({ nodeId: options.nodeId });
	}

	async #start() {
		this.#leases.start((boardId) => this.#handlers.lost(boardId));
		await this.#closes.start((who) => this.#handlers.closeConnections(who));
		await this.#changes.start((room, userId, update) =>
			this.#handlers.applyChange(room, userId, update)
		);
	}

	/** Where the other nodes reach this one (http://host:port). */
	set address(address: string) {
		this.#leases.address = address;
	}

	attach(handlers: ClusterHandlers): void {
		this.#handlers = handlers;
	}

	take(boardId: string): Promise<Taken> {
		return this.#leases.take(boardId);
	}

	holds(boardId: string): number | null {
		return this.#leases.holds(boardId);
	}

	release(boardId: string): void {
		this.#leases.release(boardId);
	}

	forward(req: IncomingMessage, socket: Duplex, head: Buffer, owner: Owner): Promise<boolean> {
		return this.#forwarder.forward(req, socket, head, owner.address);
	}

	closeEverywhere(who: Who): Promise<void> {
		return this.#closes.everywhere(who);
	}

	changeAt(
		owner: Owner,
		room: string,
		userId: string | null,
		update: Uint8Array
	): Promise<ChangeReply> {
		return this.#changes.request(owner.nodeId, room, userId, update);
	}

	/** Ends the pipes, gives every board up, stops listening. After the sync server has closed (its
	 *  rooms folded under their leases). */
	async close(): Promise<void> {
		this.#forwarder.close();
		this.#closes.stop();
		await this.#leases.close();
		await this.#bus.close();
	}
}

/** The address other nodes reach this one at: NODE_ADDRESS if set, else http://HOST:PORT (HOST
 *  0.0.0.0 or unset: 127.0.0.1, right for nodes on one machine only). */
export function nodeAddress(configured: string | undefined, host: string, port: number): string {
	if (configured) return configured;
	const reachable = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
	return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
