// The server-side application: one database handle, one sync server, one login limiter, shared by
// the SvelteKit routes and the websocket endpoint (in dev through Vite's module graph, in
// production through the global handle the hooks publish for server/index.js).
import type { Logger } from 'pino';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { openDatabase, type Db } from './db/index.ts';
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
	type FailureCounter,
	type LoginLimiter
} from './auth/rate-limit.ts';
import { userCount } from './auth/accounts.ts';

export interface App {
	db: Db;
	log: Logger;
	sync: SyncServer;
	/** The door to the boards' documents (docs/documents.ts), live over the sync server's rooms. */
	docs: Documents;
	loginLimiter: LoginLimiter;
	signupLimiter: FailureCounter;
	importLimiter: FailureCounter;
	/** Set while the database has no users: the one-time code the first-run setup asks for. */
	setupCode: string | null;
	close(): void;
}

export const APP_HANDLE = Symbol.for('gongjian.app');

export function createApp(options: {
	databasePath: string;
	log?: Logger;
	origin?: string;
	autoVersions?: AutoVersionTiming;
}): App {
	const log = options.log ?? createLogger();
	const db = openDatabase(options.databasePath);
	const clock = new AutoVersionClock(options.autoVersions);
	// Activity is read a batch at a time in the background; a failure is logged, the rows wait.
	const reader: ActivityReader = new ActivityReader(
		db,
		{ logAfter: (...a) => sync.logAfter(...a), trimLog: (...a) => sync.trimLog(...a) },
		(room, err) => log.error({ room, err }, 'could not read the activity of a room')
	);
	const sync = new SyncServer({
		db,
		log,
		allowedOrigins: options.origin ? [new URL(options.origin).origin] : undefined,
		// The log keeps what the activity record has not read yet; it reads a room when it closes.
		retainLogFrom: (room) =>
			parsePlanRoom(room) ? activityCursor(db, room) : Number.MAX_SAFE_INTEGER,
		onRoomClosed: (room) => reader.add(room),
		onChange: (room) => clock.changed(room)
	});
	const app: App = {
		db,
		log,
		sync,
		docs: sync,
		loginLimiter: createLoginLimiter(),
		signupLimiter: createSignupLimiter(),
		importLimiter: createImportLimiter(),
		setupCode: null,
		close() {
			clearInterval(autoVersions);
			sync.close();
			reader.drain();
			db.$client.close();
			log.info('closed');
		}
	};
	if (userCount(db) === 0) {
		app.setupCode = encodeBase32UpperCaseNoPadding(crypto.getRandomValues(new Uint8Array(5)));
		log.warn(
			{ setupCode: app.setupCode },
			`首次运行：请打开 /setup 并输入设置码 ${app.setupCode} 创建管理员账户 (first run: open /setup and enter this setup code)`
		);
	}
	// Automatic versions: looked for a few times per idle period, off the sync server's path.
	const timing = options.autoVersions ?? AUTO_VERSION_TIMING;
	const autoVersions = setInterval(
		() => takeAutoVersions(app, clock.due(), reader),
		Math.min(30_000, timing.idleMs / 4)
	);
	autoVersions.unref();
	log.info({ database: options.databasePath }, 'database ready');
	return app;
}

let current: App | undefined;

/** The process's app, created on first use from the environment. */
export function getApp(): App {
	current ??= createApp({
		databasePath: process.env.DATABASE_PATH ?? './data/gongjian.db',
		origin: process.env.ORIGIN,
		autoVersions: {
			idleMs: Number(process.env.AUTO_VERSION_IDLE_MS) || AUTO_VERSION_TIMING.idleMs,
			maxMs: Number(process.env.AUTO_VERSION_MAX_MS) || AUTO_VERSION_TIMING.maxMs
		}
	});
	return current;
}

function takeAutoVersions(app: App, boardIds: string[], reader: ActivityReader): void {
	for (const boardId of boardIds) {
		try {
			const board = getBoard(app.db, boardId);
			if (!board) continue;
			takeVersion(app, board, { label: 'auto', kind: 'auto', authorId: null });
			// An idle board is also when its activity is read.
			for (const room of boardRooms(app.db, board).plan) reader.add(room);
			const dropped = thinAutoVersions(app.db, board.id);
			app.log.debug({ board: board.id, dropped }, 'automatic version taken');
		} catch (err) {
			app.log.error({ board: boardId, err }, 'could not take an automatic version');
		}
	}
}
