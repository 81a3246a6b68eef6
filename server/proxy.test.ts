// The cluster's proxy (server/proxy.ts): which node it chooses (round robin over the ready ones),
// and that requests and websocket upgrades reach that node through it, in front of two small real
// http servers that answer /readyz as a node does and say who they are.
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createProxy, Pool } from './proxy.ts';

describe('Pool.next', () => {
	const pool = (ready: boolean[]) => {
		const p = new Pool(ready.map((_, i) => ({ name: `n${i}`, host: '127.0.0.1', port: i + 1 })));
		p.backends.forEach((b, i) => (b.ready = ready[i]!));
		return p;
	};
	const picks = (p: Pool, n: number) => Array.from({ length: n }, () => p.next()?.name ?? null);

	it('takes the ready nodes in turn', () => {
		expect(picks(pool([true, true, true]), 6)).toEqual(['n0', 'n1', 'n2', 'n0', 'n1', 'n2']);
	});

	it('skips a node that is not ready, and takes it again once it is', () => {
		const p = pool([true, false, true]);
		expect(picks(p, 4)).toEqual(['n0', 'n2', 'n0', 'n2']);
		p.backends[1]!.ready = true;
		expect(picks(p, 3)).toEqual(['n0', 'n1', 'n2']);
	});

	it('has none when no node is ready', () => {
		expect(picks(pool([false, false]), 2)).toEqual([null, null]);
		expect(picks(new Pool([]), 1)).toEqual([null]);
	});
});

interface FakeNode {
	name: string;
	port: number;
	ready: boolean;
	seen: http.IncomingHttpHeaders[];
	close(): Promise<void>;
}

/** A stand-in for a node: /readyz as told, GET / answers its name, /sync/ upgrades echo its name. */
async function fakeNode(name: string): Promise<FakeNode> {
	const node: FakeNode = { name, port: 0, ready: true, seen: [], close: async () => {} };
	const server = http.createServer((req, res) => {
		if (req.url === '/readyz') return void res.writeHead(node.ready ? 200 : 503).end();
		node.seen.push(req.headers);
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			res.setHeader('set-cookie', ['a=1', 'b=2']);
			res.end(`${name}${body ? `:${body}` : ''}`);
		});
	});
	const sockets = new WebSocketServer({ server });
	sockets.on('connection', (socket, req) => {
		node.seen.push(req.headers);
		socket.on('message', (data) => socket.send(`${name}:${String(data)}`));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	node.port = (server.address() as AddressInfo).port;
	node.close = async () => {
		for (const client of sockets.clients) client.terminate();
		sockets.close();
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	};
	return node;
}

describe('the proxy', () => {
	let cleanup: (() => Promise<void>)[] = [];
	afterEach(async () => {
		for (const step of cleanup.reverse()) await step();
		cleanup = [];
	});

	async function cluster() {
		const nodes = [await fakeNode('a'), await fakeNode('b')];
		const pool = new Pool(nodes.map((n) => ({ name: n.name, host: '127.0.0.1', port: n.port })));
		const proxy = createProxy(pool);
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
		cleanup.push(async () => {
			proxy.closeAllConnections();
			await new Promise((resolve) => proxy.close(resolve));
			for (const node of nodes) await node.close();
		});
		await pool.probe();
		return { nodes, pool, url };
	}

	/** Opens a websocket through the proxy, says hi, and answers what the node said back. */
	const talk = (url: string) =>
		new Promise<string>((resolve, reject) => {
			const socket = new WebSocket(`${url.replace('http', 'ws')}/sync/room`);
			socket.once('open', () => socket.send('hi'));
			socket.once('message', (data) => {
				resolve(String(data));
				socket.close();
			});
			socket.once('error', reject);
		});

	const get = async (url: string) => {
		const res = await fetch(url);
		return res.status === 200 ? await res.text() : res.status;
	};

	it('sends requests to each ready node in turn, with who asked', async () => {
		const { nodes, url } = await cluster();
		expect([await get(url), await get(url), await get(url), await get(url)]).toEqual([
			'a',
			'b',
			'a',
			'b'
		]);
		expect(nodes[0]!.seen[0]).toMatchObject({
			'x-forwarded-for': '127.0.0.1',
			'x-forwarded-proto': 'http'
		});
		const post = await fetch(url, { method: 'POST', body: 'hello' });
		expect(await post.text()).toBe('a:hello');
		// Both cookies, not one header joined.
		expect(post.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
	});

	it('skips a node whose /readyz refuses or that is gone, and answers 503 when none is left', async () => {
		const { nodes, pool, url } = await cluster();
		nodes[1]!.ready = false;
		await pool.probe();
		expect([await get(url), await get(url), await get(url)]).toEqual(['a', 'a', 'a']);
		nodes[1]!.ready = true;
		await nodes[0]!.close();
		await pool.probe();
		expect([await get(url), await get(url)]).toEqual(['b', 'b']);
		nodes[1]!.ready = false;
		await pool.probe();
		expect(await get(url)).toBe(503);
	});

	it('takes a node out as soon as it refuses a connection, and tries the next', async () => {
		const { nodes, pool, url } = await cluster();
		await nodes[0]!.close(); // gone, and no probe has noticed yet
		expect(pool.backends.every((b) => b.ready)).toBe(true);
		expect([await get(url), await get(url), await get(url)]).toEqual(['b', 'b', 'b']);
		expect(pool.backends.map((b) => b.ready)).toEqual([false, true]);
	});

	it('tries the next node for an upgrade the chosen one refuses', async () => {
		const { nodes, pool, url } = await cluster();
		await nodes[0]!.close();
		expect(await talk(url)).toBe('b:hi');
		expect(pool.backends.map((b) => b.ready)).toEqual([false, true]);
	});

	it('passes websocket upgrades through to the node it chooses', async () => {
		const { nodes, url } = await cluster();
		expect([await talk(url), await talk(url), await talk(url)]).toEqual(['a:hi', 'b:hi', 'a:hi']);
		expect(nodes[1]!.seen[0]).toMatchObject({
			'x-forwarded-for': '127.0.0.1',
			upgrade: 'websocket'
		});
	});
});
