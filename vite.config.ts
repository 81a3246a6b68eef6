import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** In `npm run dev`, serve /sync from Vite's own http server. The sync server is loaded through
 *  Vite's SSR module graph, the same one SvelteKit loads routes from: one app, one database handle. */
function syncInDev(): Plugin {
	return {
		name: 'gongjian-sync-dev',
		apply: 'serve',
		configureServer(server) {
			server.httpServer?.on('upgrade', async (req, socket, head) => {
				if (!req.url?.startsWith('/sync/')) return; // leave Vite's HMR socket alone
				const { getApp } = (await server.ssrLoadModule(
					'/src/lib/server/app.ts'
				)) as typeof import('./src/lib/server/app.ts');
				(await getApp()).sync.handleUpgrade(req, socket, head);
			});
		}
	};
}

const INTEGRATION = {
	include: ['tests/integration/**/*.test.ts'],
	environment: 'node',
	testTimeout: 60_000,
	hookTimeout: 60_000,
	fileParallelism: false
};

const ON_POSTGRES = {
	globalSetup: ['tests/helpers/postgres-setup.ts'],
	setupFiles: ['tests/helpers/postgres-env.ts']
};

export default defineConfig({
	plugins: [tailwindcss(), sveltekit(), syncInDev()],
	test: {
		projects: [
			{
				extends: true,
				// server/: the tools beside the production entry (the cluster's proxy).
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: { name: 'integration', ...INTEGRATION }
			},
			// The same suites again on PostgreSQL: one server for the run, a database per test
			// (tests/helpers/store.ts). The server's tests are the ones that store anything.
			{
				extends: true,
				test: {
					name: 'unit-pg',
					include: ['src/lib/server/**/*.test.ts'],
					// These start their own PostgreSQL (beside a SQLite file; beside a Redis).
					exclude: [
						'src/lib/server/db/migrate-store.test.ts',
						'src/lib/server/sync/cluster/**/*.test.ts'
					],
					environment: 'node',
					hookTimeout: 30_000,
					...ON_POSTGRES
				}
			},
			{
				extends: true,
				test: {
					name: 'integration-pg',
					...INTEGRATION,
					...ON_POSTGRES,
					// The sync protocol's hostile, random and converging clients meet the same code on
					// either store (the store's part is proved by the rest, durability included): once,
					// on SQLite, keeps the run within CI's time.
					exclude: [
						'tests/integration/fuzz.test.ts',
						'tests/integration/hostile.test.ts',
						'tests/integration/convergence.test.ts'
					]
				}
			},
			// Several nodes of the built server over one PostgreSQL and one Redis, which each file
			// starts for itself (tests/cluster/nodes.ts).
			{
				extends: true,
				test: { name: 'cluster', ...INTEGRATION, include: ['tests/cluster/**/*.test.ts'] }
			}
		]
	}
});
