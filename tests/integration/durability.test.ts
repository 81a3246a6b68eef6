// What the server promises about storage: an update anyone has received survives kill -9, and a
// room whose history was folded loads whole.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { count, eq } from 'drizzle-orm';
import { tables } from '../../src/lib/server/db/index.ts';
import { seed, type Seeded } from '../helpers/seed.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { withStore } from '../helpers/store.ts';
import { connect, eventually, type Client } from '../helpers/yclient.ts';

let s: Seeded;
let servers: RunningServer[] = [];
let clients: Client[] = [];
const start = async () => {
	const server = await startServer({ database: s.database });
	servers.push(server);
	return server;
};
const open = (server: RunningServer, cookie = s.people.secretary.cookie) => {
	const c = connect(server.wsUrl, s.room, cookie);
	clients.push(c);
	return c;
};

/** How the board's room sits in the store: rows left in its log, and up to where the state row
 *  folds it. */
function storedRoom() {
	return withStore(s.database, async (db) => {
		const { docStates, docUpdates } = tables(db);
		const [log] = await db
			.select({ n: count() })
			.from(docUpdates)
			.where(eq(docUpdates.room, s.room));
		const [state] = await db
			.select({ seq: docStates.seq })
			.from(docStates)
			.where(eq(docStates.room, s.room));
		return { logRows: log!.n, foldedSeq: state?.seq ?? 0 };
	});
}

beforeEach(async () => {
	s = await seed();
});
afterEach(async () => {
	for (const c of clients) c.destroy();
	for (const server of servers) await server.kill();
	clients = [];
	servers = [];
	await s.drop();
});

describe('durability', () => {
	it('keeps every update a client had received when the server is killed with SIGKILL mid-edit', async () => {
		const first = await start();
		const writer = open(first);
		const reader = open(first, s.people.member.cookie);
		await Promise.all([writer.synced, reader.synced]);

		// The writer edits without pause; the reader notes what reaches it.
		let i = 0;
		const writing = setInterval(() => {
			for (let k = 0; k < 5; k++, i++) writer.doc.getMap('needs').set(`k${i}`, i);
		}, 2);
		await eventually(() => expect(reader.doc.getMap('needs').size).toBeGreaterThan(500), 20_000);
		await first.kill();
		clearInterval(writing);
		// Freeze what each client holds, and keep them from resending it after the restart.
		const received = Object.keys(reader.doc.getMap('needs').toJSON());
		writer.provider.destroy();
		reader.provider.destroy();
		expect(received.length).toBeGreaterThan(500);

		const second = await start();
		const check = open(second, s.people.member2.cookie);
		await check.synced;
		const after = check.doc.getMap('needs');
		const missing = received.filter((key) => !after.has(key));
		expect(missing).toEqual([]);
	});

	it('loads a room of 10,000 updates correctly after compaction', async () => {
		const first = await start();
		const writer = open(first);
		await writer.synced;
		const map = writer.doc.getMap<number>('needs');
		for (let i = 0; i < 10_000; i++) map.set(`k${i}`, i);
		writer.doc.getMap('plan').set('t', new Y.Text('共驻共建'));
		const watcher = open(first, s.people.member.cookie);
		await watcher.synced;
		await eventually(() => expect(watcher.doc.getMap('needs').size).toBe(10_000), 30_000);
		await first.stop(); // graceful: writes what is pending and folds the room

		const { logRows, foldedSeq } = await storedRoom();
		// Folded whole at shutdown: nothing left in the log. (Not one row per key: on a loaded machine
		// the client may reconnect midway and send the rest as one sync step, which is as good.)
		// The server's last words, should the fold at shutdown not have landed:
		expect(logRows, first.logs.slice(-30).join('\n')).toBe(0);
		expect(foldedSeq).toBeGreaterThan(0);

		const second = await start();
		const reader = open(second, s.people.member2.cookie);
		await reader.synced;
		const loaded = reader.doc.getMap<number>('needs');
		expect(loaded.size).toBe(10_000);
		expect(loaded.get('k0')).toBe(0);
		expect(loaded.get('k9999')).toBe(9999);
		expect(String(reader.doc.getMap('plan').get('t'))).toBe('共驻共建');
	});

	it('folds the log while editing goes on, and loads from state plus the log tail', async () => {
		const first = await start();
		const writer = open(first);
		await writer.synced;
		for (let i = 0; i < 2500; i++) writer.doc.getMap('needs').set(`k${i}`, i);
		const watcher = open(first, s.people.member.cookie);
		await eventually(() => expect(watcher.doc.getMap('needs').size).toBe(2500), 30_000);
		await first.kill(); // no graceful fold: the tail after the last background fold stays in the log

		// Folded as it went (loading starts from the state row); the log rows themselves stay until
		// the activity record has read them (when the room closes, goes idle, or the feed is opened).
		const { foldedSeq } = await storedRoom();
		expect(foldedSeq).toBeGreaterThanOrEqual(1000);
		writer.provider.destroy();
		watcher.provider.destroy();

		const second = await start();
		const reader = open(second, s.people.member2.cookie);
		await reader.synced;
		expect(reader.doc.getMap('needs').size).toBe(2500);
	});

	it('gives clients that connect to a cold room at once the loaded document, never an empty one', async () => {
		const first = await start();
		const writer = open(first);
		await writer.synced;
		for (let i = 0; i < 3000; i++) writer.doc.getMap('needs').set(`k${i}`, i);
		const watcher = open(first, s.people.member.cookie);
		await eventually(() => expect(watcher.doc.getMap('needs').size).toBe(3000), 30_000);
		await first.stop();
		writer.provider.destroy();
		watcher.provider.destroy();

		const second = await start();
		const many = Array.from({ length: 12 }, (_, i) =>
			open(second, i % 2 ? s.people.member.cookie : s.people.observer.cookie)
		);
		await Promise.all(many.map((c) => c.synced));
		for (const c of many) expect(c.doc.getMap('needs').size).toBe(3000);
	});
});
