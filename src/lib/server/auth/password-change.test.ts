import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp, type App } from '../app.ts';
import { createUser, findUserByUsername } from './accounts.ts';
import { passwordResets } from '../db/schema.ts';
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

let dir: string;
let app: App;
let person: { id: string };
let admin: { id: string };

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'gongjian-password-'));
	app = await createApp({ databasePath: join(dir, 'test.db'), log: pino({ level: 'silent' }) });
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
afterEach(() => {
	app.close();
	rmSync(dir, { recursive: true, force: true });
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
		const here = signIn(person.id);
		const phone = signIn(person.id);
		const adminSession = signIn(admin.id);
		await setPassword(app, person.id, 'new-password', here.session.id);
		expect(await verifyPassword(hashOf(), 'new-password')).toBe(true);
		expect(await verifyPassword(hashOf(), 'old-password')).toBe(false);
		expect(signedIn(here.token)).toBe(true);
		expect(signedIn(phone.token)).toBe(false);
		expect(signedIn(adminSession.token)).toBe(true);
	});

	it('signing out everywhere ends every session of the person', () => {
		const sessions = [signIn(person.id), signIn(person.id)];
		await endSessions(app, person.id);
		for (const s of sessions) expect(signedIn(s.token)).toBe(false);
	});
});

describe('a reset link', () => {
	it('stores only its hash, works once and ends every session', async () => {
		const session = signIn(person.id);
		const { token } = await createPasswordReset(app.db, person.id, admin.id);
		const stored = app.db.select().from(passwordResets).all();
		expect(stored).toHaveLength(1);
		expect(stored[0]!.id).not.toContain(token);
		expect(await inspectPasswordReset(app.db, token)).toMatchObject({
			userId: person.id,
			displayName: '孙倩'
		});

		expect(await usePasswordReset(app, token, 'reset-password')).toBe(true);
		expect(await verifyPassword(hashOf(), 'reset-password')).toBe(true);
		expect(signedIn(session.token)).toBe(false);
		expect(await inspectPasswordReset(app.db, token)).toBeNull();
		expect(await usePasswordReset(app, token, 'second-try-pw')).toBe(false);
		expect(await verifyPassword(hashOf(), 'reset-password')).toBe(true);
	});

	it('is used once even when submitted twice at the same moment', async () => {
		const { token } = await createPasswordReset(app.db, person.id, admin.id);
		const results = await Promise.all([
			await usePasswordReset(app, token, 'first-password'),
			await usePasswordReset(app, token, 'other-password')
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
