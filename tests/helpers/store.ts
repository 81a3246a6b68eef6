// Where a test keeps what it stores: a fresh SQLite file in a temp directory, or — when the test run
// names a PostgreSQL server (TEST_POSTGRES_URL, set by the `*-pg` test projects from a server they
// start: tests/helpers/postgres-setup.ts) — a fresh database of its own on that server. Either way
// through `openStore`, migrated, so that one suite proves both stores.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Db, type Store } from '../../src/lib/server/db/index.ts';

export interface TestStore {
	/** What `openStore` and the server (DATABASE_URL / DATABASE_PATH) are given. */
	location: string;
	/** A temp directory of the test's own, for files beside the store. */
	dir: string;
	/** Removes the database (or file) and the directory. */
	drop(): Promise<void>;
}

/** The PostgreSQL server tests run against, if any. */
export const testPostgres = (): string | undefined => process.env.TEST_POSTGRES_URL || undefined;

/** A new, empty place to store in (not yet migrated: `openStore` does that). */
export async function newTestStore(
	dir = mkdtempSync(join(tmpdir(), 'gongjian-test-'))
): Promise<TestStore> {
	const server = testPostgres();
	if (!server) {
		return {
			location: join(dir, 'gongjian.db'),
			dir,
			async drop() {
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}
	const name = `gj_${crypto.randomUUID().replaceAll('-', '')}`;
	await admin(server, `CREATE DATABASE ${name}`);
	const url = new URL(server);
	url.pathname = `/${name}`;
	return {
		location: url.toString(),
		dir,
		async drop() {
			await admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A store open on a new test database, and its removal. */
export async function openTestStore(): Promise<{
	store: Store;
	location: string;
	dir: string;
	cleanup(): Promise<void>;
}> {
	const place = await newTestStore();
	const store = await openStore(place.location);
	return {
		store,
		location: place.location,
		dir: place.dir,
		async cleanup() {
			await store.close();
			await place.drop();
		}
	};
}

/** Opens the store at `location` (often a running server's) for `use`, and closes it after: how a
 *  test looks at or changes rows itself, the same on SQLite and PostgreSQL (Drizzle over
 *  `tables(db)`, or `rows(db, sql…)` with portable SQL). */
export async function withStore<T>(location: string, use: (db: Db) => Promise<T>): Promise<T> {
	const store = await openStore(location);
	try {
		return await use(store.db);
	} finally {
		await store.close();
	}
}

async function admin(server: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: server });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}
