// Accounts on either store: a username is one person's, whatever the case it is typed in, and one
// taken between a form's check and the insert (someone signing up at the same moment, here or on
// another node) is refused as taken, with nothing inserted, rather than failing as an error.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../../../tests/helpers/store.ts';
import type { Db } from '../db/index.ts';
import { findUserByUsername, insertUser, userCount, UsernameTaken } from './accounts.ts';

let db: Db;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	const opened = await openTestStore();
	db = opened.store.db;
	cleanup = opened.cleanup;
});
afterEach(() => cleanup());

const account = (username: string, displayName: string) => ({
	username,
	displayName,
	passwordHash: 'not-a-real-hash'
});

describe('a username taken meanwhile', () => {
	it('is refused as taken, whatever its case, and the first account stays as it was', async () => {
		const first = await insertUser(db, account('zhaolei', '赵磊'));
		await expect(insertUser(db, account('ZhaoLei', '赵雷'))).rejects.toBeInstanceOf(UsernameTaken);
		expect(await userCount(db)).toBe(1);
		expect(await findUserByUsername(db, 'zhaolei')).toMatchObject({
			id: first.id,
			displayName: '赵磊'
		});
	});

	it('is refused inside a transaction too, which the caller may then end as it chooses', async () => {
		await insertUser(db, account('zhaolei', '赵磊'));
		const outcome = await db
			.transaction(async (tx) => {
				await insertUser(tx, account('zhaolei', '赵雷'));
				return 'inserted';
			})
			.catch((err: unknown) => (err instanceof UsernameTaken ? 'taken' : 'failed'));
		expect(outcome).toBe('taken');
		expect(await userCount(db)).toBe(1);
	});
});
