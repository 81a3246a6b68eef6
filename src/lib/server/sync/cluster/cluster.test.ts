// Two nodes of a cluster in one process: two sync servers, each with a cluster node of its own (its
// own id, Redis connections and leases) and an http server of its own, over one real PostgreSQL and
// one real Redis started for this file, with real sessions and rights and real y-websocket clients.
// What is tested here is each part of the cluster in turn: the lease and its fence in PostgreSQL,
// forwarding to the owner (and its limits counted there, once), server changes made by the owner,
// closes reaching every node, and a node dropping a board it lost. The built server on several processes (kill -9, SIGSTOP, the
// database away) is tested in tests/cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import pino from 'pino';
import { openStore, type Store } from '../../db/index.ts';
import { insertUser } from '../../auth/accounts.ts';
import { SESSION_COOKIE, createSession, generateSessionToken } from '../../auth/session.ts';
import { createBoard, createCouncil, setMembership } from '../../council/councils.ts';
import { boardRoom } from '../rooms.ts';
import { SyncServer, SYNC_PATH } from '../server.ts';
import { FencedOut, PgDocStore } from '../pg-storage.ts';
import { ClusterNode } from './index.ts';
import { Leases } from './lease.ts';
import { CLOSE } from '../../../sync/protocol.ts';
import { LIMITS } from '../limits.ts';
import { addItem, readItems } from '../../../board/ydoc/list.ts';
import { NEEDS } from '../../../board/model/lists/index.ts';
import {
	startPostgres,
	startRedis,
	type RunningPostgres,
	type RunningRedis
} from '../../../../../tests/helpers/engines.ts';
import {
	connect,
	eventually,
	upgradeStatus,
	type Client
} from '../../../../../tests/helpers/yclient.ts';
import { RawClient } from '../../../../../tests/helpers/raw-client.ts';

const LEASE_MS = 1500;
const silent = pino({ level: 'silent' });

interface Node {
	id: string;
	cluster: ClusterNode;
	sync: SyncServer;
	http: Server;
	wsUrl: string;
}

let postgres: RunningPostgres;
let redis: RunningRedis;
let store: Store;
const nodes: Node[] = [];

async function startNode(id: string): Promise<Node> {
	const cluster = await ClusterNode.connect({
		pool: store.kind === 'postgres' ? store.pool : unreachable(),
		redisUrl: redis.url,
		nodeId: id,
		leaseMs: LEASE_MS,
		log: silent
	});
	const sync = new SyncServer({ store, log: silent, cluster });
	const http = createServer((_req, res) => res.writeHead(404).end());
	http.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head));
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	cluster.address = `http://127.0.0.1:${port}`;
	const node = {
		id,
		cluster,
		sync,
		http,
		wsUrl: `ws://127.0.0.1:${port}${SYNC_PATH.slice(0, -1)}`
	};
	nodes.push(node);
	return node;
}

function unreachable(): never {
	throw new Error('the cluster needs PostgreSQL');
}

