// The load generator: real Yjs clients (y-websocket's WebsocketProvider, or Hocuspocus's own
// provider) in a process of their own. Run by run.ts as `node tests/bench/loadgen.ts '<json>'`;
// prints one JSON line with what it measured.
//   stream: in each room `writers` clients set a timestamped key `rate` times a second for
//           `seconds`; every other client notes each change's delay. Ends when all arrived (or 15 s).
//           Given several nodes' URLs, a room's clients take them in turn (its first client the
//           room's own, so that boards' owners spread), and delays are also told apart by whether
//           writer and reader were connected to the same node.
//   idle:   one client in each room, then the rest: the server's memory at each step.
//   cold:   one client joins a room the server has not loaded yet: time until it is synced.
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { cpuSeconds, rssMiB } from './proc.ts';

export interface LoadConfig {
	mode: 'stream' | 'idle' | 'cold';
	/** The server's URL, or several nodes' of one installation (stream only; the others use the first). */
	urls: string[];
	proto: 'yws' | 'hp';
	rooms: string[];
	clientsPerRoom: number;
	writers?: number;
	rate?: number;
	seconds?: number;
	/** Session cookies, one per person; clients take them in turn (the server caps one person's connections). */
	cookies?: string[];
	/** The server's process, or each node's, in the order of `urls`: CPU and memory are read there. */
	serverPids: number[];
	/** cold: the map whose size shows the document arrived whole. */
	expectMap?: { name: string; size: number };
	/** cold: a small room joined first, so that the measurement leaves out the client's own warm-up. */
	warmRoom?: string;
}

const config = JSON.parse(process.argv[2]!) as LoadConfig;
const [url] = config.urls as [string];
const [serverPid] = config.serverPids as [number];
process.setMaxListeners(0);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let connected = 0;

/** A WebSocket sending the next person's session cookie on the upgrade. */
function cookieWebSocket() {
	const cookie = config.cookies?.length
		? config.cookies[connected++ % config.cookies.length]
		: undefined;
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, cookie ? { headers: { cookie } } : {});
		}
	};
}

interface Client {
	doc: Y.Doc;
	synced: () => boolean;
	destroy: () => void;
}

