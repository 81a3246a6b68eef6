// The server-side application: one database handle, one sync server, one login limiter, shared by
// the SvelteKit routes and the websocket endpoint (in dev through Vite's module graph, in
// production through the global handle the hooks publish for server/index.js).
import type { Logger } from 'pino';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { openDatabase, type Db } from './db/index.ts';
import { createLogger } from './log.ts';
import { SyncServer } from './sync/server.ts';
import { recordFold } from './activity.ts';
import { createLoginLimiter, createSignupLimiter, type FailureCounter, type LoginLimiter } from './auth/rate-limit.ts';
import { userCount } from './accounts.ts';

export interface App {
	db: Db;
	log: Logger;
	sync: SyncServer;
	loginLimiter: LoginLimiter;
	signupLimiter: FailureCounter;
	/** Set while the database has no users: the one-time code the first-run setup asks for. */
	setupCode: string | null;
	close(): void;
}

export const APP_HANDLE = Symbol.for('gongjian.app');

export function createApp(options: { databasePath: string; log?: Logger; origin?: string }): App {
	const log = options.log ?? createLogger();
	const db = openDatabase(options.databasePath);
	const sync = new SyncServer({
		db,
		log,
		allowedOrigins: options.origin ? [new URL(options.origin).origin] : undefined,
		onFold(room, history) {
			// The record must never stop the log from being folded: a failure here is logged and skipped.
			try {
				recordFold(db, room, history);
			} catch (err) {
				log.error({ room, err }, 'could not record the activity of a folded log');
			}
		}
	});
	const app: App = {
		db,
		log,
		sync,
		loginLimiter: createLoginLimiter(),
		signupLimiter: createSignupLimiter(),
		setupCode: null,
		close() {
			sync.close();
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
	log.info({ database: options.databasePath }, 'database ready');
	return app;
}

let current: App | undefined;

/** The process's app, created on first use from the environment. */
export function getApp(): App {
	current ??= createApp({
		databasePath: process.env.DATABASE_PATH ?? './data/gongjian.db',
		origin: process.env.ORIGIN
	});
	return current;
}
