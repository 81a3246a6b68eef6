// What most integration test files start with: a seeded store (store.ts), the production
// server on it, and real y-websocket clients that are closed when the file's tests are done.
import { afterAll, beforeAll } from 'vitest';
import { seed, type Seeded } from './seed.ts';
import { startServer, type RunningServer } from './server.ts';
import { connect, type Client } from './yclient.ts';

export interface Live {
	/** Set once the file's tests start. */
	s: Seeded;
	server: RunningServer;
	clients: Client[];
	/** A client on `room` (the board document by default) with `cookie`'s session. */
	open(cookie: string, room?: string): Client;
}

/** Registers the file's setup and teardown; the fields are filled before its first test runs. */
export function liveServer(): Live {
	const live = { clients: [] as Client[] } as Live;
	live.open = (cookie, room = live.s.room) => {
		const client = connect(live.server.wsUrl, room, cookie);
		live.clients.push(client);
		return client;
	};
	beforeAll(async () => {
		live.s = await seed();
		live.server = await startServer({ database: live.s.database });
	});
	afterAll(async () => {
		for (const client of live.clients) client.destroy();
		await live.server?.stop();
		await live.s?.drop();
	});
	return live;
}
