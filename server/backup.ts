// `npm run backup -- <file>`: a consistent copy of the database, safe while the server runs.
// VACUUM INTO reads one snapshot of the database (WAL lets the server keep writing meanwhile) and
// writes it as a new, compact file; every transaction committed before it began is in the copy.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// A PostgreSQL installation is backed up with PostgreSQL's own tools (docs/operations.md).
if (process.env.DATABASE_URL) {
	console.error(
		'DATABASE_URL names a PostgreSQL database: use pg_dump / pg_restore (see docs/operations.md). This command copies a SQLite file.'
	);
	process.exit(2);
}
const source = resolve(process.env.DATABASE_PATH ?? './data/gongjian.db');
const target = process.argv[2];
if (!target) {
	console.error(
		'Usage: npm run backup -- <file>   (DATABASE_PATH picks the database; default ./data/gongjian.db)'
	);
	process.exit(2);
}
if (!existsSync(source)) {
	console.error(`No database at ${source}.`);
	process.exit(1);
}
if (existsSync(target)) {
	console.error(`${target} already exists; choose a new file name.`);
	process.exit(1);
}
const db = new Database(source, { readonly: true, timeout: 5000 });
const started = performance.now();
db.prepare('VACUUM INTO ?').run(resolve(target));
db.close();
console.log(
	`Backed up ${source} to ${resolve(target)} in ${Math.round(performance.now() - started)} ms.`
);
