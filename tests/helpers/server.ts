// Starts the real production server (node server/index.js, after `npm run build`) on a free port
// with its own store (a SQLite file or a PostgreSQL database: store.ts), and stops or kills it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
	url: string;
	wsUrl: string;
	port: number;
	process: ChildProcess;
	logs: string[];
	/** Resolves with the first log line that matches. */
	waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
	stop(): Promise<void>;
	kill(): Promise<void>;
}

export async function startServer(options: {
	/** A SQLite file's path or a `postgres://` URL. */
	database: string;
	env?: Record<string, string>;
}): Promise<RunningServer> {
	const child = spawn(process.execPath, ['server/index.js'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			...(/^postgres(ql)?:/.test(options.database)
				? { DATABASE_URL: options.database }
				: { DATABASE_PATH: options.database }),
			LOG_LEVEL: 'debug',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const logs: string[] = [];
	const waiters: {
		pattern: RegExp;
		resolve: (line: string) => void;
		reject: (err: Error) => void;
	}[] = [];
	let buffered = '';
	const onData = (chunk: Buffer) => {
		buffered += chunk.toString();
		let nl: number;
		while ((nl = buffered.indexOf('\n')) >= 0) {
			const line = buffered.slice(0, nl);
			buffered = buffered.slice(nl + 1);
			logs.push(line);
			for (const w of [...waiters]) {
				if (w.pattern.test(line)) {
					waiters.splice(waiters.indexOf(w), 1);
					w.resolve(line);
				}
			}
		}
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const exited = new Promise<void>((resolve) =>
		child.once('exit', (code) => {
			for (const w of waiters.splice(0))
				w.reject(
					new Error(`server exited (${code}) before logging ${w.pattern}:\n${logs.join('\n')}`)
				);
			resolve();
		})
	);

	function waitForLog(pattern: RegExp, timeoutMs = 20_000) {
		const seen = logs.find((l) => pattern.test(l));
		if (seen) return Promise.resolve(seen);
		return new Promise<string>((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`no log line matching ${pattern} in:\n${logs.join('\n')}`)),
				timeoutMs
			);
			waiters.push({
				pattern,
				resolve: (line) => (clearTimeout(timer), resolve(line)),
				reject: (err) => (clearTimeout(timer), reject(err))
			});
		});
	}

	const listening = await waitForLog(/"msg":"listening on/);
	const port = JSON.parse(listening).port as number;
	return {
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}/sync`,
		port,
		process: child,
		logs,
		waitForLog,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
		},
		async kill() {
			if (child.exitCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
}
