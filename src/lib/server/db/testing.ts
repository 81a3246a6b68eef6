// A real SQLite file in a fresh temp directory, migrated, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from './index.ts';

export function tempDatabase(): { db: Db; path: string; dir: string; cleanup: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'gongjian-test-'));
	const path = join(dir, 'test.db');
	const db = openDatabase(path);
	return {
		db,
		path,
		dir,
		cleanup() {
			if (db.$client.open) db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
