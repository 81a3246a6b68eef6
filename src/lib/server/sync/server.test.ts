// The sync server in-process, on each store: a real SQLite file and a real PostgreSQL (started for
// this file), an http server of its own, real sessions and rights in the database, and real
// websockets (y-websocket clients, and raw ones for what they cannot show). What is tested here is
// what the server does around the rooms now that storage and the database answer later: upgrades
// wait for their session, rights and room (one load for everyone at once), stored before relayed,
// sessions ended elsewhere seen from frames, changes from the server, and closing. The built server
// (kill -9, several nodes) is tested in tests/integration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import pino from 'pino';
import { openStore, type Store } from '../db/index.ts';
import { insertUser } from '../auth/accounts.ts';
import {
	SESSION_COOKIE,
	createSession,
	generateSessionToken,
	invalidateSession
} from '../auth/session.ts';
import { createBoard, createCouncil, setMembership } from '../council/councils.ts';
import { boardRoom } from './rooms.ts';
import { SyncServer, SYNC_PATH } from './server.ts';
import { docStorage, type SyncStorage } from './storage.ts';
import { CLOSE } from '../../sync/protocol.ts';
import { addItem, readItems } from '../../board/ydoc/list.ts';
import { NEEDS } from '../../board/model/lists/index.ts';
import { startPostgres, type RunningPostgres } from '../../../../tests/helpers/engines.ts';
import {
	connect,
	eventually,
	upgradeStatus,
	type Client
} from '../../../../tests/helpers/yclient.ts';
import { RawClient } from '../../../../tests/helpers/raw-client.ts';

/** The store's own storage, counting how often each room is loaded. */
function countingStorage(store: Store) {
	const storage = docStorage(store);
	const loads = new Map<string, number>();
	const counted: SyncStorage = {
		load: (room) => {
			loads.set(room, (loads.get(room) ?? 0) + 1);
			return storage.load(room);
		},
		append: (rows) => storage.append(rows),
		compact: (room, state, sv, seq) => storage.compact(room, state, sv, seq),
		storedBytes: (room) => storage.storedBytes(room),
		setAside: (room, reason, now) => storage.setAside(room, reason, now),
		setAsideRooms: () => storage.setAsideRooms(),
		rowsAfter: (room, seq, limit) => storage.rowsAfter(room, seq, limit),
		trimFolded: (room, seq) => storage.trimFolded(room, seq)
	};
	return { storage: counted, loads };
}

interface Running {
	store: Store;
	sync: SyncServer;
	storage: SyncStorage;
	loads: Map<string, number>;
	closed: string[];
	wsUrl: string;
	http: Server;
}

async function startSync(store: Store): Promise<Running> {
	const { storage, loads } = countingStorage(store);
	const closed: string[] = [];
	const sync = new SyncServer({
		store,
		log: pino({ level: 'silent' }),
		storage,
		onRoomClosed: (room) => closed.push(room)
	});
	const http = createServer((_req, res) => res.writeHead(404).end());
	http.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head));
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	return {
		store,
		sync,
		storage,
		loads,
		closed,
		wsUrl: `ws://127.0.0.1:${port}${SYNC_PATH.slice(0, -1)}`,
		http
	};
}

async function stopSync(running: Running) {
	await running.sync.close();
	await new Promise((resolve) => running.http.close(resolve));
}

let counter = 0;
/** A council with a board, and a member of it signed in: the room, and the cookie to open it. */
async function boardWithMember(db: Store['db']) {
	const council = await createCouncil(db, {
		name: '幸福里社区党建联席会',
		community: '幸福里社区'
	});
	const board = await createBoard(db, {
		councilId: council.id,
		title: '2025 清单',
		period: '2025'
	});
	const member = async (role: 'member' | 'observer' = 'member') => {
		const user = await insertUser(db, {
			username: `p${process.pid}-${++counter}`,
			displayName: '孙倩',
			passwordHash: 'not-a-real-hash'
		});
		await setMembership(db, council.id, user.id, role);
		const token = generateSessionToken();
		const session = await createSession(db, token, user.id);
		return { user, session, cookie: `${SESSION_COOKIE}=${token}` };
	};
	return { room: boardRoom(board.id), boardId: board.id, member };
}

