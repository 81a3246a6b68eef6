// Connections closed on every node (SyncServer.closeConnectionsOf: a role changed, a session ended,
// a board's status changed), whichever node the change was made on and whichever holds the
// sockets. The node making the change closes its own at once, then says so twice: a message on
// Redis, which every other node acts on within milliseconds, and a row in PostgreSQL
// (`sync_closes`), which every node reads twice a second, so that a message Redis lost (restarting,
// or away) still closes them within a second. Both carry the same id: a node acts on whichever
// comes first and knows the other for the same. Rows are read for a few seconds after they are
// written (by time, not by id, so that one committed late is not skipped) and pruned after a minute.
import type pg from 'pg';
import type { Logger } from 'pino';
import { CHANNELS, type Bus } from './bus.ts';
import type { Who } from '../server.ts';

const POLL_MS = 500;
/** How far back each poll reads, and how long an id is remembered: well past a commit's delay. */
const WINDOW_MS = 10_000;
const KEPT = "interval '1 minute'";

type Kind = 'user' | 'session' | 'board';

interface CloseMessage {
	id: string;
	from: string;
	kind: Kind;
	whoId: string;
}

export class Closes {
	#pool: pg.Pool;
	#bus: Bus;
	#nodeId: string;
	#log: Logger;
	#close: (who: Who) => Promise<void> = async () => {};
	/** Ids acted on, and when. */
	#seen = new Map<string, number>();
	#timer: NodeJS.Timeout | null = null;
	#polling = false;
	#polls = 0;

	constructor(pool: pg.Pool, bus: Bus, nodeId: string, log: Logger) {
		this.#pool = pool;
		this.#bus = bus;
		this.#nodeId = nodeId;
		this.#log = log;
	}

	/** Acts on other nodes' closes with `close` from now on. */
	async start(close: (who: Who) => Promise<void>): Promise<void> {
		this.#close = close;
		await this.#bus.subscribe(CHANNELS.closes, (message) => {
			if (isClose(message) && message.from !== this.#nodeId) this.#act(message);
		});
		this.#timer = setInterval(() => void this.#poll(), POLL_MS);
		this.#timer.unref();
	}

	/** Tells every other node to close `who`'s connections. Never rejects: either way may fail
	 *  alone (Redis away, the database away) and the other still carries it. */
	async everywhere(who: Who): Promise<void> {
		const [kind, whoId] = describe(who);
		const message: CloseMessage = { id: crypto.randomUUID(), from: this.#nodeId, kind, whoId };
		const written = this.#pool
			.query(
				'INSERT INTO sync_closes (id, who_kind, who_id, node_id, at) VALUES ($1, $2, $3, $4, now())',
				[message.id, kind, whoId, this.#nodeId]
			)
			.catch((err: unknown) =>
				this.#log.warn(
					{ err },
					'could not write a close for the other nodes; Redis carries it alone'
				)
			);
		const published = this.#bus
			.publish(CHANNELS.closes, message)
			.catch((err: unknown) =>
				this.#log.warn(
					{ err },
					'could not publish a close; the other nodes read it from the database'
				)
			);
		await Promise.all([written, published]);
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	#act(message: CloseMessage) {
		if (this.#seen.has(message.id)) return;
		this.#seen.set(message.id, Date.now());
		const who: Who =
			message.kind === 'user'
				? { userId: message.whoId }
				: message.kind === 'session'
					? { sessionId: message.whoId }
					: { boardId: message.whoId };
		this.#close(who).catch((err: unknown) =>
			this.#log.warn({ err, who }, 'could not close the connections another node asked to close')
		);
	}

	async #poll() {
		if (this.#polling) return;
		this.#polling = true;
		try {
			const { rows } = await this.#pool.query<{ id: string; who_kind: Kind; who_id: string }>(
				"SELECT id, who_kind, who_id FROM sync_closes WHERE at > now() - $1 * interval '1 millisecond' AND node_id <> $2",
				[WINDOW_MS, this.#nodeId]
			);
			for (const row of rows)
				this.#act({ id: row.id, from: '', kind: row.who_kind, whoId: row.who_id });
			const forgotten = Date.now() - 2 * WINDOW_MS;
			for (const [id, at] of this.#seen) if (at < forgotten) this.#seen.delete(id);
			// Any node prunes, now and then; pruning twice is harmless.
			if (++this.#polls % 20 === 0)
				await this.#pool.query(`DELETE FROM sync_closes WHERE at < now() - ${KEPT}`);
		} catch (err) {
			this.#log.debug({ err }, 'could not read the closes of other nodes');
		} finally {
			this.#polling = false;
		}
	}
}

function describe(who: Who): [Kind, string] {
	if ('userId' in who) return ['user', who.userId];
	if ('sessionId' in who) return ['session', who.sessionId];
	return ['board', who.boardId];
}

function isClose(message: unknown): message is CloseMessage {
	const m = message as Partial<CloseMessage> | null;
	return (
		typeof m?.id === 'string' &&
		typeof m.from === 'string' &&
		(m.kind === 'user' || m.kind === 'session' || m.kind === 'board') &&
		typeof m.whoId === 'string'
	);
}
