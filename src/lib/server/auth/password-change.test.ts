// Changing a password and reset links, through a real app on its own store: which sessions end, and
// that a link works once, only until it expires or a newer one is made.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createApp, type App } from '../app.ts';
import { createUser, findUserByUsername } from './accounts.ts';
import { tables } from '../db/index.ts';
import { newTestStore, type TestStore } from '../../../../tests/helpers/store.ts';
import { verifyPassword } from './password.ts';
import { createSession, generateSessionToken, validateSessionToken } from './session.ts';
import {
	RESET_LINK_LIFETIME_MS,
	createPasswordReset,
	endSessions,
	inspectPasswordReset,
	setPassword,
	usePasswordReset
} from './password-change.ts';

let place: TestStore;
let app: App;
let person: { id: string };
let admin: { id: string };

beforeEach(async () => {
	place = await newTestStore();
	app = await createApp({ database: place.location, log: pino({ level: 'silent' }) });
	person = await createUser(app.db, {
		username: 'sunqian',
		displayName: '孙倩',
		password: 'old-password'
	});
	admin = await createUser(app.db, {
		username: 'admin',
		displayName: '管理员',
		password: 'admin-password',
		isAdmin: true
	});
});
afterEach(async () => {
	await app.close();
	await place.drop();
});

const signIn = async (userId: string) => {
	const token = generateSessionToken();
	return { token, session: await createSession(app.db, token, userId) };
};
const signedIn = async (token: string) =>
	(await validateSessionToken(app.db, token)).session !== null;
const hashOf = async () => (await findUserByUsername(app.db, 'sunqian'))!.passwordHash;

describe('changing one’s password', () => {
	it('sets the new password and ends the other sessions only', async () => {
		const here = await signIn(person.id);
		const phone = await signIn(person.id);
		const adminSession = await signIn(admin.id);
		await setPassword(app, person.id, 'new-password', here.session.id);
		expect(await verifyPassword(await hashOf(), 'new-password')).toBe(true);
		expect(await verifyPassword(await hashOf(), 'old-password')).toBe(false);
		expect(await signedIn(here.token)).toBe(true);
		expect(await signedIn(phone.token)).toBe(false);
		expect(await signedIn(adminSession.token)).toBe(true);
	});

	it('signing out everywhere ends every session of the person', async () => {
		const sessions = [await signIn(person.id), await signIn(person.id)];
		await endSessions(app, person.id);
		for (const s of sessions) expect(await signedIn(s.token)).toBe(false);
	});
});

describe('a reset link', () => {
	it('stores only its hash, works once and ends every session', async () => {
		const session = await signIn(person.id);
		const { token } = await createPasswordReset(app.db, person.id, admin.id);
		const stored = await app.db.select().from(tables(app.db).passwordResets);
		expect(stored).toHaveLength(1);
		expect(stored[0]!.id).not.toContain(token);
		expect(await inspectPasswordReset(app.db, token)).toMatchObject({
			userId: person.id,
			displayName: '孙倩'
		});

		expect(await usePasswordReset(app, token, 'reset-password')).toBe(true);
		expect(await verifyPassword(await hashOf(), 'reset-password')).toBe(true);
		expect(await signedIn(session.token)).toBe(false);
		expect(await inspectPasswordReset(app.db, token)).toBeNull();
		expect(await usePasswordReset(app, token, 'second-try-pw')).toBe(false);
		expect(await verifyPassword(await hashOf(), 'reset-password')).toBe(true);
	});

	it('is used once even when submitted twice at the same moment', async () => {
		const { token } = await createPasswordReset(app.db, person.id, admin.id);
		const results = await Promise.all([
			usePasswordReset(app, token, 'first-password'),
			usePasswordReset(app, token, 'other-password')
		]);
		expect(results.filter(Boolean)).toHaveLength(1);
	});

	it('stops working when it expires or a newer link is made', async () => {
		const now = Date.now();
		const expiring = await createPasswordReset(app.db, person.id, admin.id, now);
		expect(
			await inspectPasswordReset(app.db, expiring.token, now + RESET_LINK_LIFETIME_MS)
		).toBeNull();
		expect(
			await usePasswordReset(app, expiring.token, 'late-password', now + RESET_LINK_LIFETIME_MS + 1)
		).toBe(false);

		const older = await createPasswordReset(app.db, person.id, admin.id);
		const newer = await createPasswordReset(app.db, person.id, admin.id);
		expect(await inspectPasswordReset(app.db, older.token)).toBeNull();
		expect(await usePasswordReset(app, older.token, 'older-password')).toBe(false);
		expect(await usePasswordReset(app, newer.token, 'newer-password')).toBe(true);
		expect(await usePasswordReset(app, 'not-a-token', 'whatever-pw')).toBe(false);
	});
});
