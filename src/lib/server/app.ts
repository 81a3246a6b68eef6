// The server-side application: one store (SQLite or PostgreSQL), one sync server, the rate limits
// (in Redis when there is one, shared by every node), shared by the SvelteKit routes and the
// websocket endpoint (in dev through Vite's module graph, in production through the global handle
// the hooks publish for server/index.js). With a Redis URL it is one node of several over one
// PostgreSQL (sync/cluster/).
import type { Logger } from 'pino';
import { randomBytes } from 'node:crypto';
import { openStore, reachable, type Db, type Store } from './db/index.ts';
import { createLogger } from './log.ts';
import { SyncServer } from './sync/server.ts';
import { ClusterNode, nodeAddress } from './sync/cluster/index.ts';
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
	createCommentLimiter,
	createLoginLimiter,
	createSignupLimiter,
	MemoryCounts,
	RedisCounts,
	type Limiter,
	type LoginLimiter
} from './auth/rate-limit.ts';
import { ensureSetupCode, SetupWatch } from './auth/setup.ts';
import { closeRedis, connectRedis, type Redis } from './redis.ts';
import { ReminderSchedule, type OnCreated } from './notify/schedule.ts';
import { reminderDays } from './notify/reminders.ts';
import { DeliveryWorker } from './notify/deliver/worker.ts';
import { sendByChannel } from './notify/deliver/channels.ts';

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
	commentLimiter: Limiter;
	/** Whether first-run setup is still to be done (its code stands in the store: auth/setup.ts). */
	setup: SetupWatch;
	/** Several nodes: this node's part (its id, its boards' leases); null on one node. */
	cluster: ClusterNode | null;
	/** The reminders' schedule (notify/schedule.ts), when the app runs one. */
	reminders: ReminderSchedule | null;
	/** Sends what waits in the outbox by email and to the councils' group robots, on every node
	 *  (each claims its own: notify/deliver/). */
	deliveries: DeliveryWorker;
	/** Whether this node can serve: its store answers and it is not stopping (GET /readyz). */
	ready(): Promise<boolean>;
	/** Told by the production entry where it listens: on several nodes, where the others reach this
	 *  one, unless NODE_ADDRESS says. */
	listening(host: string, port: number): void;
	close(): Promise<void>;
}

export const APP_HANDLE = Symbol.for('gongjian.app');

/** Several nodes over one PostgreSQL (sync/cluster/): Redis between them, this node's id (random
 *  unless given), where the others reach it (else known once it listens), how long a lease lasts. */
export interface ClusterConfig {
	redisUrl: string;
	nodeId?: string;
	address?: string;
	leaseMs?: number;
}

/** The reminders' schedule (notify/schedule.ts): how often, how many days before a commitment's
 *  due day, and what is told of the notifications it makes (delivery's outbox). */
export interface ReminderConfig {
	intervalMs?: number;
	days?: readonly number[];
	onCreated?: OnCreated;
}

/** `database`: a SQLite file's path, or a `postgres://` URL; `redis`: a `redis://` URL, for the
 *  counts several nodes share (without it they are this process's); `cluster`: one node of several;
 *  `reminders`: run the reminders' schedule (none without it). */
export async function createApp(options: {
	database: string;
	redis?: string;
	log?: Logger;
	origin?: string;
	autoVersions?: AutoVersionTiming;
	cluster?: ClusterConfig;
	reminders?: ReminderConfig;
}): Promise<App> {
	const nodeId = options.cluster ? options.cluster.nodeId || randomBytes(4).toString('hex') : null;
	const log = options.log ?? createLogger(nodeId ?? undefined);
	const store = await openStore(options.database);
	const { db } = store;
	const redis = options.redis ? await connectRedis(options.redis, log) : null;
	const counts = redis ? new RedisCounts(redis, log) : new MemoryCounts();
	const setupCode = await ensureSetupCode(db);
	let cluster: ClusterNode | null = null;
	if (options.cluster && nodeId) {
		if (store.kind !== 'postgres') {
			await store.close();
			throw new Error('several nodes (REDIS_URL) need PostgreSQL (DATABASE_URL=postgres://…)');
		}
		cluster = await ClusterNode.connect({
			pool: store.pool,
			redisUrl: options.cluster.redisUrl,
			nodeId,
			address: options.cluster.address,
			leaseMs: options.cluster.leaseMs,
			log
		});
	}
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
		onChange: (room) => clock.changed(room),
		cluster: cluster ?? undefined
	});
	const reminders = options.reminders
		? new ReminderSchedule({
				store,
				docs: sync,
				log,
				nodeId: nodeId ?? undefined,
				...options.reminders
			})
		: null;
	// Always running: with nothing set up and nothing in the outbox it reads one index every few
	// seconds; what is enqueued goes out on whichever node claims it first.
	const deliveries = new DeliveryWorker({
		db,
		log,
		send: sendByChannel(db),
		nodeId: nodeId ?? undefined
	});
	deliveries.start();
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
		commentLimiter: createCommentLimiter(counts),
		setup: new SetupWatch(db, setupCode !== null),
		cluster,
		reminders,
		deliveries,
		async ready() {
			return !closing && (await reachable(db));
		},
		listening(host, port) {
			if (!cluster) return;
			const address = nodeAddress(options.cluster?.address, host, port);
			cluster.address = address;
			log.info({ address }, 'one node of several: the others reach this one here');
		},
		async close() {
			closing = true;
			clearInterval(autoVersions);
			// Before the rooms close: a run under way reads the boards through them.
			await reminders?.close();
			// A send under way is stopped and recorded, to be tried again (here or on another node).
			await deliveries.stop();
			await sync.close();
			// Once every room is folded under its lease: the boards go, for other nodes to take.
			await cluster?.close();
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
	reminders?.start();
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
		cluster: process.env.REDIS_URL
			? {
					redisUrl: process.env.REDIS_URL,
					nodeId: process.env.NODE_ID || undefined,
					address: process.env.NODE_ADDRESS || undefined,
					leaseMs: Number(process.env.CLUSTER_LEASE_MS) || undefined
				}
			: undefined,
		autoVersions: {
			idleMs: Number(process.env.AUTO_VERSION_IDLE_MS) || AUTO_VERSION_TIMING.idleMs,
			maxMs: Number(process.env.AUTO_VERSION_MAX_MS) || AUTO_VERSION_TIMING.maxMs
		},
		// On unless REMINDERS=off (a test that wants a quiet store).
		reminders:
			process.env.REMINDERS === 'off'
				? undefined
				: {
						intervalMs: Number(process.env.REMINDERS_INTERVAL_MS) || undefined,
						days: reminderDays(process.env.REMINDER_DAYS)
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
