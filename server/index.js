// Production entry: one http server on one port serves the built SvelteKit app and the /sync
// websocket endpoint. Run `npm run build` first. Configuration: see README (PORT, HOST,
// DATABASE_PATH or DATABASE_URL, ORIGIN; for several nodes REDIS_URL, NODE_ID, NODE_ADDRESS).
import http from 'node:http';

const SYNC_PATH = '/sync/';

// Without ORIGIN, take the origin from each request (Host, and X-Forwarded-Proto where a proxy
// sets it, else plain http), so that the app works at http://localhost:3000 and on a LAN address
// alike. adapter-node reads these settings when its handler is imported, hence the dynamic import.
const trustRequestOrigin = !process.env.ORIGIN;
if (trustRequestOrigin) {
	process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
	process.env.HOST_HEADER ??= 'host';
}
// Spreadsheets up to 5 MB are imported (src/lib/server/files/import-file.ts); the form around one adds a little.
process.env.BODY_SIZE_LIMIT ??= '6M';
const { handler } = await import('../build/handler.js');

// Importing the handler ran SvelteKit's `init` hook, which created the app and published it here.
/** @type {import('../src/lib/server/app.ts').App} */
const app = /** @type {any} */ (globalThis)[Symbol.for('gongjian.app')];

/** For a load balancer: /healthz, the process answers; /readyz, it can serve (its store answers and
 * it is not stopping), else 503 so that traffic goes to another node. */
function probe(req, res) {
	const answer = (ok) => {
		res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
		res.end(ok ? 'ok' : 'unavailable');
	};
	if (req.url === '/healthz') return (answer(true), true);
	if (req.url === '/readyz') {
		app.ready().then(answer, () => answer(false));
		return true;
	}
	return false;
}

const server = http.createServer((req, res) => {
	if (probe(req, res)) return;
	if (trustRequestOrigin && !req.headers['x-forwarded-proto'])
		req.headers['x-forwarded-proto'] = 'http';
	handler(req, res);
});
server.on('upgrade', (req, socket, head) => {
	if (req.url?.startsWith(SYNC_PATH)) app.sync.handleUpgrade(req, socket, head);
	else socket.destroy();
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
server.listen(port, host, () => {
	const address = server.address();
	const actual = typeof address === 'object' && address ? address.port : port;
	app.listening(host, actual);
	app.log.info(
		{ port: actual, host },
		`listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}`
	);
});

let stopping = false;
/** @param {string} signal */
function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	app.log.info({ signal }, 'shutting down');
	server.close();
	server.closeIdleConnections();
	// Closes sockets, writes pending updates, folds rooms, then the store.
	app
		.close()
		.catch((err) => app.log.error({ err }, 'could not close cleanly'))
		.finally(() => process.exit(0));
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
