// Production entry: one http server on one port serves the built SvelteKit app and the /sync
// websocket endpoint. Run `npm run build` first. Configuration: see README (PORT, HOST,
// DATABASE_PATH, ORIGIN).
import http from 'node:http';
import { handler } from '../build/handler.js';

const SYNC_PATH = '/sync/';

// Importing the handler ran SvelteKit's `init` hook, which created the app and published it here.
/** @type {import('../src/lib/server/app.ts').App} */
const app = /** @type {any} */ (globalThis)[Symbol.for('gongjian.app')];

const server = http.createServer(handler);
server.on('upgrade', (req, socket, head) => {
	if (req.url?.startsWith(SYNC_PATH)) app.sync.handleUpgrade(req, socket, head);
	else socket.destroy();
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
server.listen(port, host, () => {
	const address = server.address();
	const shown = typeof address === 'object' && address ? `http://${host}:${address.port}` : String(address);
	app.log.info({ port: typeof address === 'object' && address ? address.port : port, host }, `listening on ${shown}`);
});

let stopping = false;
function shutdown(/** @type {string} */ signal) {
	if (stopping) return;
	stopping = true;
	app.log.info({ signal }, 'shutting down');
	server.close();
	app.sync.close(); // closes sockets, writes pending updates, folds rooms
	server.closeIdleConnections();
	app.close();
	process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
