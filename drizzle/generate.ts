// `npm run db:generate -- --name <what>`: the PostgreSQL schema from schema.ts, then a migration for
// each store (SQLite's in drizzle/, PostgreSQL's in drizzle/pg/), named alike.
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const run = (...command: string[]) =>
	execFileSync(command[0], command.slice(1), { stdio: 'inherit' });
run(process.execPath, 'drizzle/pg-schema.ts');
for (const config of ['drizzle/config.ts', 'drizzle/pg-config.ts'])
	run('npx', 'drizzle-kit', 'generate', '--config', config, ...args);
