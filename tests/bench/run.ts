// `npm run bench`: the project's sync server side by side with the reference y-websocket server
// and Hocuspocus, on the same workloads, in one run, servers taken in turn, medians over rounds.
//   npm run bench                    full run (3 rounds; several minutes)
//   npm run bench -- --smoke         one short round of each workload (CI)
//   npm run bench -- --rounds 5 --only w1,fanout     (workloads: w1 fanout idle cold durable export)
//   npm run bench -- --only cluster  W1 and fan-out with the clients spread over two nodes on
//                                    PostgreSQL and Redis, against one such node and the references
// Prints a table and writes tests/bench/results/latest.json (git-ignored).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import pg from 'pg';
import { startServer } from '../helpers/server.ts';
import {
	startPostgres,
	startRedis,
	type RunningPostgres,
	type RunningRedis
} from '../helpers/engines.ts';
import { planHistory, seedBenchProject, writeHistory, type BenchProject } from './fixtures.ts';
import type { LoadConfig } from './loadgen.ts';
import { measureExports } from './exports.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => argv[argv.indexOf(`--${name}`) + 1];
const smoke = flag('smoke');
const rounds = Number(flag('rounds') ? option('rounds') : smoke ? 1 : 3);
const only = flag('only') ? option('only')!.split(',') : null;

/** The project on SQLite (the embedded default), the references, and the project on PostgreSQL and
 *  Redis as one node or as two nodes of one installation. */
type ServerKind = 'project' | 'y-websocket' | 'hocuspocus' | 'pg-1-node' | 'pg-2-nodes';
const SERVERS: ServerKind[] = ['project', 'y-websocket', 'hocuspocus'];
/** In the cluster workloads the two nodes are measured against one node on the same engines
 *  (the only difference is the second node) and against the references. */
const CLUSTER_SERVERS: ServerKind[] = ['pg-2-nodes', 'pg-1-node', 'y-websocket', 'hocuspocus'];
/** The project's own servers: an update one of them failed to deliver fails the run. */
const OURS = new Set<ServerKind>(['project', 'pg-1-node', 'pg-2-nodes']);
const onPostgres = (kind: ServerKind) => kind === 'pg-1-node' || kind === 'pg-2-nodes';

interface Running {
	/** The server's URL, or each node's. */
	urls: string[];
	/** Its process, or each node's. */
	pids: number[];
	stop(): Promise<void>;
	/** The server's log lines so far (the project's server only). */
	logs?: () => string[];
}

// ---- workloads ------------------------------------------------------------------------------

interface StreamLoad {
	kind: 'stream';
	rooms: number;
	clients: number;
	writers: number;
	rate: number;
	seconds: number;
}
interface IdleLoad {
	kind: 'idle';
	rooms: number;
	clients: number;
}
interface ColdLoad {
	kind: 'cold';
	items: number;
}
type Workload = {
	name: string;
	title: string;
	/** What `--only` also selects it by (the cluster workloads: `cluster`). */
	group?: string;
	/** The servers measured, the first one against each of the others. */
	servers: ServerKind[];
} & (StreamLoad | IdleLoad | ColdLoad);

