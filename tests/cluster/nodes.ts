// Several real nodes for a test file: a PostgreSQL and a Redis of the file's own
// (tests/helpers/engines.ts), the fixtures seeded into a database on that PostgreSQL (seed.ts), and
// the built production server started as node-a, node-b, … on it (server.ts: `npm run build`
// first), each on a port of its own with the same DATABASE_URL and REDIS_URL. Clients stand in for
// a load balancer themselves: each picks its node when it connects, and again whenever it
// reconnects (`connectVia`), so that a test says where each one lands.
import pg from 'pg';
import * as Y from 'yjs';
import { afterAll, beforeAll } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import {
	startPostgres,
	startRedis,
	type RunningPostgres,
	type RunningRedis
} from '../helpers/engines.ts';
import { seed, type Seeded } from '../helpers/seed.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import type { Client } from '../helpers/yclient.ts';

// y-websocket registers one process 'exit' handler per provider; tests open more than ten at once.
process.setMaxListeners(100);

export interface Cluster {
	s: Seeded;
	postgres: RunningPostgres;
	redis: RunningRedis;
	/** node-a, node-b, … in order. */
	nodes: RunningServer[];
	/** A query on the seeded database. */
	query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
	/** The node id that owns `boardId` now, if a live lease says so. */
	owner(boardId: string): Promise<string | null>;
	clients: Client[];
}

/** A room's document as PostgreSQL holds it: its state row, then its log, replayed. */
export async function storedDoc(c: Cluster, room: string): Promise<Y.Doc> {
	const rows = await c.query<{ data: Buffer }>(
		'SELECT data FROM (SELECT 0 AS o, seq, data FROM doc_states WHERE room = $1 ' +
			'UNION ALL SELECT 1, seq, data FROM doc_updates WHERE room = $1) AS stored ORDER BY o, seq',
		[room]
	);
	const doc = new Y.Doc();
	for (const { data } of rows) Y.applyUpdate(doc, data);
	return doc;
}

export const nodeName = (i: number) => `node-${String.fromCharCode(97 + i)}`;

/** Registers the file's setup and teardown: `count` nodes, each with `env` besides its own. */
export function cluster(count: number, env: Record<string, string> = {}): Cluster {
	const c = { clients: [] as Client[], nodes: [] as RunningServer[] } as unknown as Cluster;
	let pool: pg.Pool | null = null;
	beforeAll(async () => {
		[c.postgres, c.redis] = await Promise.all([startPostgres(), startRedis()]);
		process.env.TEST_POSTGRES_URL = c.postgres.url;
		c.s = await seed();
		pool = new pg.Pool({ connectionString: c.s.database, max: 2 });
		pool.on('error', () => {});
		c.query = async (text, values) => (await pool!.query(text, values)).rows;
		c.owner = async (boardId) =>
			(
				await c.query<{ node_id: string }>(
					'SELECT node_id FROM board_owners WHERE board_id = $1 AND expires_at > now()',
					[boardId]
				)
			)[0]?.node_id ?? null;
		c.nodes = await Promise.all(
			Array.from({ length: count }, (_, i) =>
				startServer({
					database: c.s.database,
					env: { REDIS_URL: c.redis.url, NODE_ID: nodeName(i), ...env }
				})
			)
		);
	}, 120_000);
	afterAll(async () => {
		for (const client of c.clients) client.destroy();
		await Promise.all(c.nodes.map((node) => node.kill()));
		await pool?.end();
		await c.s?.drop();
		await Promise.all([c.postgres?.stop(), c.redis?.stop()]);
	});
	return c;
}

/** Nodes told to stop: a load balancer takes a node out as soon as it says it is not ready. */
const stopping = new WeakSet<RunningServer>();

/** Whether a node takes connections: running (neither killed nor exited) and not stopping. */
export const alive = (node: RunningServer) =>
	node.process.exitCode === null && node.process.signalCode === null && !stopping.has(node);

/** Stops a node cleanly (SIGTERM), out of every client's choice from now on. */
export function stopNode(node: RunningServer): Promise<void> {
	stopping.add(node);
	return node.stop();
}

/** A real y-websocket client on `room` with `cookie`'s session, that connects, and reconnects,
 *  to whichever node `pick` gives at that moment (a ws:// base, as RunningServer.wsUrl). */
export function connectVia(c: Cluster, pick: () => string, room: string, cookie: string): Client {
	class PickedWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			const path = new URL(url).pathname.replace(/^\/sync/, '');
			super(`${pick()}${path}${new URL(url).search}`, protocols, { headers: { cookie } });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider('ws://picked/sync', room, doc, {
		WebSocketPolyfill: PickedWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', () => resolve());
	});
	const client: Client = {
		doc,
		provider,
		synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
	c.clients.push(client);
	return client;
}

/** The first live node of `order`, for connectVia: a client that prefers some nodes to others. */
export const firstAlive =
	(...order: RunningServer[]) =>
	() =>
		(order.find(alive) ?? order[0]!).wsUrl;
