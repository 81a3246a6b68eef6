// For tests: the real receivers delivery talks to, on free ports. A mail server (the `smtp-server`
// package, Nodemailer's own counterpart), plain, with STARTTLS or TLS from the start, that can
// refuse recipients and require a login; a self-signed certificate for it, made by openssl; and an
// HTTP server standing in for a WeCom or DingTalk group robot, which checks what it is sent as the
// real one would (the key in the URL; DingTalk's signature, recomputed here from its documentation,
// not with our code) and answers as told.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: Buffer;
	/** Whether it came over TLS (STARTTLS or from the start). */
	secure: boolean;
}

export interface TestSmtpServer {
	port: number;
	received: ReceivedMail[];
	close(): Promise<void>;
}

export interface Certificate {
	key: string;
	cert: string;
}

/** A certificate for localhost, signed by itself: what a test's TLS server shows, and what its
 *  client is told to trust. */
export function selfSignedCertificate(): Certificate {
	const dir = mkdtempSync(join(tmpdir(), 'gongjian-cert-'));
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'ec',
				'-pkeyopt',
				'ec_paramgen_curve:prime256v1',
				'-nodes',
				'-days',
				'1',
				'-subj',
				'/CN=localhost',
				'-addext',
				'subjectAltName=DNS:localhost,IP:127.0.0.1',
				'-keyout',
				join(dir, 'key.pem'),
				'-out',
				join(dir, 'cert.pem')
			],
			{ stdio: 'ignore' }
		);
		return {
			key: readFileSync(join(dir, 'key.pem'), 'utf8'),
			cert: readFileSync(join(dir, 'cert.pem'), 'utf8')
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export async function startSmtpServer(
	options: {
		port?: number;
		/** none: no TLS offered; starttls: offered after connecting; tls: from the first byte. */
		security?: 'none' | 'starttls' | 'tls';
		certificate?: Certificate;
		/** A login it requires (without one it takes any). */
		login?: { user: string; password: string };
		/** Recipients it refuses, with the reply code (550: no such mailbox; 451: try later). */
		refuse?: Record<string, number>;
	} = {}
): Promise<TestSmtpServer> {
	const security = options.security ?? 'none';
	const received: ReceivedMail[] = [];
	const refusal = (message: string, responseCode: number): SMTPServerError =>
		Object.assign(new Error(message), { responseCode });
	const server = new SMTPServer({
		secure: security === 'tls',
		...(security !== 'none' && options.certificate ? options.certificate : {}),
		disabledCommands: security === 'none' ? ['STARTTLS'] : [],
		authOptional: !options.login,
		allowInsecureAuth: security === 'none',
		logger: false,
		onAuth(auth, _session, callback) {
			const login = options.login;
			if (!login || (auth.username === login.user && auth.password === login.password))
				callback(null, { user: auth.username });
			else callback(refusal('Invalid username or password', 535));
		},
		onRcptTo(address, _session, callback) {
			const code = options.refuse?.[address.address];
			callback(code ? refusal(`Mailbox unavailable: ${address.address}`, code) : null);
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks),
					secure: session.secure
				});
				callback(null);
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	return {
		port: (server.server.address() as AddressInfo).port,
		received,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}

export interface RobotRequest {
	query: URLSearchParams;
	body: unknown;
}

/** How the robot answers a request it found well made: an HTTP status and a body. */
export interface RobotAnswer {
	status?: number;
	body?: unknown;
	/** Never answer (a receiver that hangs). */
	hang?: boolean;
}

export interface TestRobot {
	/** The webhook URL to configure. */
	url: string;
	/** Every well-made request, in order. */
	requests: RobotRequest[];
	/** Answers to give, first to last; then `{"errcode":0}`. */
	answers: RobotAnswer[];
	/** Settles when the next request arrives. */
	nextRequest(): Promise<RobotRequest>;
	close(): Promise<void>;
}

/** A group robot on a free port. WeCom's takes `?key=<key>`; DingTalk's `?access_token=<token>`
 *  and, with a secret, a valid `timestamp` and `sign`; a request without them is refused as the
 *  real robots refuse it (WeCom 93000; DingTalk 300001, 310000). */
export async function startRobot(
	kind: 'wecom' | 'dingtalk',
	options: { token?: string; secret?: string } = {}
): Promise<TestRobot> {
	const token = options.token ?? 'robot-key-0123456789';
	const requests: RobotRequest[] = [];
	const answers: RobotAnswer[] = [];
	let waiting: ((request: RobotRequest) => void)[] = [];
	const refuse = (errcode: number, errmsg: string) => ({ status: 200, body: { errcode, errmsg } });
	const judge = (query: URLSearchParams): RobotAnswer | null => {
		if (kind === 'wecom')
			return query.get('key') === token ? null : refuse(93000, 'invalid webhook url');
		if (query.get('access_token') !== token) return refuse(300001, 'token is not exist');
		if (!options.secret) return null;
		const timestamp = Number(query.get('timestamp'));
		if (!timestamp || Math.abs(Date.now() - timestamp) > 3_600_000)
			return refuse(310000, 'sign not match, timestamp is missing or too far');
		const expected = createHmac('sha256', options.secret)
			.update(`${timestamp}\n${options.secret}`)
			.digest('base64');
		return query.get('sign') === expected ? null : refuse(310000, 'sign not match');
	};
	const server = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://robot');
		const text = await readBody(req);
		let body: unknown;
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
		let answer = req.method === 'POST' ? judge(url.searchParams) : { status: 405 };
		if (!answer) {
			const request = { query: url.searchParams, body };
			requests.push(request);
			for (const resolve of waiting) resolve(request);
			waiting = [];
			answer = answers.shift() ?? { status: 200, body: { errcode: 0, errmsg: 'ok' } };
		}
		if (answer.hang) return;
		res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
		res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const path = kind === 'wecom' ? '/cgi-bin/webhook/send' : '/robot/send';
	const param = kind === 'wecom' ? 'key' : 'access_token';
	return {
		url: `http://127.0.0.1:${port}${path}?${param}=${token}`,
		requests,
		answers,
		nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}
