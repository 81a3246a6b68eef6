// The server-side application: one store (SQLite or PostgreSQL), one sync server, the rate limits
// (in Redis when there is one, shared by every node), shared by the SvelteKit routes and the
// websocket endpoint (in dev through Vite's module graph, in production through the global handle
// the hooks publish for server/index.js).
import type { Logger } from 'pino';
import { openStore, reachable, type Db, type Store } from './db/index.ts';
import { createLogger } from './log.ts';
import { SyncServer } from './sync/server.ts';
import { ActivityReader, activityCursor } from './record/activity.ts';
import { parsePlanRoom } from './sync/rooms.ts';
import { boardRooms } from './docs/board-rooms.ts';
import type { Documents } from './docs/documents.ts';
import {
	AUTO_VERSION_TIMING,
	AutoVersionClock,
	thinAutoVersions,
	type AutoVersionTiming
} from './versions/auto-versions.ts';
import { takeVersion } from './versions/versions.ts';
import { getBoard } from './council/councils.ts';
import {
	createImportLimiter,
	createLoginLimiter,
	createSignupLimiter,
	MemoryCounts,
	RedisCounts,
	type Limiter,
	type LoginLimiter
} from './auth/rate-limit.ts';
import { ensureSetupCode, SetupWatch } from './auth/setup.ts';
import { closeRedis, connectRedis, type Redis } from './redis.ts';

export interface App {
	store: Store;
	db: Db;
	log: Logger;
	sync: SyncServer;
	/** The door to the boards' documents (docs/documents.ts), live over the sync server's rooms. */
	docs: Documents;
	/** The connection to Redis (REDIS_URL), where several nodes share what they count. */
	redis: Redis | null;
	loginLimiter: LoginLimiter;
	signupLimiter: Limiter;
	importLimiter: Limiter;
	/** Whether first-run setup is still to be done (its code stands in the store: auth/setup.ts). */
	setup: SetupWatch;
	/** Whether this node can serve: its store answers and it is not stopping (GET /readyz). */
	ready(): Promise<boolean>;
	close(): Promise<void>;
}

export const APP_HANDLE = Symbol.for('gongjian.app');

/** `database`: a SQLite file's path, or a `postgres://` URL; `redis`: a `redis://` URL, for the
 *  counts several nodes share (without it they are this process's). */
export async function createApp(options: {
	database: string;
	redis?: string;
	log?: Logger;
	origin?: string;
	autoVersions?: AutoVersionTiming;
}): Promise<App> {
	const log = options.log ?? createLogger();
	const store = await openStore(options.database);
	const { db } = store;
	const redis = options.redis ? await connectRedis(options.redis, log) : null;
	const counts = redis ? new RedisCounts(redis, log) : new MemoryCounts();
	const setupCode = await ensureSetupCode(db);
	let closing = false;
	const clock = new AutoVersionClock(options.autoVersions);
	// Activity is read a batch at a time in the background; a failure is logged, the rows wait.
	const reader: ActivityReader = new ActivityReader(
		db,
		{ logAfter: (...a) => sync.logAfter(...a), trimLog: (...a) => sync.trimLog(...a) },
		(room, err) => log.error({ room, err }, 'could not read the activity of a room')
	);
	const sync = new SyncServer({
		store,
		log,
		allowedOrigins: options.origin ? [new URL(options.origin).origin] : undefined,
		// The log keeps what the activity record has not read yet; it reads a room when it closes.
		retainLogFrom: async (room) =>
			parsePlanRoom(room) ? activityCursor(db, room) : Number.MAX_SAFE_INTEGER,
		onRoomClosed: (room) => reader.add(room),
		onChange: (room) => clock.changed(room)
	});
	const app: App = {
		store,
		db,
		log,
		sync,
		docs: sync,
		redis,
		loginLimiter: createLoginLimiter(counts),
		signupLimiter: createSignupLimiter(counts),
		importLimiter: createImportLimiter(counts),
		setup: new SetupWatch(db, setupCode !== null),
		async ready() {
			return !closing && (await reachable(db));
		},
		async close() {
			closing = true;
			clearInterval(autoVersions);
			await sync.close();
			await reader.drain();
			await store.close();
			if (redis) await closeRedis(redis);
			log.info('closed');
		}
	};
	// Every node that starts while the code stands prints it (the same one: it is the store's).
	if (setupCode)
		log.warn(
			{ setupCode },
			`首次运行：请打开 /setup 并输入设置码 ${setupCode} 创建管理员账户 (first run: open /setup and enter this setup code)`
		);
	// Automatic versions: looked for a few times per idle period, off the sync server's path.
	const timing = options.autoVersions ?? AUTO_VERSION_TIMING;
	const autoVersions = setInterval(
		() => void takeAutoVersions(app, clock.due(), reader),
		Math.min(30_000, timing.idleMs / 4)
	);
	autoVersions.unref();
	log.info({ database: store.location, store: store.kind }, 'database ready');
	return app;
}

let current: Promise<App> | undefined;

/** The process's app, created on first use from the environment: PostgreSQL where DATABASE_URL
 *  names it, else the SQLite file DATABASE_PATH; Redis where REDIS_URL names it. */
export function getApp(): Promise<App> {
	current ??= createApp({
		database: process.env.DATABASE_URL || process.env.DATABASE_PATH || './data/gongjian.db',
		redis: process.env.REDIS_URL || undefined,
		origin: process.env.ORIGIN,
		autoVersions: {
			idleMs: Number(process.env.AUTO_VERSION_IDLE_MS) || AUTO_VERSION_TIMING.idleMs,
			maxMs: Number(process.env.AUTO_VERSION_MAX_MS) || AUTO_VERSION_TIMING.maxMs
		}
	});
	return current;
}

async function takeAutoVersions(
	app: App,
	boardIds: string[],
	reader: ActivityReader
): Promise<void> {
	for (const boardId of boardIds) {
		try {
			const board = await getBoard(app.db, boardId);
			if (!board) continue;
			await takeVersion(app, board, { label: 'auto', kind: 'auto', authorId: null });
			// An idle board is also when its activity is read.
			for (const room of (await boardRooms(app.db, board)).plan) reader.add(room);
			const dropped = await thinAutoVersions(app.db, board.id);
			app.log.debug({ board: board.id, dropped }, 'automatic version taken');
		} catch (err) {
			app.log.error({ board: boardId, err }, 'could not take an automatic version');
		}
	}
}
