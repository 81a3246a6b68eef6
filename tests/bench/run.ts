// `npm run bench`: the project's sync server side by side with the reference y-websocket server
// and Hocuspocus, on the same workloads, in one run, servers taken in turn, medians over rounds.
//   npm run bench                    full run (3 rounds; several minutes)
//   npm run bench -- --smoke         one short round of each workload (CI)
//   npm run bench -- --rounds 5 --only w1,fanout     (workloads: w1 fanout idle cold durable export)
// Prints a table and writes tests/bench/results/latest.json (git-ignored).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { startServer } from '../helpers/server.ts';
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

type ServerKind = 'project' | 'y-websocket' | 'hocuspocus';
const SERVERS: ServerKind[] = ['project', 'y-websocket', 'hocuspocus'];

interface Running {
	url: string;
	pid: number;
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
type Workload = { name: string; title: string } & (StreamLoad | IdleLoad | ColdLoad);

const WORKLOADS: Workload[] = smoke
	? [
			{
				name: 'w1',
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
				title: 'Fan-out',
				kind: 'stream',
				rooms: 1,
				clients: 30,
				writers: 1,
				rate: 20,
				seconds: 2
			},
			{ name: 'idle', title: 'Idle', kind: 'idle', rooms: 10, clients: 5 },
			{ name: 'cold', title: 'Cold load', kind: 'cold', items: 500 },
			{
				name: 'durable',
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
				title: 'Fan-out',
				kind: 'stream',
				rooms: 1,
				clients: 200,
				writers: 1,
				rate: 20,
				seconds: 10
			},
			{ name: 'idle', title: 'Idle', kind: 'idle', rooms: 100, clients: 10 },
			{ name: 'cold', title: 'Cold load', kind: 'cold', items: 5000 },
			{
				name: 'durable',
				title: 'Durable write rate',
				kind: 'stream',
				rooms: 10,
				clients: 6,
				writers: 5,
				rate: 100,
				seconds: 10
			}
		];

// ---- servers --------------------------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'gongjian-bench-'));
let template: { path: string; project: BenchProject };

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
					url,
					pid: child.pid!,
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
	if (kind !== 'project') return spawnPeer(kind, kind === 'hocuspocus' ? database : undefined);
	const server = await startServer({ database, env: { LOG_LEVEL: 'debug' } });
	return {
		url: server.wsUrl,
		pid: server.process.pid!,
		stop: () => server.stop(),
		logs: () => server.logs
	};
}

