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
				getApp().sync.handleUpgrade(req, socket, head);
			});
		}
	};
}

export default defineConfig({
	plugins: [tailwindcss(), sveltekit(), syncInDev()],
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			}
		]
	}
});