const needs = (doc: Y.Doc) => readItems(doc, NEEDS).map((n) => n.title);

async function storedNeeds(storage: SyncStorage, room: string) {
	const doc = new Y.Doc();
	for (const update of (await storage.load(room)).updates) Y.applyUpdate(doc, update);
	return needs(doc);
}

let postgres: RunningPostgres | null = null;
const opened: { store: Store; dir?: string }[] = [];
beforeAll(async () => {
	postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
	for (const { store, dir } of opened) {
		await store.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	}
	await postgres?.stop();
});

const STORES: { name: string; open: () => Promise<Store> }[] = [
	{
		name: 'SQLite',
		open: async () => {
			const dir = mkdtempSync(join(tmpdir(), 'gongjian-sync-'));
			const store = await openStore(join(dir, 'test.db'));
			opened.push({ store, dir });
			return store;
		}
	},
	{
		name: 'PostgreSQL',
		open: async () => {
			const store = await openStore(postgres!.url);
			opened.push({ store });
			return store;
		}
	}
];

describe.each(STORES)('the sync server on $name', ({ open }) => {
	let running: Running;
	beforeAll(async () => {
		running = await startSync(await open());
	});
	afterAll(() => stopSync(running));

	it('refuses an upgrade without a session, or to a board that is not there', async () => {
		const { room } = await boardWithMember(running.store.db);
		expect(await upgradeStatus(`${running.wsUrl}/${room}`)).toBe(401);
		const { cookie } = await (await boardWithMember(running.store.db)).member();
		expect(await upgradeStatus(`${running.wsUrl}/board:nowhere`, { cookie })).toBe(404);
		expect(await upgradeStatus(`${running.wsUrl}/${room}`, { cookie })).toBe(403);
	});

	it('relays an update, stored under its writer, and a newcomer gets it', async () => {
		const { room, member } = await boardWithMember(running.store.db);
		const [a, b] = [await member(), await member()];
		const clients: Client[] = [];
		try {
			const [writer, other] = [
				connect(running.wsUrl, room, a.cookie),
				connect(running.wsUrl, room, b.cookie)
			];
			clients.push(writer, other);
			await Promise.all([writer.synced, other.synced]);
			addItem(writer.doc, NEEDS, { title: '老年人健康筛查' });
			await eventually(() => expect(needs(other.doc)).toEqual(['老年人健康筛查']));
			const rows = await running.storage.rowsAfter(room, 0);
			expect(rows.map((r) => [r.seq, r.userId])).toEqual([[1, a.user.id]]);

			const late = connect(running.wsUrl, room, b.cookie);
			clients.push(late);
			await late.synced;
			expect(needs(late.doc)).toEqual(['老年人健康筛查']);
		} finally {
			for (const client of clients) client.destroy();
		}
		// The last one gone: the room is folded and closed.
		await eventually(() => expect(running.closed).toContain(room));
		expect(running.sync.rooms.has(room)).toBe(false);
		expect(await running.storage.load(room)).toMatchObject({ seq: 1, compactedSeq: 1 });
	});

	it('loads a room once for everyone who opens it at once, and hands each the whole room', async () => {
		const { room, member } = await boardWithMember(running.store.db);
		const first = new Y.Doc();
		addItem(first, NEEDS, { title: '楼道堆物' });
		await running.storage.append([
			{ room, seq: 1, data: Y.encodeStateAsUpdate(first), userId: null, createdAt: Date.now() }
		]);
		const people = await Promise.all([1, 2, 3, 4, 5].map(() => member()));
		const clients = people.map((p) => connect(running.wsUrl, room, p.cookie));
		try {
			await Promise.all(clients.map((c) => c.synced));
			expect(running.loads.get(room)).toBe(1);
			for (const client of clients) expect(needs(client.doc)).toEqual(['楼道堆物']);
			expect(running.sync.rooms.get(room)?.connections.size).toBe(5);
		} finally {
			for (const client of clients) client.destroy();
		}
		await eventually(() => expect(running.sync.rooms.has(room)).toBe(false));
	});

	it('changes a room from the server: open clients get it once stored; a room nobody has open is folded and closed', async () => {
		const { room, member } = await boardWithMember(running.store.db);
		const p = await member();
		const client = connect(running.wsUrl, room, p.cookie);
		try {
			await client.synced;
			const changed = await running.sync.change(room, p.user.id, (doc) =>
				addItem(doc, NEEDS, { title: '暑期托管' })
			);
			expect(changed).toBe(true);
			expect(await storedNeeds(running.storage, room)).toEqual(['暑期托管']);
			await eventually(() => expect(needs(client.doc)).toEqual(['暑期托管']));
		} finally {
			client.destroy();
		}

		const { room: closedRoom } = await boardWithMember(running.store.db);
		expect(
			await running.sync.change(closedRoom, null, (doc) => addItem(doc, NEEDS, { title: '一' }))
		).toBe(true);
		expect(running.sync.rooms.has(closedRoom)).toBe(false);
		expect(await running.storage.load(closedRoom)).toMatchObject({ seq: 1, compactedSeq: 1 });
		const state = new Y.Doc();
		Y.applyUpdate(state, await running.sync.encodeState(closedRoom));
		expect(needs(state)).toEqual(['一']);
		// Changes at once to a room nobody has open: each after the one before, none lost.
		await Promise.all(
			['二', '三', '四'].map((title) =>
				running.sync.change(closedRoom, null, (doc) => addItem(doc, NEEDS, { title }))
			)
		);
		expect(await storedNeeds(running.storage, closedRoom)).toEqual(['一', '二', '三', '四']);
	});

	it('closes the connections of a session ended elsewhere, seen from the frames they send', async () => {
		const { room, member } = await boardWithMember(running.store.db);
		const [ending, staying] = [await member(), await member()];
		const gone = new RawClient(running.wsUrl, room, ending.cookie);
		const kept = new RawClient(running.wsUrl, room, staying.cookie);
		await Promise.all([gone.opened, kept.opened]);
		await invalidateSession(running.store.db, ending.session.id);
		// Within the second the server trusts what it read, frames go on; after it, the first frame
		// has the session read again, and its connection closes.
		const doc = new Y.Doc();
		addItem(doc, NEEDS, { title: '写了也白写' });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		gone.sendUpdate(Y.encodeStateAsUpdate(doc));
		kept.sendUpdate(Y.encodeStateAsUpdate(new Y.Doc()));
		expect(await gone.closed).toBe(CLOSE.sessionEnded);
		expect(kept.open).toBe(true);
		kept.ws.close();
	});

	it('closes the connections of a person whose rights changed, once what they sent is stored', async () => {
		const { room, member } = await boardWithMember(running.store.db);
		const p = await member();
		const raw = new RawClient(running.wsUrl, room, p.cookie, '?notices=1');
		await raw.opened;
		const doc = new Y.Doc();
		addItem(doc, NEEDS, { title: '最后一条' });
		raw.sendUpdate(Y.encodeStateAsUpdate(doc));
		await eventually(() => expect(running.sync.rooms.get(room)?.seq).toBe(1));
		await running.sync.closeConnectionsOf({ userId: p.user.id });
		expect(await raw.closed).toBe(CLOSE.rightsChanged);
		expect(await storedNeeds(running.storage, room)).toEqual(['最后一条']);
	});
});

describe('closing the sync server', () => {
	it('writes what is pending, folds every room, and says each has closed', async () => {
		const running = await startSync(await STORES[0]!.open());
		const { room, member } = await boardWithMember(running.store.db);
		const p = await member();
		const raw = new RawClient(running.wsUrl, room, p.cookie);
		await raw.opened;
		const doc = new Y.Doc();
		addItem(doc, NEEDS, { title: '关门前' });
		raw.sendUpdate(Y.encodeStateAsUpdate(doc));
		await eventually(() => expect(running.sync.rooms.get(room)?.seq).toBe(1));
		await stopSync(running);
		expect(await raw.closed).toBe(CLOSE.goingAway);
		expect(running.closed).toEqual([room]);
		expect(await running.storage.load(room)).toMatchObject({ seq: 1, compactedSeq: 1 });
		expect(await storedNeeds(running.storage, room)).toEqual(['关门前']);
	});
});
