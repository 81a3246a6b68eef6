// `npm run demo`: seeds a sample council into its own database (once), then starts the server on it.
import { openStore } from '../src/lib/server/db/index.ts';
import { userCount } from '../src/lib/server/auth/accounts.ts';
import { seedDemo } from '../src/lib/server/demo/seed.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/lib/server/demo/data.ts';

const path = process.env.DEMO_DATABASE_PATH ?? './data/demo.db';
const store = await openStore(path);
if ((await userCount(store.db)) === 0) {
	await seedDemo(store);
	console.log(
		`Demo data written to ${path}. Accounts (password "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`
	);
} else {
	console.log(`Using the existing demo database ${path}.`);
}
await store.close();

// The demo is always its own SQLite file, whatever the environment names for the real installation.
delete process.env.DATABASE_URL;
process.env.DATABASE_PATH = path;
await import('./index.js');
