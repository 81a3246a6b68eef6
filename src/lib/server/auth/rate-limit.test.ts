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
		for (let i = 0; i < 5; i++) l.fail('Li.Min', `10.0.0.${i}`);
		expect(l.retryAfter('li.min', '10.0.0.99')).toBeGreaterThan(0);
		expect(l.retryAfter('someone', '10.0.0.99')).toBe(0);
	});

	it('limits per IP, whatever the username', () => {
		const l = createLoginLimiter();
		for (let i = 0; i < 20; i++) l.fail(`user${i}`, '192.0.2.1');
		expect(l.retryAfter('fresh-user', '192.0.2.1')).toBeGreaterThan(0);
		expect(l.retryAfter('fresh-user', '192.0.2.2')).toBe(0);
	});

	it('forgets a username’s failures after a successful sign-in', () => {
		const l = createLoginLimiter();
		for (let i = 0; i < 4; i++) l.fail('li', '1.1.1.1');
		l.succeed('li');
		l.fail('li', '1.1.1.1');
		expect(l.retryAfter('li', '2.2.2.2')).toBe(0);
	});
});
