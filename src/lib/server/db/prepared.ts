// Queries the hot paths run on every request or socket (session check, room access) are prepared
// once per database: otherwise drizzle rebuilds the SQL and SQLite compiles a new statement each
// time, and those native statements linger until the next garbage collection.
import type { Db } from './index.ts';

const statements = new WeakMap<Db, Map<(db: Db) => unknown, unknown>>();

/** The statement `build` prepares on `db`, prepared on first use. `build` must be a module-level
 *  function: it is the cache key. */
export function prepared<T>(db: Db, build: (db: Db) => T): T {
	let forDb = statements.get(db);
	if (!forDb) statements.set(db, (forDb = new Map()));
	let statement = forDb.get(build) as T | undefined;
	if (statement === undefined) forDb.set(build, (statement = build(db)));
	return statement;
}
