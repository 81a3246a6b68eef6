// The first-run setup code is the store's: two nodes starting at once on one empty store make one
// code and both print it; it creates one administrator, even when submitted on both at once; once
// used, no node starting later prints one or sends anyone to /setup. Runs on SQLite (unit) and on
// PostgreSQL (unit-pg), where the two apps are two connection pools racing for real. (SQLite is one
// node's store: its two submissions at once are made on one app, whose transactions take turns.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { newTestStore, testPostgres, type TestStore } from '../../../../tests/helpers/store.ts';
import { createApp, type App } from '../app.ts';
import { userCount } from './accounts.ts';
import { hashPassword } from './password.ts';
import { createFirstAdmin, sameSetupCode, standingSetupCode } from './setup.ts';

let place: TestStore;
let apps: App[];

beforeEach(async () => {
	place = await newTestStore();
	apps = [];
});
afterEach(async () => {
	for (const app of apps) await app.close();
	await place.drop();
});

/** A node on the test store, and the setup codes it logged. */
async function node(): Promise<{ app: App; codes: string[] }> {
	const codes: string[] = [];
	const log = pino(
		{ level: 'warn' },
		{
			write(line: string) {
				const code = (JSON.parse(line) as { setupCode?: string }).setupCode;
				if (code) codes.push(code);
			}
		}
	);
	const app = await createApp({ database: place.location, log });
	apps.push(app);
	return { app, codes };
}

const account = async (username: string) => ({
	username,
	displayName: username,
	passwordHash: await hashPassword('a-long-password')
});

describe('the setup code across nodes', () => {
	it('is made once by two nodes starting at once, and both print it', async () => {
		const [a, b] = await Promise.all([node(), node()]);
		expect(a.codes).toHaveLength(1);
		expect(b.codes).toEqual(a.codes);
		expect(await standingSetupCode(a.app.db)).toBe(a.codes[0]);
		expect(await a.app.setup.pending()).toBe(true);
		expect(await b.app.setup.pending()).toBe(true);
		// A third node starting while it stands prints the same code.
		expect((await node()).codes).toEqual(a.codes);
	});

	it('creates one administrator when submitted on both nodes at once', async () => {
		const a = await node();
		const b = testPostgres() ? await node() : a;
		const code = a.codes[0]!;
		const [one, two] = await Promise.all([
			createFirstAdmin(a.app.db, code, await account('first')),
			createFirstAdmin(b.app.db, code.toLowerCase(), await account('second'))
		]);
		expect([one, two].filter(Boolean)).toHaveLength(1);
		expect((one ?? two)?.isAdmin).toBe(true);
		expect(await userCount(a.app.db)).toBe(1);
		expect(await standingSetupCode(b.app.db)).toBeNull();
		// Used up: the other node hears it when it asks the store afresh (the setup page does).
		expect(await b.app.setup.pending({ fresh: true })).toBe(false);
		expect(await createFirstAdmin(b.app.db, code, await account('third'))).toBeNull();

		const later = await node();
		expect(later.codes).toEqual([]);
		expect(await later.app.setup.pending()).toBe(false);
	});

	it('refuses a wrong code and keeps the right one standing', async () => {
		const { app, codes } = await node();
		expect(await createFirstAdmin(app.db, 'WRONGCODE', await account('guess'))).toBeNull();
		expect(await standingSetupCode(app.db)).toBe(codes[0]);
		expect(await userCount(app.db)).toBe(0);
		expect(await createFirstAdmin(app.db, ` ${codes[0]} `, await account('admin'))).toMatchObject({
			username: 'admin',
			isAdmin: true
		});
	});

	it('compares codes as typed: any case, spaces', () => {
		expect(sameSetupCode('ABCD2345', 'abcd 2345')).toBe(true);
		expect(sameSetupCode('ABCD2345', 'ABCD234')).toBe(false);
		expect(sameSetupCode('ABCD2345', 'ABCD2346')).toBe(false);
	});
});