function freshDatabase(kind: ServerKind): string {
	const dir = mkdtempSync(join(work, `${kind}-`));
	const path = join(dir, 'db.sqlite');
	if (kind === 'project') copyFileSync(template.path, path);
	return path;
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

function roomsFor(kind: ServerKind, n: number) {
	return kind === 'project'
		? template.project.rooms.slice(0, n)
		: Array.from({ length: n }, (_, i) => `bench-room-${i}`);
}

// ---- measurements ---------------------------------------------------------------------------

let coldHistory: Uint8Array[] | null = null;

async function measure(kind: ServerKind, load: Workload): Promise<Record<string, number | null>> {
	const proto = kind === 'hocuspocus' ? 'hp' : 'yws';
	const cookies = kind === 'project' ? template.project.cookies : undefined;
	const database = freshDatabase(kind);

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
			const provider = new HocuspocusProvider({ url: seeding.url, name: room, document: doc });
			await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
			provider.destroy();
			await seeding.stop(); // stores on shutdown
		}
		const fromLog = await start(kind, database);
		const first = await runLoad({
			mode: 'cold',
			url: fromLog.url,
			proto,
			rooms: [room],
			clientsPerRoom: 1,
			cookies,
			serverPid: fromLog.pid,
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
			url: fromState.url,
			proto,
			rooms: [room],
			clientsPerRoom: 1,
			cookies,
			serverPid: fromState.pid,
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
		const rooms = roomsFor(kind, load.rooms);
		if (load.kind === 'idle') {
			return await runLoad({
				mode: 'idle',
				url: server.url,
				proto,
				rooms,
				clientsPerRoom: load.clients,
				cookies,
				serverPid: server.pid
			});
		}
		return await runLoad({
			mode: 'stream',
			url: server.url,
			proto,
			rooms,
			clientsPerRoom: load.clients,
			writers: load.writers,
			rate: load.rate,
			seconds: load.seconds,
			cookies,
			serverPid: server.pid
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

const KEY_METRICS: Record<Workload['kind'], string[]> = {
	stream: ['cpuMsPer1000', 'p50', 'p99', 'serverRssMiB', 'deliveredPerSecond'],
	idle: ['kibPerConnection', 'kibPerRoom', 'serverRssMiB'],
	cold: ['syncMs', 'syncFromStateMs', 'deliveredFromStateMs']
};

async function main() {
	mkdirSync(join(ROOT, 'tests/bench/results'), { recursive: true });
	const templatePath = join(work, 'template.sqlite');
	const maxRooms = Math.max(...WORKLOADS.map((w) => ('rooms' in w ? w.rooms : 1)));
	template = { path: templatePath, project: await seedBenchProject(templatePath, maxRooms) };

	const workloads = WORKLOADS.filter((w) => !only || only.includes(w.name));
	const failures: string[] = [];
	const raw: Record<string, Record<ServerKind, Record<string, number | null>[]>> = {};
	for (const load of workloads) {
		raw[load.name] = { project: [], 'y-websocket': [], hocuspocus: [] };
		for (let round = 0; round < rounds; round++) {
			// Take the servers in turn, starting with a different one each round.
			const order = SERVERS.map((_, i) => SERVERS[(i + round) % SERVERS.length]!);
			for (const kind of order) {
				process.stderr.write(`${load.title}, round ${round + 1}/${rounds}: ${kind} … `);
				let result: Record<string, number | null>;
				try {
					result = await measure(kind, load);
				} catch (err) {
					// One failed measurement (a reference server's hiccup) is reported, not fatal.
					process.stderr.write(`failed: ${String(err)}\n`);
					if (kind === 'project') failures.push(`${load.title}: ${String(err)}`);
					raw[load.name]![kind].push({ failed: 1 });
					continue;
				}
				raw[load.name]![kind].push(result);
				process.stderr.write(
					`${'delivered' in result ? `${result.delivered}/${result.expected} delivered, ` : ''}${JSON.stringify(
						Object.fromEntries(
							KEY_METRICS[load.kind].map((k) => [
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
	const lines: string[] = [];
	lines.push(
		`Gongjian sync benchmark: ${rounds} round(s), medians${smoke ? ' (smoke: small loads)' : ''}`
	);
	lines.push('');
	lines.push(
		'workload            server        delivered        p50 ms  p99 ms  CPU ms/1k  RSS MiB  other'
	);
	for (const load of workloads) {
		const per: Record<string, Record<string, number | null>> = {};
		for (const kind of SERVERS) {
			const results = raw[load.name]![kind];
			const keys = new Set(results.flatMap((r) => Object.keys(r)));
			per[kind] = Object.fromEntries([...keys].map((k) => [k, median(results.map((r) => r[k]))]));
			const m = per[kind]!;
			const complete = results.every(
				(r) => !r.failed && (r.delivered === undefined || r.delivered === r.expected)
			);
			if (kind === 'project' && !complete)
				failures.push(`${load.title}: not every update was delivered`);
			const other =
				load.kind === 'idle'
					? `${fmt(m.kibPerConnection)} KiB/conn, ${fmt(m.kibPerRoom)} KiB/room`
					: load.kind === 'cold'
						? m.syncMs === null
							? 'memory only: nothing to load'
							: `client synced ${fmt(m.syncMs, 0)} ms from the log, ${fmt(m.syncFromStateMs, 0)} ms from state` +
								(m.deliveredFromStateMs !== undefined && m.deliveredFromStateMs !== null
									? `; document sent in ${fmt(m.deliveredFromLogMs, 0)} / ${fmt(m.deliveredFromStateMs, 0)} ms (${fmt((m.documentBytes ?? 0) / 1048576, 2)} MiB); log of ${m.updates} updates folded in ${fmt(m.foldMs, 0)} ms`
									: '')
						: `${fmt(m.deliveredPerSecond, 0)} deliveries/s`;
			const delivered =
				m.expected !== undefined && m.expected !== null
					? `${m.delivered}/${m.expected}${complete ? '' : ' !'}`
					: '';
			lines.push(
				`${load.title.padEnd(20)}${kind.padEnd(14)}${delivered.padEnd(17)}${fmt(m.p50).padStart(6)}${fmt(m.p99).padStart(8)}${fmt(m.cpuMsPer1000, 2).padStart(11)}${fmt(m.serverRssMiB).padStart(9)}  ${other}`
			);
		}
		const ratios = Object.fromEntries(
			KEY_METRICS[load.kind].map((k) => [
				k,
				{
					vsYWebsocket: ratio(per.project![k] ?? null, per['y-websocket']![k] ?? null),
					vsHocuspocus: ratio(per.project![k] ?? null, per.hocuspocus![k] ?? null)
				}
			])
		);
		summary[load.name] = { title: load.title, load, medians: per, ratios };
	}
	lines.push('');
	lines.push('ratios project / reference (below 1.0 is better for CPU, latency and memory)');
	lines.push('workload            metric               / y-websocket   / Hocuspocus');
	for (const load of workloads) {
		const ratios = (
			summary[load.name] as {
				ratios: Record<string, { vsYWebsocket: number | null; vsHocuspocus: number | null }>;
			}
		).ratios;
		for (const [metric, r] of Object.entries(ratios)) {
			lines.push(
				`${load.title.padEnd(20)}${metric.padEnd(21)}${fmt(r.vsYWebsocket, 2).padStart(13)}${fmt(r.vsHocuspocus, 2).padStart(14)}`
			);
		}
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
	rmSync(work, { recursive: true, force: true });
	if (failures.length) {
		console.error(failures.join('\n'));
		process.exit(1);
	}
}

main().catch((err) => {
	console.error(err);
	rmSync(work, { recursive: true, force: true });
	process.exit(1);
});
