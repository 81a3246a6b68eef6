// Vitest's global setup for the projects that run the suites on PostgreSQL: one real server for the
// run (tests/helpers/engines.ts), each test making a database of its own on it (store.ts).
import type { TestProject } from 'vitest/node';
import { startPostgres } from './engines.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		postgres: string;
	}
}

export default async function setup(project: TestProject) {
	const postgres = await startPostgres();
	project.provide('postgres', postgres.url);
	return () => postgres.stop();
}
