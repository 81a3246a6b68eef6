// Backups against real parts: `npm run backup` while the production server takes a stream of
// writes, and `npm run restore` with its safety checks. Both scripts copy and replace the SQLite
// file DATABASE_PATH names and know nothing of PostgreSQL, so the suite runs on SQLite only: it is
// skipped when the run stores in PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { seed, type Seeded } from '../helpers/seed.ts';
import { testPostgres } from '../helpers/store.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { connect, eventually } from '../helpers/yclient.ts';
import { addItem, readItems } from '../../src/lib/board/ydoc/list.ts';
import { NEEDS } from '../../src/lib/board/model/lists/index.ts';

const run = promisify(execFile);
const script = (name: string, args: string[], databasePath: string) =>
	run(process.execPath, [`server/${name}.ts`, ...args], {
		env: { ...process.env, DATABASE_PATH: databasePath }
	}).then(
		(r) => ({ code: 0, out: r.stdout + r.stderr }),
		(e: { code: number; stdout: string; stderr: string }) => ({
			code: e.code,
			out: e.stdout + e.stderr
		})
	);

/** The needs of a room as a database file holds them (folded state plus the log after it). */
function needsIn(path: string, room: string): string[] {
	const db = new Database(path, { readonly: true });
	const doc = new Y.Doc();
	const state = db.prepare('SELECT data, seq FROM doc_states WHERE room = ?').get(room) as
		{ data: Buffer; seq: number } | undefined;
	if (state) Y.applyUpdate(doc, state.data);
	for (const row of db
		.prepare('SELECT data FROM doc_updates WHERE room = ? AND seq > ? ORDER BY seq')
		.all(room, state?.seq ?? 0) as { data: Buffer }[])
		Y.applyUpdate(doc, row.data);
	db.close();
	return readItems(doc, NEEDS).map((n) => n.title);
}

describe.skipIf(testPostgres())('backup and restore', () => {
	let s: Seeded;
	let server: RunningServer;
	beforeAll(async () => {
		s = await seed();
		server = await startServer({ database: s.database });
	});
	afterAll(async () => {
		await server?.stop();
		await s?.drop();
	});
	const backupFile = () => join(s.dir, 'backup.db');

	it('a backup taken under a live write load opens and holds every update committed before it', async () => {
		const writer = connect(server.wsUrl, s.room, s.people.member.cookie);
		const observer = connect(server.wsUrl, s.room, s.people.secretary.cookie);
		await Promise.all([writer.synced, observer.synced]);
		// An update reaches the observer only once it is on disk: what it has seen is committed.
		const seen = new Map<string, number>();
		observer.doc.on('update', () => {
			for (const n of readItems(observer.doc, NEEDS))
				if (!seen.has(n.title)) seen.set(n.title, Date.now());
		});
		let writing = true;
		let count = 0;
		const load = (async () => {
			while (writing) {
				addItem(writer.doc, NEEDS, { title: `需求 ${++count}` });
				await new Promise((r) => setTimeout(r, 2));
			}
		})();
		await new Promise((r) => setTimeout(r, 500));
		const started = Date.now();
		const result = await script('backup', [backupFile()], s.database);
		await new Promise((r) => setTimeout(r, 300));
		writing = false;
		await load;
		expect(result.code, result.out).toBe(0);

		const committedBefore = [...seen].filter(([, at]) => at < started).map(([title]) => title);
		expect(committedBefore.length).toBeGreaterThan(10);
		const inBackup = new Set(needsIn(backupFile(), s.room));
		expect(committedBefore.filter((t) => !inBackup.has(t))).toEqual([]);
		const check = new Database(backupFile(), { readonly: true });
		expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
		check.close();
		// Writing went on during the backup: the live database has more than it.
		await eventually(() => expect(readItems(observer.doc, NEEDS).length).toBe(count));
		expect(count).toBeGreaterThan(inBackup.size);
		writer.destroy();
		observer.destroy();
	});

	it('restore refuses while the server runs, and anything that is not a sound Gongjian backup', async () => {
		const busy = await script('restore', [backupFile()], s.database);
		expect(busy.code).toBe(1);
		expect(busy.out).toContain('is in use. Stop the server first.');

		const junk = join(s.dir, 'junk.db');
		writeFileSync(junk, 'not a database at all, not even close');
		expect((await script('restore', [junk], s.database)).out).toContain(
			'is not an SQLite database'
		);
		const other = join(s.dir, 'other.db');
		new Database(other).exec('CREATE TABLE notes (x)');
		expect((await script('restore', [other], s.database)).out).toContain(
			'is not a Gongjian database'
		);
		expect((await script('backup', [backupFile()], s.database)).out).toContain('already exists');
	});

	it('restores a backup once the server is stopped, keeping the database it replaces', async () => {
		const backedUp = needsIn(backupFile(), s.room);
		await server.stop();
		const restored = await script('restore', [backupFile()], s.database);
		expect(restored.code, restored.out).toBe(0);
		expect(
			readdirSync(dirname(s.database)).some((f) => f.startsWith('gongjian.db.before-restore-'))
		).toBe(true);

		server = await startServer({ database: s.database });
		const reader = connect(server.wsUrl, s.room, s.people.observer.cookie);
		await reader.synced;
		expect(readItems(reader.doc, NEEDS).map((n) => n.title)).toEqual(backedUp);
		reader.destroy();
		expect(existsSync(s.database)).toBe(true);
	});
});