const WORKLOADS: Workload[] = smoke
	? [
			{
				name: 'w1',
				servers: SERVERS,
				title: 'W1 edit storm',
				kind: 'stream',
				rooms: 2,
				clients: 8,
				writers: 2,
				rate: 20,
				seconds: 2
			},
			{
				name: 'fanout',
				servers: SERVERS,
				title: 'Fan-out',
				kind: 'stream',
				rooms: 1,
				clients: 30,
				writers: 1,
				rate: 20,
				seconds: 2
			},
			{ name: 'idle', title: 'Idle', servers: SERVERS, kind: 'idle', rooms: 10, clients: 5 },
			{ name: 'cold', title: 'Cold load', servers: SERVERS, kind: 'cold', items: 500 },
			{
				name: 'durable',
				servers: SERVERS,
				title: 'Durable write rate',
				kind: 'stream',
				rooms: 2,
				clients: 6,
				writers: 5,
				rate: 100,
				seconds: 2
			}
		]
	: [
			{
				name: 'w1',
				servers: SERVERS,
				title: 'W1 edit storm',
				kind: 'stream',
				rooms: 10,
				clients: 40,
				writers: 2,
				rate: 20,
				seconds: 10
			},
			{
				name: 'fanout',
				servers: SERVERS,
				title: 'Fan-out',
				kind: 'stream',
				rooms: 1,
				clients: 200,
				writers: 1,
				rate: 20,
				seconds: 10
			},
			{ name: 'idle', title: 'Idle', servers: SERVERS, kind: 'idle', rooms: 100, clients: 10 },
			{ name: 'cold', title: 'Cold load', servers: SERVERS, kind: 'cold', items: 5000 },
			{
				name: 'durable',
				servers: SERVERS,
				title: 'Durable write rate',
				kind: 'stream',
				rooms: 10,
				clients: 6,
				writers: 5,
				rate: 100,
				seconds: 10
			}
		];
// W1 and fan-out again, with the clients spread over two nodes of one installation (in a smoke run
// only when asked for: CI's time is short).
const withCluster = !smoke || only?.includes('cluster');
for (const load of withCluster
	? WORKLOADS.filter((w) => w.name === 'w1' || w.name === 'fanout')
	: [])
	WORKLOADS.push({
		...load,
		name: `cluster-${load.name}`,
		title: `${load.title}, 2 nodes`,
		group: 'cluster',
		servers: CLUSTER_SERVERS
	});

// ---- servers --------------------------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'gongjian-bench-'));
/** The seeded SQLite file each run of the project copies. */
let template: { path: string; project: BenchProject };

/** PostgreSQL and Redis for the runs on them, started when the first one comes: a seeded template
 *  database that each run copies (CREATE DATABASE … TEMPLATE), and a Redis emptied before each. */
let engines: Promise<{
	postgres: RunningPostgres;
	redis: RunningRedis;
	project: BenchProject;
	copies: number;
}> | null = null;

/** What the bench started and stops at the end, whatever happened. */
const started: { stop(): Promise<void> }[] = [];

function postgresEngines() {
	return (engines ??= (async () => {
		const postgres = await startPostgres();
		started.push(postgres);
		const redis = await startRedis();
		started.push(redis);
		await adminQuery(postgres, 'CREATE DATABASE bench_template');
		const project = await seedBenchProject(databaseUrl(postgres, 'bench_template'), maxRooms());
		return { postgres, redis, project, copies: 0 };
	})());
}

const databaseUrl = (postgres: RunningPostgres, name: string) =>
	postgres.url.replace(/\/[^/]*$/, `/${name}`);

async function adminQuery(postgres: RunningPostgres, text: string) {
	const client = new pg.Client({ connectionString: postgres.url });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

const maxRooms = () => Math.max(...WORKLOADS.map((w) => ('rooms' in w ? w.rooms : 1)));

function spawnPeer(kind: 'y-websocket' | 'hocuspocus', database?: string): Promise<Running> {
	const child: ChildProcess = spawn(
		process.execPath,
		[join(ROOT, 'tests/bench/peers.ts'), kind, '0', ...(database ? [database] : [])],
		{
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /listening (\d+)/.exec(out);
			if (match) {
				const url =
					kind === 'y-websocket' ? `ws://127.0.0.1:${match[1]}` : `ws://127.0.0.1:${match[1]}`;
				resolve({
					urls: [url],
					pids: [child.pid!],
					stop: () =>
						new Promise((done) => {
							if (child.exitCode !== null) return done();
							child.once('exit', () => done());
							child.kill('SIGINT');
							setTimeout(() => child.kill('SIGKILL'), 5000).unref();
						})
				});
			}
		});
		child.once('exit', (code) => reject(new Error(`${kind} exited (${code})`)));
	});
}

