import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';

describe('passwords', () => {
	it('are hashed with argon2id, salted', async () => {
		const a = await hashPassword('幸福里 2026!');
		const b = await hashPassword('幸福里 2026!');
		expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('幸福里');
	});

	it('verify only the right password', async () => {
		const hash = await hashPassword('correct horse');
		expect(await verifyPassword(hash, 'correct horse')).toBe(true);
		expect(await verifyPassword(hash, 'correct horse ')).toBe(false);
		expect(await verifyPassword(hash, '')).toBe(false);
	});

	it('treat a malformed hash as a wrong password', async () => {
		expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
	});
});