beforeAll(async () => {
	[postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
	store = await openStore(postgres.url);
}, 120_000);
afterAll(async () => {
	for (const node of nodes) {
		await node.sync.close();
		await node.cluster.close();
		await new Promise((resolve) => node.http.close(resolve));
	}
	await store?.close();
	await Promise.all([postgres?.stop(), redis?.stop()]);
});

let counter = 0;
async function boardWithMember() {
	const council = await createCouncil(store.db, {
		name: '幸福里社区党建联席会',
		community: '幸福里社区'
	});
	const board = await createBoard(store.db, {
		councilId: council.id,
		title: '清单',
		period: '2026'
	});
	const member = async () => {
		const user = await insertUser(store.db, {
			username: `c${process.pid}-${++counter}`,
			displayName: '孙倩',
			passwordHash: 'not-a-real-hash'
		});
		await setMembership(store.db, council.id, user.id, 'member');
		const token = generateSessionToken();
		await createSession(store.db, token, user.id);
		return { user, cookie: `${SESSION_COOKIE}=${token}` };
	};
	return { boardId: board.id, room: boardRoom(board.id), member };
}

const needs = (doc: Y.Doc) => readItems(doc, NEEDS).map((n) => n.title);
const row = (room: string, seq: number, lease?: number) => ({
	room,
	seq,
	data: Y.encodeStateAsUpdate(new Y.Doc()),
	userId: null,
	createdAt: Date.now(),
	lease
});

describe('a board lease', () => {
	it('is one node’s at a time; a write under a lease that was taken over is refused, in the same statement', async () => {
		const pool = store.kind === 'postgres' ? store.pool : unreachable();
		const { boardId, room } = await boardWithMember();
		// Never renewed: as a node paused right after taking the board.
		const first = new Leases({ pool, nodeId: 'paused', log: silent, leaseMs: 300 });
		const second = new Leases({ pool, nodeId: 'other', log: silent, leaseMs: 300 });
		first.address = 'http://127.0.0.1:1';
		second.address = 'http://127.0.0.1:2';
		const taken = await first.take(boardId);
		expect(taken).toEqual({ held: true, generation: 1 });
		expect(await second.take(boardId)).toEqual({
			held: false,
			owner: { nodeId: 'paused', address: 'http://127.0.0.1:1' }
		});
		const paused = new PgDocStore(pool, undefined, 'paused');
		const other = new PgDocStore(pool, undefined, 'other');
		await paused.append([row(room, 1, 1)]);
		// A write that says no lease is never made by a fenced store.
		await expect(paused.append([row(room, 2)])).rejects.toBeInstanceOf(FencedOut);

		await new Promise((resolve) => setTimeout(resolve, 350));
		expect(first.holds(boardId)).toBeNull();
		expect(await second.take(boardId)).toEqual({ held: true, generation: 2 });
		await expect(paused.append([row(room, 2, 1)])).rejects.toBeInstanceOf(FencedOut);
		const state = Y.encodeStateAsUpdate(new Y.Doc());
		const vector = Y.encodeStateVector(new Y.Doc());
		await expect(paused.compact(room, state, vector, 1, 1)).rejects.toBeInstanceOf(FencedOut);
		await expect(paused.setAside(room, 'test', Date.now(), 1)).rejects.toBeInstanceOf(FencedOut);
		// Nor under the new generation: it is another node's.
		await expect(paused.append([row(room, 2, 2)])).rejects.toBeInstanceOf(FencedOut);
		await other.append([row(room, 2, 2)]);
		expect((await other.load(room)).seq).toBe(2);
		await Promise.all([first.close(), second.close()]);
	});
});

describe('two nodes', () => {
	let a: Node;
	let b: Node;
	beforeAll(async () => {
		[a, b] = [await startNode('node-a'), await startNode('node-b')];
	});
	const clients: Client[] = [];
	afterAll(() => {
		for (const client of clients) client.destroy();
	});

	it('serve one board from its owner: a client of the other node is forwarded there, and both converge', async () => {
		const { room, member } = await boardWithMember();
		const [p, q] = [await member(), await member()];
		const onA = connect(a.wsUrl, room, p.cookie);
		clients.push(onA);
		await onA.synced;
		const onB = connect(b.wsUrl, room, q.cookie);
		clients.push(onB);
		await onB.synced;
		expect(a.sync.rooms.get(room)?.connections.size).toBe(2);
		expect(b.sync.rooms.has(room)).toBe(false);
		addItem(onA.doc, NEEDS, { title: '甲' });
		addItem(onB.doc, NEEDS, { title: '乙' });
		await eventually(() => {
			expect(needs(onA.doc).sort()).toEqual(['乙', '甲']);
			expect(needs(onB.doc)).toEqual(needs(onA.doc));
		});
	});

	it('count a person’s forwarded connections once, on the owner', async () => {
		const { room, member } = await boardWithMember();
		const p = await member();
		const opened: RawClient[] = [];
		try {
			// The first opens the board on node-a; the rest come through node-b.
			for (const node of [a, ...Array<Node>(LIMITS.connectionsPerRoom - 1).fill(b)]) {
				const raw = new RawClient(node.wsUrl, room, p.cookie);
				opened.push(raw);
				await raw.opened;
			}
			expect(a.sync.rooms.get(room)?.connections.size).toBe(LIMITS.connectionsPerRoom);
			expect(await upgradeStatus(`${b.wsUrl}/${room}`, { cookie: p.cookie })).toBe(429);
		} finally {
			for (const raw of opened) raw.ws.close();
		}
	});

	it('make a server change asked of the node that does not own the board on its owner', async () => {
		const { room, member } = await boardWithMember();
		const p = await member();
		const onA = connect(a.wsUrl, room, p.cookie);
		clients.push(onA);
		await onA.synced;
		addItem(onA.doc, NEEDS, { title: '原有' });
		await eventually(async () => expect(a.sync.rooms.get(room)?.seq).toBe(1));
		const changed = await b.sync.change(room, p.user.id, (doc) =>
			addItem(doc, NEEDS, { title: '服务器加的' })
		);
		expect(changed).toBe(true);
		expect(b.sync.rooms.has(room)).toBe(false);
		await eventually(() => expect(needs(onA.doc)).toEqual(['原有', '服务器加的']));
		// Stored by the owner, under the person: what the other node reads is the same.
		const read = new Y.Doc();
		Y.applyUpdate(read, await b.sync.encodeState(room));
		expect(needs(read)).toEqual(['原有', '服务器加的']);
		const rows = await b.sync.logAfter(room, 0);
		expect(rows.at(-1)?.userId).toBe(p.user.id);
		// A change that changes nothing is no request at all.
		expect(await b.sync.change(room, null, () => {})).toBe(false);
	});

	it('close the connections a change of rights concerns on every node', async () => {
		const { room, member } = await boardWithMember();
		const p = await member();
		const raw = new RawClient(a.wsUrl, room, p.cookie);
		await raw.opened;
		const started = Date.now();
		await b.sync.closeConnectionsOf({ userId: p.user.id });
		expect(await raw.closed).toBe(CLOSE.rightsChanged);
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('drop a board whose lease another node took over: its clients reconnect to the new owner', async () => {
		const { boardId, room, member } = await boardWithMember();
		const p = await member();
		const raw = new RawClient(a.wsUrl, room, p.cookie);
		await raw.opened;
		expect(a.cluster.holds(boardId)).not.toBeNull();
		// As if node-a had been paused past its lease and node-b had taken the board meanwhile.
		const pool = store.kind === 'postgres' ? store.pool : unreachable();
		await pool.query(
			"UPDATE board_owners SET node_id = 'node-b', generation = generation + 1, address = $2 WHERE board_id = $1",
			[boardId, 'http://127.0.0.1:1']
		);
		expect(await raw.closed).toBe(CLOSE.serverError);
		expect(a.cluster.holds(boardId)).toBeNull();
		expect(a.sync.rooms.has(room)).toBe(false);
	});
});