async function start(kind: ServerKind, database: string): Promise<Running> {
	if (kind === 'y-websocket' || kind === 'hocuspocus')
		return spawnPeer(kind, kind === 'hocuspocus' ? database : undefined);
	let env: Record<string, string>[] = [{}];
	if (onPostgres(kind)) {
		const { redis } = await postgresEngines();
		await redis.restart(); // empty, as the database is new: nothing left from the run before
		env = (kind === 'pg-2-nodes' ? ['node-a', 'node-b'] : ['node-a']).map((id) => ({
			REDIS_URL: redis.url,
			NODE_ID: id
		}));
	}
	const starting = await Promise.allSettled(
		env.map((own) => startServer({ database, env: { LOG_LEVEL: 'debug', ...own } }))
	);
	const nodes = starting.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
	const failed = starting.find((s) => s.status === 'rejected');
	if (failed) {
		// One node up and the other not: the one is stopped, not left running.
		await Promise.all(nodes.map((node) => node.stop()));
		throw failed.reason;
	}
	return {
		urls: nodes.map((node) => node.wsUrl),
		pids: nodes.map((node) => node.process.pid!),
		stop: async () => void (await Promise.all(nodes.map((node) => node.stop()))),
		logs: () => nodes.flatMap((node) => node.logs)
	};
}

/** A new store for one run: a SQLite file (a copy of the seeded one for the project) or a copy of
 *  the seeded PostgreSQL database. */
async function freshDatabase(kind: ServerKind): Promise<string> {
	if (onPostgres(kind)) {
		const state = await postgresEngines();
		const name = `bench_${++state.copies}`;
		await adminQuery(state.postgres, `CREATE DATABASE ${name} TEMPLATE bench_template`);
		return databaseUrl(state.postgres, name);
	}
	const dir = mkdtempSync(join(work, `${kind}-`));
	const path = join(dir, 'db.sqlite');
	if (kind === 'project') copyFileSync(template.path, path);
	return path;
}

/** The rooms and sign-ins of the project's seeded store for `kind`; none for the references. */
async function benchProject(kind: ServerKind): Promise<BenchProject | null> {
	if (onPostgres(kind)) return (await postgresEngines()).project;
	return kind === 'project' ? template.project : null;
}

function runLoad(config: LoadConfig): Promise<Record<string, number | null>> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[join(ROOT, 'tests/bench/loadgen.ts'), JSON.stringify(config)],
			{
				cwd: ROOT,
				stdio: ['ignore', 'pipe', 'inherit']
			}
		);
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.once('exit', () => {
			const line = out.trim().split('\n').pop() ?? '';
			try {
				const result = JSON.parse(line);
				if (result.error) reject(new Error(result.error));
				else resolve(result);
			} catch {
				reject(new Error(`load generator printed: ${out}`));
			}
		});
	});
}

async function roomsFor(kind: ServerKind, n: number) {
	const project = await benchProject(kind);
	return project
		? project.rooms.slice(0, n)
		: Array.from({ length: n }, (_, i) => `bench-room-${i}`);
}

// ---- measurements ---------------------------------------------------------------------------

let coldHistory: Uint8Array[] | null = null;