function connect(room: string, serverUrl = url): Client {
	const doc = new Y.Doc();
	if (config.proto === 'hp') {
		// Node's own WebSocket; Hocuspocus needs no cookie.
		const provider = new HocuspocusProvider({ url: serverUrl, name: room, document: doc });
		return { doc, synced: () => provider.isSynced, destroy: () => provider.destroy() };
	}
	const provider = new WebsocketProvider(serverUrl, room, doc, {
		WebSocketPolyfill: cookieWebSocket() as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return { doc, synced: () => provider.synced, destroy: () => provider.destroy() };
}

async function allSynced(clients: Client[], timeoutMs = 120_000) {
	const start = now();
	while (!clients.every((c) => c.synced())) {
		if (now() - start > timeoutMs)
			throw new Error(
				`${clients.filter((c) => c.synced()).length}/${clients.length} clients synced`
			);
		await sleep(5);
	}
	return now() - start;
}

function percentile(sorted: number[], p: number) {
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : null;
}

async function stream() {
	const { writers = 1, rate = 20, seconds = 10 } = config;
	const runId = Math.random().toString(36).slice(2, 8);
	/** Every delay, and apart those where writer and reader were on the same node or on two. */
	const latencies: number[] = [];
	const same: number[] = [];
	const across: number[] = [];
	let lastDelivery = 0;
	type Change = { t: number; node: number; pad: string };
	const clients: (Client & { map: Y.Map<Change>; writer: number; node: number })[] = [];
	config.rooms.forEach((room, r) => {
		for (let i = 0; i < config.clientsPerRoom; i++) {
			const node = (r + i) % config.urls.length;
			const client = connect(room, config.urls[node]!);
			// A list the board has (the server refuses roots it does not know), under keys of this run only.
			const map = client.doc.getMap<Change>('needs');
			map.observe((event) => {
				if (event.transaction.local) return;
				const t = now();
				for (const key of event.keysChanged) {
					const value = map.get(key);
					if (value?.t) {
						latencies.push(t - value.t);
						(value.node === node ? same : across).push(t - value.t);
						lastDelivery = t;
					}
				}
			});
			clients.push({ ...client, map, writer: i < writers ? i : -1, node });
		}
	});
	const syncMs = await allSynced(clients);
	await sleep(300);

	const cpu0 = config.serverPids.map(cpuSeconds);
	const started = now();
	let sent = 0;
	const pad = 'x'.repeat(64);
	const active = clients.filter((c) => c.writer >= 0);
	const timer = setInterval(() => {
		for (const c of active) {
			c.map.set(`${runId}-w${c.writer}`, { t: now(), node: c.node, pad });
			sent++;
		}
	}, 1000 / rate);
	await sleep(seconds * 1000);
	clearInterval(timer);
	const sendMs = now() - started;
	const expected = sent * (config.clientsPerRoom - 1);
	const drainUntil = now() + 15_000;
	while (latencies.length < expected && now() < drainUntil) await sleep(20);
	const elapsed = (Math.max(lastDelivery, started + sendMs) - started) / 1000;
	const cpu = config.serverPids.map((pid, i) => cpuSeconds(pid) - cpu0[i]!);
	const rss = config.serverPids.map(rssMiB);
	latencies.sort((a, b) => a - b);
	same.sort((a, b) => a - b);
	across.sort((a, b) => a - b);
	for (const c of clients) c.destroy();
	const perThousand = (seconds: number) =>
		latencies.length ? (seconds * 1000 * 1000) / latencies.length : null;
	const total = cpu.reduce((a, b) => a + b, 0);
	const several = config.urls.length > 1;
	return {
		syncMs,
		sent,
		sentPerSecond: sent / (sendMs / 1000),
		expected,
		delivered: latencies.length,
		deliveredPerSecond: latencies.length / elapsed,
		p50: percentile(latencies, 0.5),
		p99: percentile(latencies, 0.99),
		max: percentile(latencies, 1),
		serverCpuS: total,
		cpuMsPer1000: perThousand(total),
		serverRssMiB: rss.reduce((a, b) => a + b, 0),
		...(several && {
			nodes: config.urls.length,
			deliveredAcross: across.length,
			p50Across: percentile(across, 0.5),
			p99Across: percentile(across, 0.99),
			p99Same: percentile(same, 0.99),
			// Each node's share of the same deliveries: the owners do the work, the others pipe bytes.
			...Object.fromEntries(cpu.map((s, i) => [`cpuMsPer1000Node${i}`, perThousand(s)]))
		})
	};
}

async function idle() {
	await sleep(300);
	const baseMiB = rssMiB(serverPid);
	const first = config.rooms.map((room) => connect(room));
	await allSynced(first);
	await sleep(500);
	const roomsMiB = rssMiB(serverPid);
	const rest: Client[] = [];
	for (const room of config.rooms)
		for (let i = 1; i < config.clientsPerRoom; i++) rest.push(connect(room));
	await allSynced(rest);
	await sleep(500);
	const allMiB = rssMiB(serverPid);
	const connections = first.length + rest.length;
	for (const c of [...first, ...rest]) c.destroy();
	return {
		connections,
		rooms: config.rooms.length,
		baseMiB,
		roomsMiB,
		allMiB,
		kibPerRoom: ((roomsMiB - baseMiB) * 1024) / config.rooms.length,
		kibPerConnection: ((allMiB - roomsMiB) * 1024) / rest.length,
		serverRssMiB: allMiB
	};
}

/** Time until the server has sent a new client the whole document (sync step 1 out, step 2 in),
 *  over the raw y-websocket protocol: what the server controls, without the client's decoding. */
function documentDelivery(room: string): Promise<{ ms: number; bytes: number }> {
	return new Promise((resolve, reject) => {
		const started = now();
		const ws = new (cookieWebSocket())(`${url}/${room}`);
		ws.binaryType = 'nodebuffer';
		ws.on('open', () => ws.send(Uint8Array.of(0, 0, 1, 0))); // sync step 1, empty state vector
		ws.on('message', (data: Buffer) => {
			if (data[0] === 0 && data[1] === 1) {
				resolve({ ms: now() - started, bytes: data.length });
				ws.close();
			}
		});
		ws.on('error', reject);
	});
}

async function cold() {
	if (config.warmRoom) {
		const warm = connect(config.warmRoom);
		await allSynced([warm]);
		warm.destroy();
	}
	const cpu0 = cpuSeconds(serverPid);
	const delivery = config.proto === 'yws' ? await documentDelivery(config.rooms[0]!) : null;
	const client = connect(config.rooms[0]!);
	const started = now();
	await allSynced([client]);
	// Some providers say "synced" before the document has arrived: wait for it (10 s at most).
	const map = config.expectMap ? client.doc.getMap(config.expectMap.name) : null;
	while (map && map.size < config.expectMap!.size && now() - started < 10_000) await sleep(2);
	const syncMs = now() - started;
	const size = map?.size ?? null;
	const cpu = cpuSeconds(serverPid) - cpu0;
	client.destroy();
	if (config.expectMap && size !== config.expectMap.size)
		throw new Error(`synced ${size} of ${config.expectMap.size} items`);
	return {
		syncMs,
		deliveredMs: delivery?.ms ?? null,
		documentBytes: delivery?.bytes ?? null,
		items: size,
		serverCpuS: cpu,
		serverRssMiB: rssMiB(serverPid)
	};
}

try {
	const result =
		config.mode === 'stream'
			? await stream()
			: config.mode === 'idle'
				? await idle()
				: await cold();
	console.log(JSON.stringify(result));
	process.exit(0);
} catch (err) {
	console.log(JSON.stringify({ error: String(err) }));
	process.exit(1);
}
