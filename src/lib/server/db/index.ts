// The store: SQLite (a file, the embedded default) or PostgreSQL (`postgres://…`, for several nodes),
// behind one Drizzle handle. Repository functions are written once, against Drizzle's PostgreSQL
// types, and run on either: SQLite through Drizzle's async proxy driver over better-sqlite3, so that
// the same `await`s and transactions serve both. They take their tables from the handle
// (`tables(db)`), since each store has its own table objects (schema.ts, and schema-pg.ts made from it).
import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzleProxy } from 'drizzle-orm/sqlite-proxy';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { sql, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import * as sqliteSchema from './schema.ts';
import * as schema from './schema-pg.ts';

export type Schema = typeof schema;
/** A store's handle, or a transaction's (which is one too). */
export type Db = PgDatabase<NodePgQueryResultHKT, Schema>;

/** The tables of `db`'s own store. */
export function tables(db: Db): Schema {
	return db._.fullSchema;
}

export type Store =
	| { kind: 'sqlite'; db: Db; location: string; sqlite: Database.Database; close(): Promise<void> }
	| { kind: 'postgres'; db: Db; location: string; pool: pg.Pool; close(): Promise<void> };

/** Opens the store `location` names (a `postgres://` URL, or a SQLite file path) and brings its
 *  schema up to date. */
export async function openStore(location: string, migrations = migrationsFolder()): Promise<Store> {
	return /^postgres(ql)?:\/\//.test(location)
		? openPostgres(location, resolve(migrations, 'pg'))
		: openSqlite(location, migrations);
}

/** Rows of a raw query, on either store, as objects named by its columns. */
export async function rows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
	const sqlite = SQLITE.get(db);
	if (!sqlite) return (await db.execute<T>(query)).rows as T[];
	const { sql: text, params } = sqlite.dialect.sqlToQuery(query);
	while (sqlite.turns.waiting()) await sqlite.turns.done;
	const statement = sqlite.statements.get(text);
	if (statement.reader) return statement.raw(false).all(...params) as T[];
	statement.run(...params);
	return [];
}

/** What a SQLite handle, and each of its transactions, runs on. */
const SQLITE = new WeakMap<
	Db,
	{ turns: Turns; statements: StatementCache; dialect: SQLiteAsyncDialect }
>();

/** Migrations ship as SQL files in `drizzle/` (SQLite) and `drizzle/pg/` at the project root (the
 *  server runs from there). */
function migrationsFolder() {
	return resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}

/**
 * WAL lets readers (pages, exports) run beside the sync server's writes; synchronous=NORMAL in WAL
 * mode keeps every committed transaction across a process crash (kill -9), which is the durability
 * promise the sync server makes.
 */
function openSqlite(path: string, migrations: string): Store {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	migrateSqlite(drizzleSqlite(sqlite), { migrationsFolder: migrations });
	const turns = new Turns();
	const statements = new StatementCache(sqlite);
	const proxy = drizzleProxy(
		async (text, params, method) => {
			// Checked and run in one synchronous step: no other transaction can begin in between.
			while (turns.waiting()) await turns.done;
			const statement = statements.get(text);
			if (!statement.reader) {
				statement.run(...params);
				return { rows: [] };
			}
			statement.raw(true);
			const found = method === 'get' ? statement.get(...params) : statement.all(...params);
			return { rows: found as unknown[] };
		},
		{ schema: sqliteSchema }
	);
	// The proxy's types are SQLite's; the repository is written against PostgreSQL's, which this
	// handle answers alike (the same builders, awaited). Said once, here.
	const db = proxy as unknown as Db;
	const transaction = db.transaction.bind(db);
	const state = { turns, statements, dialect: new SQLiteAsyncDialect() };
	SQLITE.set(db, state);
	db.transaction = (run, config) =>
		turns.exclusive(() =>
			transaction((tx) => {
				SQLITE.set(tx, state);
				return run(tx);
			}, config)
		);
	return {
		kind: 'sqlite',
		db,
		location: path,
		sqlite,
		async close() {
			await turns.idle();
			if (sqlite.open) sqlite.close();
		}
	};
}

/** One SQLite connection, shared: while a transaction awaits, the queries of others wait for it to
 *  end instead of landing inside it. Queries made within the transaction (its async context) go on.
 *  A caller checks `waiting()` and acts in the same synchronous step, so that nothing can take the
 *  connection between the check and the statement. */
class Turns {
	#context = new AsyncLocalStorage<symbol>();
	#holder: symbol | null = null;
	/** Settles when the transaction under way ends. */
	done: Promise<void> = Promise.resolve();

	/** Whether another transaction holds the connection now. */
	waiting(): boolean {
		return this.#holder !== null && this.#context.getStore() !== this.#holder;
	}

	async exclusive<T>(run: () => Promise<T>): Promise<T> {
		if (this.#holder && this.#context.getStore() === this.#holder) return run();
		while (this.waiting()) await this.done;
		const token = Symbol('transaction');
		let end!: () => void;
		this.#holder = token;
		this.done = new Promise((resolve) => (end = resolve));
		try {
			return await this.#context.run(token, run);
		} finally {
			this.#holder = null;
			end();
		}
	}

	async idle(): Promise<void> {
		while (this.waiting()) await this.done;
	}
}

/** Prepared statements by their SQL, so that SQLite compiles each query once. Bounded: a query
 *  built with a varying number of parameters (`inArray`) makes a statement per length. */
class StatementCache {
	#sqlite: Database.Database;
	#statements = new Map<string, Database.Statement>();
	constructor(sqlite: Database.Database) {
		this.#sqlite = sqlite;
	}
	get(text: string): Database.Statement {
		let statement = this.#statements.get(text);
		if (statement) {
			this.#statements.delete(text);
		} else {
			statement = this.#sqlite.prepare(text);
			if (this.#statements.size >= 500)
				this.#statements.delete(this.#statements.keys().next().value!);
		}
		this.#statements.set(text, statement);
		return statement;
	}
}

/** Several nodes may start at once: the first migrates, the others wait on the advisory lock and
 *  find nothing left to do. */
async function openPostgres(url: string, migrations: string): Promise<Store> {
	const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE) || 10 });
	// An idle connection the server drops (a restart, a network blip) must not take the process down:
	// the pool replaces it, and the next query that fails says so where it is made.
	pool.on('error', () => {});
	const db = drizzlePostgres(pool, { schema });
	const lock = await pool.connect();
	try {
		await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await migratePostgres(db, { migrationsFolder: migrations });
	} finally {
		await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
		lock.release();
	}
	return { kind: 'postgres', db, location: redact(url), pool, close: () => pool.end() };
}

/** Any number, the same on every node: the key of the lock migrations are applied under. */
const MIGRATION_LOCK = 4_617_001;

/** A URL fit for a log line: without its password. */
function redact(url: string): string {
	const parsed = new URL(url);
	if (parsed.password) parsed.password = '***';
	return parsed.toString();
}

export { sql, schema };

/** Whether the store answers a query within `timeoutMs` (readiness, for a load balancer). */
export async function reachable(db: Db, timeoutMs = 2000): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<false>(
		(resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))
	);
	try {
		return await Promise.race([rows(db, sql`SELECT 1 AS ok`).then(() => true), late]);
	} catch {
		return false;
	} finally {
		clearTimeout(timer);
	}
}

/** The first row a query gives, if any (PostgreSQL's builders have no `.get()`). */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
	return (await query)[0];
}