async function measure(kind: ServerKind, load: Workload): Promise<Record<string, number | null>> {
	const proto = kind === 'hocuspocus' ? 'hp' : 'yws';
	const cookies = (await benchProject(kind))?.cookies;
	const database = await freshDatabase(kind);

	if (load.kind === 'cold') {
		if (kind === 'y-websocket') return { syncMs: null, note: null }; // memory only: nothing to load
		coldHistory ??= planHistory(load.items);
		const room = kind === 'project' ? template.project.coldRoom : 'bench-cold';
		const expectMap = { name: 'plan', size: load.items };
		const warmRoom = kind === 'project' ? template.project.rooms[0] : 'bench-warm';
		if (kind === 'project') {
			await writeHistory(database, room, coldHistory);
		} else {
			// Hocuspocus stores whole documents: give it the same board through its own provider.
			const seeding = await start(kind, database);
			const doc = new Y.Doc();
			for (const update of coldHistory) Y.applyUpdate(doc, update);
			const { HocuspocusProvider } = await import('@hocuspocus/provider');
			const provider = new HocuspocusProvider({ url: seeding.urls[0]!, name: room, document: doc });
			await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
			provider.destroy();
			await seeding.stop(); // stores on shutdown
		}
		const fromLog = await start(kind, database);
		const first = await runLoad({
			mode: 'cold',
			urls: fromLog.urls,
			proto,
			rooms: [room],
			clientsPerRoom: 1,
			cookies,
			serverPids: fromLog.pids,
			expectMap,
			warmRoom
		});
		await new Promise((r) => setTimeout(r, 200)); // let the fold that follows a long log finish
		const folds =
			fromLog
				.logs?.()
				.filter((l) => l.includes('"room folded"'))
				.map((l) => JSON.parse(l).ms as number) ?? [];
		await fromLog.stop();
		// Loading folded the log; a second cold start loads from the state row alone.
		const fromState = await start(kind, database);
		const second = await runLoad({
			mode: 'cold',
			urls: fromState.urls,
			proto,
			rooms: [room],
			clientsPerRoom: 1,
			cookies,
			serverPids: fromState.pids,
			expectMap,
			warmRoom
		});
		await fromState.stop();
		return {
			syncMs: first.syncMs!,
			syncFromStateMs: second.syncMs!,
			deliveredFromLogMs: first.deliveredMs ?? null,
			deliveredFromStateMs: second.deliveredMs ?? null,
			foldMs: folds.length ? Math.max(...folds) : null,
			documentBytes: second.documentBytes ?? null,
			updates: kind === 'project' ? coldHistory.length : null
		};
	}

	const server = await start(kind, database);
	try {
		const rooms = await roomsFor(kind, load.rooms);
		if (load.kind === 'idle') {
			return await runLoad({
				mode: 'idle',
				urls: server.urls,
				proto,
				rooms,
				clientsPerRoom: load.clients,
				cookies,
				serverPids: server.pids
			});
		}
		return await runLoad({
			mode: 'stream',
			urls: server.urls,
			proto,
			rooms,
			clientsPerRoom: load.clients,
			writers: load.writers,
			rate: load.rate,
			seconds: load.seconds,
			cookies,
			serverPids: server.pids
		});
	} finally {
		await server.stop();
	}
}

// ---- report ---------------------------------------------------------------------------------

const median = (values: (number | null | undefined)[]) => {
	const xs = values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
	if (xs.length === 0) return null;
	const mid = Math.floor(xs.length / 2);
	return xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
};
const fmt = (v: number | null | undefined, digits = 1) =>
	typeof v === 'number' ? v.toFixed(digits) : '—';
const ratio = (a: number | null, b: number | null) =>
	a !== null && b !== null && b > 0 ? a / b : null;

type Result = Record<string, number | null>;

const KEY_METRICS: Record<Workload['kind'], string[]> = {
	stream: ['cpuMsPer1000', 'p50', 'p99', 'serverRssMiB', 'deliveredPerSecond'],
	idle: ['kibPerConnection', 'kibPerRoom', 'serverRssMiB'],
	cold: ['syncMs', 'syncFromStateMs', 'deliveredFromStateMs']
};
const keyMetrics = (load: Workload) =>
	load.group === 'cluster'
		? [...KEY_METRICS[load.kind], 'p99Across', 'p99Same']
		: KEY_METRICS[load.kind];

/** The target for crossing nodes: p99 across nodes at most this many times one node's p99. */
const CROSSING_TARGET = 1.5;

