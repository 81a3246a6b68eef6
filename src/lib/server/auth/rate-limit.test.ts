import { describe, expect, it } from 'vitest';
import { createLoginLimiter, FailureCounter } from './rate-limit.ts';

describe('FailureCounter', () => {
	it('blocks after max failures until the window ends', () => {
		const c = new FailureCounter({ max: 3, windowMs: 1000 });
		c.fail('k', 0);
		c.fail('k', 10);
		expect(c.retryAfter('k', 20)).toBe(0);
		c.fail('k', 20);
		expect(c.retryAfter('k', 30)).toBe(970);
		expect(c.retryAfter('k', 1000)).toBe(0);
		expect(c.retryAfter('other', 30)).toBe(0);
	});
});

describe('login limiter', () => {
	it('limits per username, whatever the IP', () => {
		const l = createLoginLimiter();
		for (let i = 0; i < 5; i++) expect(l.attempt('Li.Min', `10.0.0.${i}`)).toBe(0);
		expect(l.attempt('li.min', '10.0.0.99')).toBeGreaterThan(0);
		expect(l.attempt('someone', '10.0.0.99')).toBe(0);
	});

	it('limits per IP, whatever the username', () => {
		const l = createLoginLimiter();
		for (let i = 0; i < 20; i++) l.attempt(`user${i}`, '192.0.2.1');
		expect(l.attempt('fresh-user', '192.0.2.1')).toBeGreaterThan(0);
		expect(l.attempt('fresh-user', '192.0.2.2')).toBe(0);
	});

	it('counts an attempt as it starts, so parallel attempts cannot exceed the limit', () => {
		const l = createLoginLimiter();
		const started = Array.from({ length: 60 }, () => l.attempt('li', '1.1.1.1'));
		expect(started.filter((wait) => wait === 0)).toHaveLength(5);
	});

	it('forgives a successful sign-in', () => {
		const l = createLoginLimiter();
		for (let i = 0; i < 4; i++) l.attempt('li', '1.1.1.1');
		l.attempt('li', '1.1.1.1');
		l.succeed('li', '1.1.1.1');
		expect(l.attempt('li', '2.2.2.2')).toBe(0);
	});
});
