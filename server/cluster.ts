// `npm run cluster`: Gongjian on several nodes, on one machine, to try it: a PostgreSQL and a Redis
// (server/engines.ts), two nodes (`node server/index.js`, each told DATABASE_URL, REDIS_URL, PORT,
// NODE_ID and NODE_ADDRESS) and a round-robin proxy in front of them on one port (server/proxy.ts),
// which skips a node whose /readyz does not answer. It prints the address and the first-run setup
// code, and Ctrl-C stops everything in order: the proxy, the nodes (which write what is pending),
// Redis, then PostgreSQL. The data is kept in ./data/cluster/ for the next run. Builds first if
// build/ is missing. PORT (default 3000) is the proxy's port; CLUSTER_NODES (default 2) how many
// nodes. Production runs the nodes under a service manager behind nginx: docs/operations.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, startPostgres, startRedis } from './engines.ts';
import { createProxy, Pool } from './proxy.ts';
import { openStore } from '../src/lib/server/db/index.ts';
import { standingSetupCode } from '../src/lib/server/auth/setup.ts';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
const DATA = 'data/cluster';
const port = Number(process.env.PORT ?? 3000);
const count = Number(process.env.CLUSTER_NODES ?? 2);

if (!existsSync('build/handler.js')) {
	console.log('build/ is missing: building first (npm run build)');
	if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

mkdirSync(DATA, { recursive: true });
console.log(`starting PostgreSQL and Redis (data in ${DATA}/)`);
const postgres = await startPostgres({ dir: `${DATA}/postgres`, detached: true });
const redis = await startRedis({ dir: `${DATA}/redis` });

interface Node {
	name: string;
	port: number;
	child: ChildProcess;
	exited: Promise<void>;
}

const LEVELS: Record<number, string> = { 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** A node's JSON log lines, said shortly: its name, the level when it matters, the message. */
function relay(name: string, stream: NodeJS.ReadableStream) {
	let rest = '';
	stream.setEncoding('utf8');
	stream.on('data', (chunk: string) => {
		const lines = (rest + chunk).split('\n');
		rest = lines.pop() ?? '';
		for (const line of lines) {
			if (!line.trim()) continue;
			let text = line;
			try {
				const entry = JSON.parse(line) as {
					level?: number;
					msg?: string;
					err?: { message?: string };
				};
				const level = LEVELS[entry.level ?? 0];
				text = [level, entry.msg, entry.err?.message].filter(Boolean).join(' ');
			} catch {
				// not JSON (a crash's stack trace): as it is
			}
			console.log(`[${name}] ${text}`);
		}
	});
}

function startNode(index: number, nodePort: number): Node {
	const name = `node-${index}`;
	const child = spawn(process.execPath, ['server/index.js'], {
		env: {
			...process.env,
			DATABASE_URL: postgres.url,
			REDIS_URL: redis.url,
			PORT: String(nodePort),
			HOST: '127.0.0.1',
			NODE_ID: name,
			NODE_ADDRESS: `http://127.0.0.1:${nodePort}`,
			// The proxy says who asked: the per-IP limits count the browser, not the proxy.
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		// Its own process group: a Ctrl-C reaches this script, which stops the nodes before the
		// database they write to.
		detached: true
	});
	relay(name, child.stdout!);
	relay(name, child.stderr!);
	const exited = new Promise<void>((resolve) =>
		child.once('exit', (code, signal) => {
			if (!stopping) console.log(`[${name}] exited (${signal ?? code})`);
			resolve();
		})
	);
	return { name, port: nodePort, child, exited };
}

let stopping = false;
const nodes: Node[] = [];
for (let i = 1; i <= count; i++) nodes.push(startNode(i, await freePort()));
// Whatever happens to this script, no node outlives it.
process.on('exit', () => {
	for (const node of nodes) if (node.child.exitCode === null) node.child.kill('SIGKILL');
});

const pool = new Pool(nodes.map((n) => ({ name: n.name, host: '127.0.0.1', port: n.port })));
const stopWatching = pool.watch(1000);
const proxy = createProxy(pool);

async function stop(signal: string, code = 0) {
	if (stopping) return;
	stopping = true;
	console.log(`\n${signal}: stopping the proxy, the nodes, Redis and PostgreSQL`);
	stopWatching();
	proxy.close();
	proxy.closeAllConnections();
	for (const node of nodes) if (node.child.exitCode === null) node.child.kill('SIGTERM');
	const late = setTimeout(() => {
		for (const node of nodes) if (node.child.exitCode === null) node.child.kill('SIGKILL');
	}, 15_000);
	await Promise.all(nodes.map((n) => n.exited));
	clearTimeout(late);
	await redis.stop();
	await postgres.stop();
	console.log(`stopped; the data stays in ${DATA}/`);
	process.exit(code);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

await new Promise<void>((resolve, reject) => {
	proxy.once('error', reject);
	proxy.listen(port, '0.0.0.0', resolve);
}).catch(async (err: unknown) => {
	console.error(`the proxy cannot listen on port ${port} (set PORT): ${String(err)}`);
	await stop('error', 1);
});

// Ready when every node says so (their first start migrates the database: one at a time).
const started = performance.now();
while (!pool.backends.every((b) => b.ready)) {
	if (nodes.some((n) => n.child.exitCode !== null)) break;
	if (performance.now() - started > 120_000) break;
	await new Promise((resolve) => setTimeout(resolve, 250));
	await pool.probe();
}

const store = await openStore(postgres.url);
const code = await standingSetupCode(store.db);
await store.close();
const url = `http://localhost:${port}`;
console.log(`
Gongjian is running on ${count} nodes: ${url}
  ${nodes.map((n) => `${n.name} on 127.0.0.1:${n.port}${pool.backends.find((b) => b.name === n.name)?.ready ? '' : ' (not ready)'}`).join(', ')}
  PostgreSQL ${postgres.url}, Redis ${redis.url}
${code ? `  First run: open ${url}/setup and enter the setup code ${code}` : '  Sign in with an account made before (the data is kept in data/cluster/).'}
  Ctrl-C stops everything.
`);