/** What a measurement says beyond the table's columns. */
function otherColumn(load: Workload, m: Result): string {
	if (load.kind === 'idle')
		return `${fmt(m.kibPerConnection)} KiB/conn, ${fmt(m.kibPerRoom)} KiB/room`;
	if (load.kind === 'cold')
		return m.syncMs === null
			? 'memory only: nothing to load'
			: `client synced ${fmt(m.syncMs, 0)} ms from the log, ${fmt(m.syncFromStateMs, 0)} ms from state` +
					(m.deliveredFromStateMs !== undefined && m.deliveredFromStateMs !== null
						? `; document sent in ${fmt(m.deliveredFromLogMs, 0)} / ${fmt(m.deliveredFromStateMs, 0)} ms (${fmt((m.documentBytes ?? 0) / 1048576, 2)} MiB); log of ${m.updates} updates folded in ${fmt(m.foldMs, 0)} ms`
						: '');
	const rate = `${fmt(m.deliveredPerSecond, 0)} deliveries/s`;
	if (m.nodes === undefined || m.nodes === null) return rate;
	const perNode = Array.from({ length: m.nodes }, (_, i) => fmt(m[`cpuMsPer1000Node${i}`], 2)).join(
		' + '
	);
	return `${rate}; p99 across nodes ${fmt(m.p99Across)} ms, same node ${fmt(m.p99Same)} ms; CPU ms/1k by node ${perNode}`;
}

