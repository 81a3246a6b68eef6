import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date.
 * WAL lets readers (pages, exports) run beside the sync server's writes; synchronous=NORMAL in
 * WAL mode keeps every committed transaction across a process crash (kill -9), which is the
 * durability promise the sync server makes.
 */
export function openDatabase(path: string, migrationsFolder = defaultMigrationsFolder()): Db {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = drizzle(sqlite, { schema }) as Db;
	migrate(db, { migrationsFolder });
	return db;
}

/** Migrations ship as SQL files in `drizzle/` at the project root (the server runs from there). */
function defaultMigrationsFolder() {
	return resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}

export { schema };
