// `npm run demo`: seeds a sample council into its own database (once), then starts the server on it.
import { openDatabase } from '../src/lib/server/db/index.ts';
import { userCount } from '../src/lib/server/auth/accounts.ts';
import { seedDemo } from '../src/lib/server/demo/seed.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/lib/server/demo/data.ts';

const path = process.env.DEMO_DATABASE_PATH ?? './data/demo.db';
const db = openDatabase(path);
if (userCount(db) === 0) {
	await seedDemo(db);
	console.log(
		`Demo data written to ${path}. Accounts (password "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`
	);
} else {
	console.log(`Using the existing demo database ${path}.`);
}
db.$client.close();

process.env.DATABASE_PATH = path;
await import('./index.js');
