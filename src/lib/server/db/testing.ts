// A real store for tests, migrated and empty: a SQLite file in a fresh temp directory, or a fresh
// PostgreSQL database where the test run names a server (tests/helpers/store.ts).
import { openTestStore } from '../../../../tests/helpers/store.ts';
import type { Db, Store } from './index.ts';

export async function tempStore(): Promise<{
	store: Store;
	db: Db;
	location: string;
	dir: string;
	cleanup: () => Promise<void>;
}> {
	const opened = await openTestStore();
	return { ...opened, db: opened.store.db };
}
