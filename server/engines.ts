// Real PostgreSQL and Redis from Debian's packages (`postgresql`, `redis-server`), on free ports, for
// the tests (tests/helpers/engines.ts re-exports this) and for `npm run cluster` (server/cluster.ts).
// Each runs in a directory of its own: a temp one, removed when stopped (tests), or one given, kept
// across runs (the cluster's ./data/cluster/). PostgreSQL refuses to run as root, so as root its
// commands run as the `postgres` user, who owns the directory.
import { execFile, spawn } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

/** The newest PostgreSQL's programs: /usr/lib/postgresql/<major>/bin on Debian. */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const majors = existsSync(root) ? readdirSync(root).map(Number).filter(Boolean) : [];
	if (!majors.length) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
	return join(root, String(Math.max(...majors)), 'bin');
}

export interface EngineOptions {
	/** Where to keep the data, made if missing and kept when stopped; else a temp directory,
	 *  removed when stopped. */
	dir?: string;
	/** Run in a session of its own, so that a Ctrl-C in the terminal reaches only the caller, who
	 *  stops it in its own time (after the nodes that write to it). */
	detached?: boolean;
}

export interface RunningPostgres {
	/** postgres://gongjian@127.0.0.1:<port>/gongjian */
	url: string;
	port: number;
	/** Stops the server, keeping its data (for a test of the database being away). */
	pause(): Promise<void>;
	/** Starts it again on the same port, with the same data. */
	resume(): Promise<void>;
	/** Stops it, and removes its data unless it was given a directory. */
	stop(): Promise<void>;
}

export async function startPostgres(engine: EngineOptions = {}): Promise<RunningPostgres> {
	const bin = postgresBin();
	const asRoot = process.getuid?.() === 0;
	const kept = engine.dir !== undefined;
	const dir =
		engine.dir !== undefined ? resolve(engine.dir) : mkdtempSync(join(tmpdir(), 'gongjian-pg-'));
	const data = join(dir, 'data');
	mkdirSync(dir, { recursive: true });
	if (asRoot) {
		const ids = await run('id', ['-u', 'postgres']).then(async ({ stdout }) => ({
			uid: Number(stdout),
			gid: Number((await run('id', ['-g', 'postgres'])).stdout)
		}));
		chownSync(dir, ids.uid, ids.gid);
	}
	chmodSync(dir, 0o700);
	const pg = (program: string, args: string[]) => {
		const command = [
			...(engine.detached ? ['setsid', '--wait'] : []),
			...(asRoot ? ['runuser', '-u', 'postgres', '--'] : []),
			join(bin, program),
			...args
		];
		return run(command[0]!, command.slice(1));
	};
	const halt = () => pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
	const fresh = !existsSync(join(data, 'PG_VERSION'));
	if (fresh)
		await pg('initdb', ['-D', data, '-U', 'gongjian', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
	// A server left running by a run that was killed is stopped, so that it starts on a new port.
	else if (await pg('pg_ctl', ['-D', data, 'status']).then(Boolean, () => false)) await halt();
	const port = await freePort();
	// Tests kill Gongjian's nodes, never PostgreSQL mid-write: its own fsync only slows them. Data
	// that is kept is written as PostgreSQL means it to be.
	const flags = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${kept ? '' : ' -c fsync=off'}`;
	const start = () =>
		pg('pg_ctl', ['-D', data, '-o', flags, '-w', '-l', join(dir, 'log'), 'start']);
	await start();
	if (fresh)
		await pg('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'gongjian', 'gongjian']);
	let running = true;
	return {
		url: `postgres://gongjian@127.0.0.1:${port}/gongjian`,
		port,
		async pause() {
			if (running) await halt();
			running = false;
		},
		async resume() {
			if (!running) await start();
			running = true;
		},
		async stop() {
			if (running) await halt().catch(() => {});
			running = false;
			if (!kept) rmSync(dir, { recursive: true, force: true });
		}
	};
}

export interface RunningRedis {
	/** redis://127.0.0.1:<port> */
	url: string;
	port: number;
	/** Kills it and starts it again on the same port, empty (Redis holds nothing the store needs). */
	restart(): Promise<void>;
	/** Kills it (for a test of Redis being away). */
	pause(): Promise<void>;
	/** Starts it again on the same port, empty. */
	resume(): Promise<void>;
	/** Kills it, and removes its directory unless it was given one. */
	stop(): Promise<void>;
}

/** Redis without persistence: what Gongjian keeps there (counts, leases) is meant to be lost. */
export async function startRedis(engine: EngineOptions = {}): Promise<RunningRedis> {
	const kept = engine.dir !== undefined;
	const dir =
		engine.dir !== undefined ? resolve(engine.dir) : mkdtempSync(join(tmpdir(), 'gongjian-redis-'));
	mkdirSync(dir, { recursive: true });
	const port = await freePort();
	let child: ReturnType<typeof spawn> | null = null;
	const start = () =>
		new Promise<void>((resolve, reject) => {
			const redis = spawn(
				'redis-server',
				[
					'--port',
					String(port),
					'--bind',
					'127.0.0.1',
					'--dir',
					dir,
					'--save',
					'',
					'--appendonly',
					'no'
				],
				{ stdio: ['ignore', 'pipe', 'pipe'] }
			);
			child = redis;
			let out = '';
			redis.stdout!.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				if (out.includes('Ready to accept connections')) resolve();
			});
			redis.once('error', reject);
			redis.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
		});
	const halt = () =>
		new Promise<void>((resolve) => {
			const redis = child;
			child = null;
			if (!redis || redis.exitCode !== null) return resolve();
			redis.once('exit', () => resolve());
			redis.kill('SIGKILL');
		});
	await start();
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		async restart() {
			await halt();
			await start();
		},
		pause: halt,
		async resume() {
			if (!child) await start();
		},
		async stop() {
			await halt();
			if (!kept) rmSync(dir, { recursive: true, force: true });
		}
	};
}
