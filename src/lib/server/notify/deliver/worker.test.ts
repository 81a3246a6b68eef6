// The outbox and its worker on both stores (unit: SQLite, unit-pg: PostgreSQL), sending through the
// real channels (sendByChannel, the settings in the store) to a real SMTP server and a local robot:
// sent and recorded; retried with backoff, then sent; given up for good, recorded; a claim of a
// node that died taken again; two workers on one store sending each delivery once; a store that
// fails, logged, never thrown; and nothing secret in the log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { first, openStore, tables, type Db, type Store } from '../../db/index.ts';
import { tempStore } from '../../db/testing.ts';
import { twoCouncils } from '../../council/testing.ts';
import { freePort } from '../../../../../tests/helpers/engines.ts';
import { addWebhook, saveSmtpSettings, updateWebhook } from '../settings.ts';
import { sendByChannel } from './channels.ts';
import { claimDue, enqueue, MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelay } from './outbox.ts';
import { startRobot, startSmtpServer, type TestRobot, type TestSmtpServer } from './testing.ts';
import { DeliveryWorker, type DeliveryWorkerOptions } from './worker.ts';
import { createApp } from '../../app.ts';

const FIRST_RETRY_MS = RETRY_DELAYS_MS[0]!;

let db: Db;
let location: string;
let councilId: string;
let cleanup: () => Promise<void>;
let closing: (() => Promise<void>)[];
let logLines: string[];
/** The workers' clock, moved by the tests. */
let clock: number;

beforeEach(async () => {
	({ db, location, cleanup } = await tempStore());
	({ councilId } = await twoCouncils(db));
	closing = [];
	logLines = [];
	// A little ahead of real time: what is enqueued now is due.
	clock = Date.now() + 1000;
});
afterEach(async () => {
	for (const close of closing.reverse()) await close();
	await cleanup();
});

function worker(more: Partial<DeliveryWorkerOptions> = {}): DeliveryWorker {
	const log = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
	const made = new DeliveryWorker({
		db,
		log,
		send: sendByChannel(more.db ?? db),
		now: () => new Date(clock),
		random: () => 0.5,
		...more
	});
	closing.push(() => made.stop());
	return made;
}

async function robot(kind: 'wecom' | 'dingtalk', secret?: string): Promise<TestRobot> {
	const started = await startRobot(kind, { secret });
	closing.push(() => started.close());
	return started;
}

async function smtp(options: Parameters<typeof startSmtpServer>[0] = {}): Promise<TestSmtpServer> {
	const started = await startSmtpServer(options);
	closing.push(() => started.close());
	return started;
}

async function useSmtp(port: number) {
	await saveSmtpSettings(db, {
		host: '127.0.0.1',
		port,
		security: 'none',
		user: 'mailer',
		password: 'smtp-password-never-logged',
		fromAddress: 'noreply@xingfuli.example',
		fromName: '幸福里社区党建联席会'
	});
}

const message = (n = 1) => ({
	title: `提醒 ${n}`,
	text: `第 ${n} 条：楼道照明改造 7 天后到期`,
	link: { url: 'https://gongjian.example/boards/b1', label: '查看详情' }
});

async function row(id: string) {
	const { deliveries } = tables(db);
	const found = await first(db.select().from(deliveries).where(eq(deliveries.id, id)));
	if (!found) throw new Error(`no delivery ${id}`);
	return found;
}

