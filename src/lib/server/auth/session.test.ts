// Session tokens against a real store (tempStore: a SQLite file, or a PostgreSQL database when the
// run names one): how they are stored, validated, renewed, and ended.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore } from '../db/testing.ts';
import { tables } from '../db/index.ts';
import { createUser } from './accounts.ts';
import {
	SESSION_COOKIE,
	SESSION_LIFETIME,
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	sessionIdFromToken,
	tokenFromCookieHeader,
	validateSessionToken
} from './session.ts';

const DAY = 86_400_000;
let t: Awaited<ReturnType<typeof tempStore>>;
let userId: string;

beforeEach(async () => {
	t = await tempStore();
	userId = (
		await createUser(t.db, { username: 'li.min', displayName: '李敏', password: 'correct horse' })
	).id;
});
afterEach(() => t.cleanup());

describe('session tokens', () => {
	it('are random, 32 base32 characters', () => {
		const a = generateSessionToken();
		expect(a).toMatch(/^[a-z2-7]{32}$/);
		expect(generateSessionToken()).not.toBe(a);
	});

	it('are stored only as their SHA-256', async () => {
		const token = generateSessionToken();
		await createSession(t.db, token, userId);
		const { sessions } = tables(t.db);
		const rows = await t.db.select({ id: sessions.id }).from(sessions);
		expect(rows).toEqual([{ id: sessionIdFromToken(token) }]);
		expect(rows[0]!.id).not.toContain(token);
		expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
	});

	it('validate to their user', async () => {
		const token = generateSessionToken();
		await createSession(t.db, token, userId);
		const { session, user } = await validateSessionToken(t.db, token);
		expect(session?.userId).toBe(userId);
		expect(user).toMatchObject({
			id: userId,
			username: 'li.min',
			displayName: '李敏',
			isAdmin: false
		});
	});

	it('do not validate when unknown or tampered with', async () => {
		const token = generateSessionToken();
		await createSession(t.db, token, userId);
		expect((await validateSessionToken(t.db, generateSessionToken())).user).toBeNull();
		expect(
			(await validateSessionToken(t.db, token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a')))
				.user
		).toBeNull();
	});

	it('expire after their lifetime and are then deleted', async () => {
		const token = generateSessionToken();
		const now = Date.now();
		await createSession(t.db, token, userId, now);
		expect(
			(await validateSessionToken(t.db, token, now + SESSION_LIFETIME - 1)).user
		).not.toBeNull();
		// That use renewed it; a use past the renewed expiry fails.
		expect((await validateSessionToken(t.db, token, now + 3 * SESSION_LIFETIME)).user).toBeNull();
		expect(await t.db.select().from(tables(t.db).sessions)).toEqual([]);
	});

	it('slide: a session used in the second half of its life is extended', async () => {
		const token = generateSessionToken();
		const now = Date.now();
		const created = await createSession(t.db, token, userId, now);
		const early = await validateSessionToken(t.db, token, now + DAY);
		expect(early.session?.expiresAt.getTime()).toBe(created.expiresAt.getTime());
		const late = await validateSessionToken(t.db, token, now + 20 * DAY);
		expect(late.session?.expiresAt.getTime()).toBe(now + 20 * DAY + SESSION_LIFETIME);
	});

	it('end on sign-out, one or all of a user', async () => {
		const a = generateSessionToken();
		const b = generateSessionToken();
		const sa = await createSession(t.db, a, userId);
		await createSession(t.db, b, userId);
		await invalidateSession(t.db, sa.id);
		expect((await validateSessionToken(t.db, a)).user).toBeNull();
		expect((await validateSessionToken(t.db, b)).user).not.toBeNull();
		await invalidateUserSessions(t.db, userId);
		expect((await validateSessionToken(t.db, b)).user).toBeNull();
	});

	it('are read from a Cookie header', () => {
		expect(tokenFromCookieHeader(`a=1; ${SESSION_COOKIE}=abc; b=2`)).toBe('abc');
		expect(tokenFromCookieHeader('a=1')).toBeNull();
		expect(tokenFromCookieHeader(undefined)).toBeNull();
		expect(tokenFromCookieHeader(`${SESSION_COOKIE}=`)).toBeNull();
		expect(tokenFromCookieHeader(`${SESSION_COOKIE}=%E0%A4%A`)).toBeNull();
	});
});
