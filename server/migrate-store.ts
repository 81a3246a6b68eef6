// `npm run migrate-store -- <sqlite file> <postgres url>`: moves an installation from SQLite to
// PostgreSQL (src/lib/server/db/migrate-store.ts). Stop the server first: what it writes meanwhile
// would not be in the copy. The SQLite file is opened as the server opens it (an older one is
// brought up to this version's schema first), then only read; the target must be empty.
import { existsSync } from 'node:fs';
import { openStore } from '../src/lib/server/db/index.ts';
import { MigrationRefused, migrateStore } from '../src/lib/server/db/migrate-store.ts';

const [file, url] = process.argv.slice(2);
if (!file || !url || !/^postgres(ql)?:\/\//.test(url)) {
	console.error('Usage: npm run migrate-store -- <sqlite file> <postgres://user@host/database>');
	process.exit(2);
}
if (!existsSync(file)) {
	console.error(`No SQLite file at ${file}.`);
	process.exit(1);
}
const source = await openStore(file);
const target = await openStore(url);
try {
	const started = performance.now();
	const report = await migrateStore(source, target);
	const total = Object.values(report.rows).reduce((a, b) => a + b, 0);
	console.log(
		`Copied ${total} rows (${Object.entries(report.rows)
			.filter(([, n]) => n > 0)
			.map(([table, n]) => `${table} ${n}`)
			.join(', ')}) to ${target.location} in ${Math.round(performance.now() - started)} ms; ` +
			`counts and the documents of ${report.rooms} rooms checked. Start the servers with DATABASE_URL set to it.`
	);
} catch (err) {
	console.error(`Not migrated: ${err instanceof MigrationRefused ? err.message : String(err)}`);
	process.exitCode = 1;
} finally {
	await source.close();
	await target.close();
}
