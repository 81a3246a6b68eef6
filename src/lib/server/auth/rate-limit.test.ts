// The rate limits, in memory and in a real Redis (one contract), and shared by two apps (two nodes)
// on one store and one Redis: ten nodes must not give ten times the attempts, and a Redis that is
// away refuses sign-ins instead of letting them through uncounted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createClient } from 'redis';
import { startRedis, type RunningRedis } from '../../../../tests/helpers/engines.ts';
import { newTestStore, type TestStore } from '../../../../tests/helpers/store.ts';
import { createApp, type App } from '../app.ts';
import { createUser } from './accounts.ts';
import { checkCredentials } from './sign-in.ts';
import {
	createLimiter,
	createLoginLimiter,
	LimitsUnavailable,
	MemoryCounts,
	RedisCounts,
	type Counts
} from './rate-limit.ts';
import type { Redis } from '../redis.ts';

const silent = pino({ level: 'silent' });
let redis: RunningRedis;
let client: Redis;

beforeAll(async () => {
	redis = await startRedis();
	client = createClient({ url: redis.url });
	await client.connect();
});
afterAll(async () => {
	await client?.close();
	await redis?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('MemoryCounts', () => {
	it('blocks after max attempts until the window ends', async () => {
		let now = 0;
		const counts = new MemoryCounts(() => now);
		const limit = { max: 3, windowMs: 1000 };
		const k = [{ key: 'k', limit }];
		expect(await counts.take(k)).toBe(0);
		now = 10;
		expect(await counts.take(k)).toBe(0);
		now = 20;
		expect(await counts.take(k)).toBe(0);
		now = 30;
		expect(await counts.take(k)).toBe(970);
		now = 1000;
		expect(await counts.take(k)).toBe(0);
		expect(await counts.take([{ key: 'other', limit }])).toBe(0);
	});
});

describe.each([
	['in memory', () => new MemoryCounts()],
	['in Redis', () => new RedisCounts(client, silent)]
])('counts %s', (_name, make: () => Counts) => {
	// Each test its own keys: the Redis is shared by the file.
	const id = () => crypto.randomUUID();

	it('blocks after max attempts until the window ends, then counts afresh', async () => {
		const counts = make();
		const k = [{ key: id(), limit: { max: 3, windowMs: 300 } }];
		for (let i = 0; i < 3; i++) expect(await counts.take(k)).toBe(0);
		const wait = await counts.take(k);
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(300);
		await sleep(wait + 20);
		expect(await counts.take(k)).toBe(0);
	});

	it('counts nothing when one key is at its limit, and waits for the longest', async () => {
		const counts = make();
		const a = { key: id(), limit: { max: 1, windowMs: 60_000 } };
		const b = { key: id(), limit: { max: 5, windowMs: 60_000 } };
		expect(await counts.take([a, b])).toBe(0);
		expect(await counts.take([a, b])).toBeGreaterThan(59_000);
		// b was counted once, by the attempt that went ahead.
		for (let i = 0; i < 4; i++) expect(await counts.take([b])).toBe(0);
		expect(await counts.take([b])).toBeGreaterThan(0);
	});

	it('forgives one attempt, never below none, and clears', async () => {
		const counts = make();
		const key = id();
		const k = [{ key, limit: { max: 2, windowMs: 60_000 } }];
		await counts.forgive(key);
		await counts.take(k);
		await counts.take(k);
		expect(await counts.take(k)).toBeGreaterThan(0);
		await counts.forgive(key);
		await counts.forgive(key);
		await counts.forgive(key);
		expect(await counts.take(k)).toBe(0);
		expect(await counts.take(k)).toBe(0);
		expect(await counts.take(k)).toBeGreaterThan(0);
		await counts.clear(key);
		expect(await counts.take(k)).toBe(0);
	});

	describe('login limiter', () => {
		it('limits per username, whatever the IP', async () => {
			const l = createLoginLimiter(make());
			const name = id();
			for (let i = 0; i < 5; i++) expect(await l.attempt(`Li.${name}`, `10.0.0.${i}`)).toBe(0);
			expect(await l.attempt(`li.${name}`, '10.0.0.99')).toBeGreaterThan(0);
			expect(await l.attempt(`someone.${name}`, '10.0.0.99')).toBe(0);
		});

		it('limits per IP, whatever the username', async () => {
			const l = createLoginLimiter(make());
			const ip = id();
			for (let i = 0; i < 20; i++) await l.attempt(`user${i}`, ip);
			expect(await l.attempt(`fresh-${id()}`, ip)).toBeGreaterThan(0);
			expect(await l.attempt(`fresh-${id()}`, id())).toBe(0);
		});

		it('counts an attempt as it starts, so parallel attempts cannot exceed the limit', async () => {
			const l = createLoginLimiter(make());
			const name = id();
			const started = await Promise.all(Array.from({ length: 60 }, () => l.attempt(name, id())));
			expect(started.filter((wait) => wait === 0)).toHaveLength(5);
		});

		it('forgives a successful sign-in', async () => {
			const l = createLoginLimiter(make());
			const [name, ip] = [id(), id()];
			for (let i = 0; i < 5; i++) await l.attempt(name, ip);
			await l.succeed(name, ip);
			expect(await l.attempt(name, id())).toBe(0);
		});
	});
});

describe('RedisCounts with Redis away', () => {
	it('refuses (LimitsUnavailable) at once, and counts again once Redis is back', async () => {
		const other = await startRedis();
		const app = await createApp({ database: ':memory:', redis: other.url, log: silent });
		try {
			const limiter = createLimiter(new RedisCounts(app.redis!, silent), 'test', {
				max: 1,
				windowMs: 60_000
			});
			expect(await limiter.attempt('x')).toBe(0);
			await other.pause();
			const started = performance.now();
			await expect(limiter.attempt('y')).rejects.toBeInstanceOf(LimitsUnavailable);
			expect(performance.now() - started).toBeLessThan(1500);
			await other.resume();
			await expect.poll(() => limiter.attempt('y').catch(() => -1), { timeout: 10_000 }).toBe(0);
		} finally {
			await app.close();
			await other.stop();
		}
	});
});

describe('two nodes on one store and one Redis', () => {
	let place: TestStore;
	let nodes: [App, App];
	let shared: RunningRedis;

	beforeAll(async () => {
		shared = await startRedis();
		place = await newTestStore();
		const node = () => createApp({ database: place.location, redis: shared.url, log: silent });
		nodes = [await node(), await node()];
		await createUser(nodes[0].db, {
			username: 'zhao',
			displayName: '赵',
			password: 'right-password'
		});
	}, 30_000);
	afterAll(async () => {
		for (const node of nodes ?? []) await node.close();
		await place?.drop();
		await shared?.stop();
	});

	it('gives five wrong passwords per username across both, not five each', async () => {
		const results = [];
		for (let i = 0; i < 8; i++)
			results.push(await checkCredentials(nodes[i % 2]!, 'zhao', 'wrong', `198.51.100.${i}`));
		expect(results.map((r) => (r.ok ? 'ok' : r.error))).toEqual([
			...Array<string>(5).fill('invalid'),
			...Array<string>(3).fill('rateLimited')
		]);
		// The right password too waits for the window: no password is checked past the limit.
		const right = await checkCredentials(nodes[1], 'zhao', 'right-password', '198.51.100.9');
		expect(right).toMatchObject({ ok: false, error: 'rateLimited' });
	});

	it('gives ten accounts per IP across both', async () => {
		const waits = [];
		for (let i = 0; i < 12; i++)
			waits.push(await nodes[i % 2]!.signupLimiter.attempt('203.0.113.7'));
		expect(waits.filter((w) => w === 0)).toHaveLength(10);
	});

	it('refuses sign-ins while Redis is away, and signs in once it is back', async () => {
		const signIn = (node: App) => checkCredentials(node, 'zhao', 'right-password', '198.51.100.20');
		// Empty once back: the window of the first test is gone. Until both nodes have reconnected,
		// they refuse too.
		await shared.restart();
		for (const node of nodes)
			await expect.poll(async () => (await signIn(node)).ok, { timeout: 10_000 }).toBe(true);
		await shared.pause();
		for (const node of nodes) {
			expect(await signIn(node)).toEqual({
				ok: false,
				error: 'unavailable'
			});
			expect(await checkCredentials(node, 'zhao', 'wrong', '198.51.100.21')).toEqual({
				ok: false,
				error: 'unavailable'
			});
			await expect(node.signupLimiter.attempt('203.0.113.8')).rejects.toBeInstanceOf(
				LimitsUnavailable
			);
		}
		await shared.resume();
		for (const node of nodes)
			await expect.poll(async () => (await signIn(node)).ok, { timeout: 10_000 }).toBe(true);
	});
});
