// The reference servers, each in its own process on loopback, so their CPU and memory can be read
// from /proc like ours:
//   node tests/bench/peers.ts y-websocket PORT   y-websocket 1.5.4's own server wiring (bin/utils):
//                                                memory only, no authorisation, no persistence
//   node tests/bench/peers.ts hocuspocus PORT DB Hocuspocus 4.7 with its SQLite extension
// Prints one line `listening <port>` when ready.
import { createRequire } from 'node:module';
import http from 'node:http';

const [kind, portArg, database] = process.argv.slice(2);
const port = Number(portArg ?? 0);

if (kind === 'y-websocket') {
	const require = createRequire(import.meta.url);
	const { setupWSConnection } = require('y-websocket-ref/bin/utils');
	const { WebSocketServer } = await import('ws');
	const wss = new WebSocketServer({ noServer: true });
	const server = http.createServer((_req, res) => res.end('okay'));
	wss.on('connection', setupWSConnection);
	server.on('upgrade', (req, socket, head) =>
		wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
	);
	server.listen(port, '127.0.0.1', () =>
		console.log(`listening ${(server.address() as { port: number }).port}`)
	);
} else if (kind === 'hocuspocus') {
	const { Server } = await import('@hocuspocus/server');
	const { SQLite } = await import('@hocuspocus/extension-sqlite');
	const server = new Server({
		port,
		address: '127.0.0.1',
		quiet: true,
		extensions: [new SQLite({ database })]
	});
	await server.listen();
	console.log(`listening ${server.address.port}`);
} else {
	console.error('usage: node tests/bench/peers.ts y-websocket|hocuspocus PORT [DATABASE]');
	process.exit(2);
}
