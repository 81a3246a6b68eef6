// `npm run restore -- <file>`: puts a backup back as the database. With the server stopped only,
// and after checking the backup: it must be a sound SQLite file of this application whose schema
// this code knows. The database it replaces is kept beside it (`<name>.before-restore-<time>`).
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';

// A PostgreSQL installation is backed up with PostgreSQL's own tools (docs/operations.md).
if (process.env.DATABASE_URL) {
	console.error(
		'DATABASE_URL names a PostgreSQL database: use pg_dump / pg_restore (see docs/operations.md). This command copies a SQLite file.'
	);
	process.exit(2);
}
const target = resolve(process.env.DATABASE_PATH ?? './data/gongjian.db');
const backup = process.argv[2];
const fail = (message: string): never => {
	console.error(`Not restored: ${message}`);
	process.exit(1);
};
if (!backup) {
	console.error(
		'Usage: npm run restore -- <backup file>   (DATABASE_PATH picks the database; default ./data/gongjian.db)'
	);
	process.exit(2);
}
if (!existsSync(backup)) fail(`no file at ${backup}.`);

// 1. The backup is a sound database of this application, no newer than this code.
let copy: Database.Database;
try {
	copy = new Database(backup, { readonly: true, fileMustExist: true });
} catch {
	fail(`${backup} is not an SQLite database.`);
}
try {
	const integrity = copy!.pragma('integrity_check', { simple: true });
	if (integrity !== 'ok') fail(`${backup} is damaged (${String(integrity)}).`);
	const tables = new Set(
		copy!.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
	);
	for (const table of [
		'users',
		'councils',
		'boards',
		'doc_updates',
		'doc_states',
		'__drizzle_migrations'
	]) {
		if (!tables.has(table)) fail(`${backup} is not a Gongjian database (no ${table} table).`);
	}
	const applied = copy!
		.prepare('SELECT count(*) FROM __drizzle_migrations')
		.pluck()
		.get() as number;
	const known = readdirSync(resolve(process.env.MIGRATIONS_DIR ?? 'drizzle')).filter((f) =>
		f.endsWith('.sql')
	).length;
	if (applied > known)
		fail(
			`${backup} comes from a newer version of Gongjian (${applied} migrations, this one knows ${known}).`
		);
} catch (err) {
	if (err instanceof Error && 'code' in err)
		fail(`${backup} is not an SQLite database, or is damaged (${err.message}).`);
	throw err;
} finally {
	copy!.close();
}

// 2. Nobody has the database open: the server must be stopped (an exclusive lock says so).
if (existsSync(target)) {
	const current = new Database(target, { timeout: 200 });
	try {
		current.pragma('locking_mode = EXCLUSIVE');
		current.exec('BEGIN EXCLUSIVE');
		current.exec('COMMIT');
		current.pragma('wal_checkpoint(TRUNCATE)');
	} catch {
		current.close();
		fail(`${target} is in use. Stop the server first.`);
	}
	current.close();
	// 3. Keep what is replaced.
	const kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
	renameSync(target, kept);
	for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
	console.log(`The database it replaces is kept as ${basename(kept)}.`);
}
copyFileSync(backup, target);
console.log(
	`Restored ${resolve(backup)} as ${target}. Start the server to use it (migrations newer than the backup run then).`
);