describe('the delivery worker', () => {
	it('sends what is due to a robot and to a mail server, and records it', async () => {
		const wecom = await robot('wecom');
		const webhook = await addWebhook(db, councilId, { kind: 'wecom', url: wecom.url });
		const mail = await smtp({ login: { user: 'mailer', password: 'smtp-password-never-logged' } });
		await useSmtp(mail.port);
		const toGroup = await enqueue(db, { channel: 'wecom', target: webhook, message: message(1) });
		const toPerson = await enqueue(db, {
			channel: 'email',
			target: 'rep@wuye.example',
			message: message(2),
			notificationId: 'n1'
		});
		const later = await enqueue(db, {
			channel: 'wecom',
			target: webhook,
			message: message(3),
			at: new Date(clock + 60_000)
		});

		expect(await worker().runOnce()).toEqual({ sent: 2, retrying: 0, gaveUp: 0 });
		expect(wecom.requests).toHaveLength(1);
		expect(mail.received.map((m) => m.to)).toEqual([['rep@wuye.example']]);
		for (const id of [toGroup, toPerson])
			expect(await row(id)).toMatchObject({
				attempts: 1,
				sentAt: new Date(clock),
				nextAttemptAt: null,
				claimedBy: null,
				givenUpAt: null
			});
		expect((await row(toPerson)).notificationId).toBe('n1');
		expect(await row(later)).toMatchObject({ attempts: 0, sentAt: null });
		// Sent once: nothing more goes until the later one is due.
		expect(await worker().runOnce()).toEqual({ sent: 0, retrying: 0, gaveUp: 0 });
		clock += 60_000;
		expect((await worker().runOnce()).sent).toBe(1);
		expect(wecom.requests).toHaveLength(2);
	});

	it('tries again after a 500, with backoff, then sends', async () => {
		const dingtalk = await robot('dingtalk', 'SECsecret');
		const webhook = await addWebhook(db, councilId, {
			kind: 'dingtalk',
			url: dingtalk.url,
			secret: 'SECsecret'
		});
		dingtalk.answers.push({ status: 500, body: 'Internal Server Error' });
		const id = await enqueue(db, { channel: 'dingtalk', target: webhook, message: message() });
		const sender = worker();

		expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 1, gaveUp: 0 });
		const waiting = await row(id);
		expect(waiting).toMatchObject({ attempts: 1, sentAt: null, claimedBy: null });
		expect(waiting.lastError).toBe('the robot answered HTTP 500');
		// random 0.5: the first delay as it is, 30 s.
		expect(waiting.nextAttemptAt).toEqual(new Date(clock + FIRST_RETRY_MS));

		clock += FIRST_RETRY_MS - 1;
		expect((await sender.runOnce()).sent).toBe(0);
		clock += 1;
		expect((await sender.runOnce()).sent).toBe(1);
		expect(dingtalk.requests).toHaveLength(2);
		expect(await row(id)).toMatchObject({ attempts: 2, sentAt: new Date(clock) });
	});

	it('gives up at once on a robot that refuses for good, and records why', async () => {
		const wecom = await robot('wecom');
		const webhook = await addWebhook(db, councilId, { kind: 'wecom', url: wecom.url });
		wecom.answers.push({ body: { errcode: 40008, errmsg: 'invalid message type' } });
		const id = await enqueue(db, { channel: 'wecom', target: webhook, message: message() });

		expect(await worker().runOnce()).toEqual({ sent: 0, retrying: 0, gaveUp: 1 });
		expect(await row(id)).toMatchObject({
			attempts: 1,
			sentAt: null,
			nextAttemptAt: null,
			givenUpAt: new Date(clock),
			lastError: 'the robot refused: errcode 40008 invalid message type'
		});
		clock += 24 * 60 * 60_000;
		expect(await worker().runOnce()).toEqual({ sent: 0, retrying: 0, gaveUp: 0 });
		expect(wecom.requests).toHaveLength(1);
	});

	it('gives up on a recipient the mail server refuses, and records it', async () => {
		const mail = await smtp({ refuse: { 'gone@wuye.example': 550 } });
		await useSmtp(mail.port);
		const id = await enqueue(db, {
			channel: 'email',
			target: 'gone@wuye.example',
			message: message()
		});

		expect(await worker().runOnce()).toEqual({ sent: 0, retrying: 0, gaveUp: 1 });
		const given = await row(id);
		expect(given.givenUpAt).toEqual(new Date(clock));
		expect(given.lastError).toContain('550');
		expect(mail.received).toHaveLength(0);
	});

	it('tries again later while the mail server is down, and sends once it is up', async () => {
		const port = await freePort();
		await useSmtp(port);
		const id = await enqueue(db, {
			channel: 'email',
			target: 'rep@wuye.example',
			message: message()
		});
		const sender = worker();

		expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 1, gaveUp: 0 });
		expect((await row(id)).lastError).toContain('ECONNREFUSED');
		const mail = await smtp({ port });
		clock += FIRST_RETRY_MS;
		expect((await sender.runOnce()).sent).toBe(1);
		expect(mail.received).toHaveLength(1);
	});

	it('gives up after its last attempt, about a day after the first', async () => {
		const id = await enqueue(db, {
			channel: 'email',
			target: 'rep@wuye.example',
			message: message()
		});
		await useSmtp(await freePort());
		const sender = worker();
		const firstAt = clock;
		for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
			expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 1, gaveUp: 0 });
			clock = (await row(id)).nextAttemptAt!.getTime();
		}
		expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 0, gaveUp: 1 });
		const given = await row(id);
		expect(given).toMatchObject({ attempts: MAX_ATTEMPTS, nextAttemptAt: null });
		const hours = (given.givenUpAt!.getTime() - firstAt) / 3_600_000;
		expect(hours).toBeGreaterThan(20);
		expect(hours).toBeLessThan(26);
	});

	it('gives what is no longer set up (a robot turned off, no mail server) up at once', async () => {
		const wecom = await robot('wecom');
		const webhook = await addWebhook(db, councilId, { kind: 'wecom', url: wecom.url });
		await updateWebhook(db, councilId, webhook, { enabled: false });
		const off = await enqueue(db, { channel: 'wecom', target: webhook, message: message() });
		const gone = await enqueue(db, { channel: 'dingtalk', target: 'nope', message: message() });
		const noMail = await enqueue(db, {
			channel: 'email',
			target: 'a@b.example',
			message: message()
		});

		expect(await worker().runOnce()).toEqual({ sent: 0, retrying: 0, gaveUp: 3 });
		expect((await row(off)).lastError).toBe('the group robot is turned off');
		expect((await row(gone)).lastError).toBe('the group robot was removed');
		expect((await row(noMail)).lastError).toBe('no mail server is set up');
		expect(wecom.requests).toHaveLength(0);
	});

	it("takes again a delivery whose node died mid-send, once that node's claim has run out", async () => {
		const wecom = await robot('wecom');
		const webhook = await addWebhook(db, councilId, { kind: 'wecom', url: wecom.url });
		const id = await enqueue(db, { channel: 'wecom', target: webhook, message: message() });
		// A node claims it and is never heard from again.
		const claimMs = 60_000;
		const died = await claimDue(db, {
			claimer: 'dead-node',
			now: new Date(clock),
			claimMs,
			limit: 10
		});
		expect(died.map((d) => d.id)).toEqual([id]);

		const sender = worker({ claimMs });
		expect((await sender.runOnce()).sent).toBe(0);
		clock += claimMs;
		expect((await sender.runOnce()).sent).toBe(1);
		expect(wecom.requests).toHaveLength(1);
		// The attempt that died counts.
		expect(await row(id)).toMatchObject({ attempts: 2, claimedBy: null });
	});

	it('gives up a delivery whose last attempt died with its node', async () => {
		const id = await enqueue(db, {
			channel: 'email',
			target: 'rep@wuye.example',
			message: message()
		});
		const { deliveries } = tables(db);
		await db
			.update(deliveries)
			.set({ attempts: MAX_ATTEMPTS - 1 })
			.where(eq(deliveries.id, id));
		await claimDue(db, { claimer: 'dead-node', now: new Date(clock), claimMs: 1000, limit: 10 });
		clock += 1000;
		expect(await worker().runOnce()).toEqual({ sent: 0, retrying: 0, gaveUp: 1 });
		expect(await row(id)).toMatchObject({
			attempts: MAX_ATTEMPTS,
			nextAttemptAt: null,
			lastError: 'no answer from the last attempt'
		});
	});

	it('on two nodes over one store, sends each delivery exactly once', async () => {
		const wecom = await robot('wecom');
		const webhook = await addWebhook(db, councilId, { kind: 'wecom', url: wecom.url });
		const count = 40;
		for (let n = 0; n < count; n++)
			await enqueue(db, { channel: 'wecom', target: webhook, message: message(n) });
		// The second node has its own connection(s) to the store, as another process would.
		const other: Store = await openStore(location);
		closing.push(() => other.close());
		const a = worker({ batchSize: 7 });
		const b = worker({ db: other.db, batchSize: 7 });
		let sent = 0;
		for (let round = 0; round < 20 && sent < count; round++) {
			const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
			sent += ra.sent + rb.sent;
			expect(ra.retrying + rb.retrying + ra.gaveUp + rb.gaveUp).toBe(0);
		}
		expect(sent).toBe(count);
		const titles = wecom.requests.map(
			(r) => (r.body as { markdown: { content: string } }).markdown.content.split('\n')[0]
		);
		expect(titles).toHaveLength(count);
		expect(new Set(titles).size).toBe(count);
	});

	it('claims disjoint batches for claimers at the same moment, on their own connections', async () => {
		const count = 60;
		for (let n = 0; n < count; n++)
			await enqueue(db, { channel: 'email', target: `r${n}@wuye.example`, message: message(n) });
		const handles = [db];
		for (let i = 0; i < 3; i++) {
			const other = await openStore(location);
			closing.push(() => other.close());
			handles.push(other.db);
		}
		const now = new Date(clock);
		const batches = await Promise.all(
			handles.flatMap((handle, i) =>
				[0, 1].map((j) =>
					claimDue(handle, { claimer: `node-${i}-${j}`, now, claimMs: 60_000, limit: 12 })
				)
			)
		);
		const ids = batches.flat().map((d) => d.id);
		expect(ids.length).toBeGreaterThan(12);
		expect(new Set(ids).size).toBe(ids.length);
		expect(batches.flat().every((d) => d.attempts === 1)).toBe(true);
		// What none of them took is still there to take, and only that.
		const rest = await claimDue(db, { claimer: 'last', now, claimMs: 60_000, limit: count });
		expect(rest.length).toBe(count - ids.length);
		expect(rest.some((d) => ids.includes(d.id))).toBe(false);
	});

	it('never throws when the store fails: it logs and carries on', async () => {
		const other = await openStore(location);
		const sender = worker({ db: other.db, send: sendByChannel(other.db) });
		await enqueue(db, { channel: 'email', target: 'rep@wuye.example', message: message() });
		await other.close();
		expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 0, gaveUp: 0 });
		expect(logLines.some((line) => line.includes('could not read the outbox'))).toBe(true);
	});

	it('stops a send that takes too long when it stops, and it is tried again later', async () => {
		const wecom = await robot('wecom');
		const webhook = await addWebhook(db, councilId, { kind: 'wecom', url: wecom.url });
		wecom.answers.push({ hang: true });
		const id = await enqueue(db, { channel: 'wecom', target: webhook, message: message() });
		const sender = worker({ intervalMs: 20 });
		const arrived = wecom.nextRequest();
		sender.start();
		await arrived;
		const started = Date.now();
		await sender.stop(200);
		expect(Date.now() - started).toBeLessThan(2_000);
		const stopped = await row(id);
		expect(stopped).toMatchObject({ attempts: 1, sentAt: null, givenUpAt: null });
		expect(stopped.lastError).toBe('the robot could not be reached: stopped');
		expect(stopped.nextAttemptAt).not.toBeNull();
	});

	it('logs and records which delivery, never the address, URL, key or password', async () => {
		const wecom = await robot('wecom');
		const webhook = await addWebhook(db, councilId, { kind: 'wecom', url: wecom.url });
		wecom.answers.push({ status: 503 });
		const mail = await smtp({ refuse: { 'secret-person@wuye.example': 550 } });
		await useSmtp(mail.port);
		await enqueue(db, { channel: 'wecom', target: webhook, message: message() });
		await enqueue(db, {
			channel: 'email',
			target: 'secret-person@wuye.example',
			message: message()
		});
		await worker().runOnce();
		expect(logLines.length).toBeGreaterThanOrEqual(2);
		const log = logLines.join('\n');
		for (const secret of ['robot-key-0123456789', 'secret-person', 'smtp-password-never-logged'])
			expect(log).not.toContain(secret);
		// Nor the record of why: the mail server's reply named the address.
		const { deliveries } = tables(db);
		const errors = (await db.select().from(deliveries)).map((d) => d.lastError).join('\n');
		expect(errors).toContain('550');
		expect(errors).toContain('<recipient>');
		expect(errors).not.toContain('secret-person');
	});
});

describe("the app's delivery worker", () => {
	it('runs on its own and stops with the app', { timeout: 15_000 }, async () => {
		const wecom = await robot('wecom');
		const webhook = await addWebhook(db, councilId, { kind: 'wecom', url: wecom.url });
		const app = await createApp({ database: location, log: pino({ level: 'silent' }) });
		const arrived = wecom.nextRequest();
		const id = await enqueue(db, { channel: 'wecom', target: webhook, message: message() });
		await arrived;
		// Closing lets the send under way finish and be recorded.
		await app.close();
		expect(await row(id)).toMatchObject({ attempts: 1, lastError: null });
		expect((await row(id)).sentAt).not.toBeNull();
	});
});

describe('the retry delays', () => {
	it('grow from 30 s to 12 h, each within a fifth either way, and end', () => {
		expect(retryDelay(1, () => 0)).toBe(24_000);
		expect(retryDelay(1, () => 0.999_999)).toBeCloseTo(36_000, -1);
		expect(retryDelay(7, () => 0.5)).toBe(12 * 3_600_000);
		expect(retryDelay(MAX_ATTEMPTS, () => 0.5)).toBeNull();
	});
});
