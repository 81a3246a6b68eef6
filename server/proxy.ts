// A small round-robin proxy in front of several Gongjian nodes, for `npm run cluster` (server/cluster.ts)
// on one machine; in production nginx or another load balancer does this (docs/operations.md). Each
// request, and each websocket upgrade, goes to the next node that is ready: the pool asks every node's
// GET /readyz once a second and skips one that does not answer 200. Requests are passed on with
// node:http; an upgrade is a raw TCP pipe once its request line and headers are written, so that the
// node answers the handshake itself. X-Forwarded-For and X-Forwarded-Proto say who asked, as nginx
// would.
import http from 'node:http';
import net from 'node:net';

export interface Backend {
	name: string;
	host: string;
	port: number;
	/** As the last probe found it; a node starts as not ready until it says so. */
	ready: boolean;
}

export class Pool {
	readonly backends: Backend[];
	#turn = 0;

	constructor(backends: Omit<Backend, 'ready'>[]) {
		this.backends = backends.map((b) => ({ ...b, ready: false }));
	}

	/** The next ready backend after the last one chosen, or null when none is ready. */
	next(): Backend | null {
		const n = this.backends.length;
		for (let i = 0; i < n; i++) {
			const index = (this.#turn + i) % n;
			const backend = this.backends[index]!;
			if (!backend.ready) continue;
			this.#turn = (index + 1) % n;
			return backend;
		}
		return null;
	}

	/** Asks every backend's /readyz now (each within `timeoutMs`). */
	async probe(timeoutMs = 1000): Promise<void> {
		await Promise.all(
			this.backends.map(async (backend) => {
				backend.ready = await readyz(backend, timeoutMs);
			})
		);
	}

	/** Probes every `intervalMs` until the returned function is called. */
	watch(intervalMs = 1000): () => void {
		let stopped = false;
		let timer: NodeJS.Timeout | undefined;
		const round = async () => {
			await this.probe();
			if (!stopped) timer = setTimeout(() => void round(), intervalMs);
		};
		void round();
		return () => {
			stopped = true;
			clearTimeout(timer);
		};
	}
}

function readyz(backend: Backend, timeoutMs: number): Promise<boolean> {
	return new Promise((resolve) => {
		const req = http.get(
			{ host: backend.host, port: backend.port, path: '/readyz', timeout: timeoutMs },
			(res) => {
				res.resume();
				resolve(res.statusCode === 200);
			}
		);
		req.once('timeout', () => req.destroy());
		req.once('error', () => resolve(false));
	});
}

/** The headers a node is given: the client's, and who asked. */
function forwarded(req: http.IncomingMessage): http.OutgoingHttpHeaders {
	const client = req.socket.remoteAddress ?? '';
	const before = req.headers['x-forwarded-for'];
	return {
		...req.headers,
		'x-forwarded-for': before ? `${String(before)}, ${client}` : client,
		'x-forwarded-proto': req.headers['x-forwarded-proto'] ?? 'http'
	};
}

/** An http server passing requests and upgrades on to the pool's ready backends. */
export function createProxy(pool: Pool): http.Server {
	const server = http.createServer((req, res) => pass(req, res, pool.backends.length));

	/** Passes the request to the next ready node. A node that refuses the connection (it has just
	 *  stopped, before a probe noticed) is taken out at once; a GET or HEAD that got no answer (the
	 *  node refused it, or a kept-alive connection to it was found dead) goes to the next node. */
	function pass(req: http.IncomingMessage, res: http.ServerResponse, tries: number) {
		const backend = pool.next();
		if (!backend) {
			res.writeHead(503, { 'content-type': 'text/plain' }).end('no node is ready');
			return;
		}
		const upstream = http.request(
			{
				host: backend.host,
				port: backend.port,
				method: req.method,
				path: req.url,
				headers: forwarded(req)
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
				answer.pipe(res);
			}
		);
		upstream.once('error', (err: NodeJS.ErrnoException) => {
			if (err.code === 'ECONNREFUSED') backend.ready = false;
			const again = err.code === 'ECONNREFUSED' || err.code === 'ECONNRESET';
			if (again && !res.headersSent && tries > 1 && (req.method === 'GET' || req.method === 'HEAD'))
				return pass(req, res, tries - 1);
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end();
		});
		if (req.method === 'GET' || req.method === 'HEAD') upstream.end();
		else req.pipe(upstream);
	}

	server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
		// A browser that goes away mid-way ends its pipe, never the proxy.
		socket.on('error', () => socket.destroy());
		upgrade(req, socket, head, pool.backends.length);
	});

	/** Pipes an upgrade to the next ready node; one that refuses the connection is taken out and
	 *  the next one tried (nothing was written to it yet). */
	function upgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer, tries: number) {
		const backend = pool.next();
		if (!backend) {
			socket.end('HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\n\r\n');
			return;
		}
		let connected = false;
		const upstream = net.connect(backend.port, backend.host, () => {
			connected = true;
			const headers = Object.entries(forwarded(req)).flatMap(([name, value]) =>
				value === undefined
					? []
					: (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${String(v)}\r\n`)
			);
			upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('')}\r\n`);
			if (head.length) upstream.write(head);
			upstream.pipe(socket);
			socket.pipe(upstream);
			socket.once('close', close);
			upstream.once('close', close);
		});
		const close = () => {
			upstream.destroy();
			socket.destroy();
		};
		upstream.once('error', (err: NodeJS.ErrnoException) => {
			if (connected) return close();
			if (err.code === 'ECONNREFUSED') backend.ready = false;
			if (err.code === 'ECONNREFUSED' && tries > 1) upgrade(req, socket, head, tries - 1);
			else socket.destroy();
		});
	}
	return server;
}