async function main() {
	mkdirSync(join(ROOT, 'tests/bench/results'), { recursive: true });
	const templatePath = join(work, 'template.sqlite');
	template = { path: templatePath, project: await seedBenchProject(templatePath, maxRooms()) };

	const workloads = WORKLOADS.filter(
		(w) => !only || only.includes(w.name) || (w.group !== undefined && only.includes(w.group))
	);
	const failures: string[] = [];
	const raw: Record<string, Partial<Record<ServerKind, Result[]>>> = {};
	for (const load of workloads) {
		const servers = load.servers;
		const results: Partial<Record<ServerKind, Result[]>> = (raw[load.name] = {});
		for (const kind of servers) results[kind] = [];
		for (let round = 0; round < rounds; round++) {
			// Take the servers in turn, starting with a different one each round.
			const order = servers.map((_, i) => servers[(i + round) % servers.length]!);
			for (const kind of order) {
				process.stderr.write(`${load.title}, round ${round + 1}/${rounds}: ${kind} … `);
				let result: Result;
				try {
					result = await measure(kind, load);
				} catch (err) {
					// One failed measurement (a reference server's hiccup) is reported, not fatal.
					process.stderr.write(`failed: ${String(err)}\n`);
					if (OURS.has(kind)) failures.push(`${load.title}, ${kind}: ${String(err)}`);
					results[kind]!.push({ failed: 1 });
					continue;
				}
				results[kind]!.push(result);
				process.stderr.write(
					`${'delivered' in result ? `${result.delivered}/${result.expected} delivered, ` : ''}${JSON.stringify(
						Object.fromEntries(
							keyMetrics(load).map((k) => [
								k,
								result[k] === null || result[k] === undefined ? null : +Number(result[k]).toFixed(2)
							])
						)
					)}\n`
				);
			}
		}
	}

	const summary: Record<string, unknown> = {};
	const ratioLines: string[] = [];
	const crossingLines: string[] = [];
	const lines: string[] = [];
	lines.push(
		`Gongjian sync benchmark: ${rounds} round(s), medians${smoke ? ' (smoke: small loads)' : ''}`
	);
	lines.push('');
	lines.push(
		'workload                server        delivered        p50 ms  p99 ms  CPU ms/1k  RSS MiB  other'
	);
	for (const load of workloads) {
		const per: Partial<Record<ServerKind, Result>> = {};
		for (const kind of load.servers) {
			const results = raw[load.name]![kind]!;
			const keys = new Set(results.flatMap((r) => Object.keys(r)));
			const m = (per[kind] = Object.fromEntries(
				[...keys].map((k) => [k, median(results.map((r) => r[k]))])
			));
			const complete = results.every(
				(r) => !r.failed && (r.delivered === undefined || r.delivered === r.expected)
			);
			if (OURS.has(kind) && !complete)
				failures.push(`${load.title}, ${kind}: not every update was delivered`);
			const delivered =
				m.expected !== undefined && m.expected !== null
					? `${m.delivered}/${m.expected}${complete ? '' : ' !'}`
					: '';
			lines.push(
				`${load.title.padEnd(24)}${kind.padEnd(14)}${delivered.padEnd(17)}${fmt(m.p50).padStart(6)}${fmt(m.p99).padStart(8)}${fmt(m.cpuMsPer1000, 2).padStart(11)}${fmt(m.serverRssMiB).padStart(9)}  ${otherColumn(load, m)}`
			);
		}
		const [subject, ...references] = load.servers as [ServerKind, ...ServerKind[]];
		const ratios = Object.fromEntries(
			KEY_METRICS[load.kind].map((k) => [
				k,
				Object.fromEntries(
					references.map((ref) => [ref, ratio(per[subject]![k] ?? null, per[ref]![k] ?? null)])
				)
			])
		);
		for (const [metric, r] of Object.entries(ratios))
			ratioLines.push(
				`${load.title.padEnd(24)}${subject.padEnd(12)}${metric.padEnd(21)}${references
					.map((ref) => `/ ${ref} ${fmt(r[ref], 2)}`.padEnd(22))
					.join('')
					.trimEnd()}`
			);
		const entry: Record<string, unknown> = { title: load.title, load, medians: per, ratios };
		if (load.group === 'cluster') {
			const across = per['pg-2-nodes']!.p99Across ?? null;
			const oneNode = per['pg-1-node']!.p99 ?? null;
			const crossing = ratio(across, oneNode);
			entry.crossing = { p99Across: across, p99OneNode: oneNode, ratio: crossing };
			crossingLines.push(
				`${load.title.padEnd(24)}p99 across nodes ${fmt(across)} ms, one node ${fmt(oneNode)} ms: ${fmt(crossing, 2)}× ${
					crossing === null ? '' : crossing <= CROSSING_TARGET ? '(met)' : '(missed)'
				}`
			);
		}
		summary[load.name] = entry;
	}
	lines.push('');
	lines.push(
		"ratios of each workload's first server to the others (below 1.0 is better for CPU, latency and memory)"
	);
	lines.push(...ratioLines);
	if (crossingLines.length) {
		lines.push('');
		lines.push(
			`Crossing nodes (target: p99 across nodes at most ${CROSSING_TARGET}× one node's p99)`
		);
		lines.push(...crossingLines);
	}
	// Exports are the project's alone: their time against the target, not against a reference server.
	if (!only || only.includes('export')) {
		const exports = await measureExports(smoke ? 100 : 1000, rounds);
		const xlsx = median(exports.xlsxMs);
		const docx = median(exports.docxMs);
		summary.export = { items: exports.items, xlsxMs: xlsx, docxMs: docx, targetMs: 1000 };
		lines.push('');
		lines.push(
			`Export of a board of ${exports.items} items (target: under 1000 ms each): Excel ${fmt(xlsx, 0)} ms, Word ${fmt(docx, 0)} ms`
		);
	}
	console.log(lines.join('\n'));

	const file = join(ROOT, 'tests/bench/results', smoke ? 'smoke.json' : 'latest.json');
	writeFileSync(
		file,
		JSON.stringify(
			{
				at: new Date().toISOString(),
				node: process.version,
				cpus: cpus().length,
				cpu: cpus()[0]?.model,
				smoke,
				rounds,
				summary,
				raw
			},
			null,
			2
		)
	);
	console.log(`\nwritten to ${file}`);
	if (failures.length) {
		console.error(failures.join('\n'));
		process.exitCode = 1;
	}
}

/** Removes the temp files and stops PostgreSQL and Redis if they were started. */
async function cleanUp() {
	rmSync(work, { recursive: true, force: true });
	await engines?.catch(() => null);
	await Promise.allSettled(started.splice(0).map((engine) => engine.stop()));
}

// Stopped by hand: PostgreSQL runs as a daemon of its own, and is stopped before the bench goes.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

await main().catch((err: unknown) => {
	console.error(err);
	process.exitCode = 1;
});
await cleanUp();
// Whatever a failed measurement left behind (a client, a child) does not keep the bench waiting.
process.exit(process.exitCode ?? 0);
