// 首次运行 (first-run setup): while the store has no users, a one-time code printed in the server log
// lets whoever runs the server create the administrator at /setup. The code lives in the store (the
// one-row `setup_code` table), not in a process, so that every node of a cluster prints the same code
// and accepts it once: the first node to start on an empty store makes it, and the transaction that
// creates the administrator deletes it, so that two submissions (on two nodes) cannot both succeed.
import { timingSafeEqual } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { eq, notExists, TransactionRollbackError } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';
import { insertUser, userCount } from './accounts.ts';

/** The row's id: there is only ever this one. */
const ROW = 1;

/** At a node's start: the standing setup code, made now if there are no users and none stands yet,
 *  or null once there are users. Statement by statement, no transaction needed: two nodes starting
 *  at once insert the one row (the second insert does nothing) and read it back alike. An
 *  administrator created in between makes the code void (`standingSetupCode`, `createFirstAdmin`
 *  ask for no users), and the next node to start removes it. */
export async function ensureSetupCode(db: Db): Promise<string | null> {
	const { setupCode } = tables(db);
	if ((await userCount(db)) > 0) {
		await db.delete(setupCode).where(eq(setupCode.id, ROW));
		return null;
	}
	const code = encodeBase32UpperCaseNoPadding(crypto.getRandomValues(new Uint8Array(5)));
	await db.insert(setupCode).values({ id: ROW, code }).onConflictDoNothing();
	return standingSetupCode(db);
}

/** The code that stands now, or null: none, or there are users already. */
export async function standingSetupCode(db: Db): Promise<string | null> {
	const { setupCode, users } = tables(db);
	const row = await first(
		db
			.select({ code: setupCode.code })
			.from(setupCode)
			.where(notExists(db.select({ id: users.id }).from(users)))
	);
	return row?.code ?? null;
}

/** Whether `given` (as typed: any case, spaces) is `expected`, in constant time. */
export function sameSetupCode(expected: string, given: string): boolean {
	const a = Buffer.from(expected);
	const b = Buffer.from(given.toUpperCase().replace(/\s+/g, ''));
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Uses the code up and creates the administrator, in one transaction: null if the code is wrong,
 *  or was used meanwhile (here or on another node, whose transaction this one waits for). The
 *  password is hashed before, so that the transaction does not wait for argon2. */
export async function createFirstAdmin(
	db: Db,
	code: string,
	account: { username: string; displayName: string; passwordHash: string }
) {
	return db
		.transaction(async (tx) => {
			const { setupCode } = tables(tx);
			const taken = await first(
				tx.delete(setupCode).where(eq(setupCode.id, ROW)).returning({ code: setupCode.code })
			);
			if (!taken || !sameSetupCode(taken.code, code) || (await userCount(tx)) > 0) tx.rollback();
			return insertUser(tx, { ...account, isAdmin: true });
		})
		.catch((err: unknown) => {
			if (err instanceof TransactionRollbackError) return null;
			throw err;
		});
}

/** How long a node trusts what it last heard of the code before asking the store again. */
const RECHECK_MS = 2000;

/**
 * Whether setup is still to be done, as every page's redirect to /setup asks it: from the store, at
 * most every RECHECK_MS while a code stands, and never again once it is gone (a code is only made
 * at a node's start, on a store without users). `fresh` asks the store now (the setup page itself,
 * so that a node that heard late does not send people round between /setup and /login).
 */
export class SetupWatch {
	#db: Db;
	#done: boolean;
	#asked: { at: number; pending: Promise<boolean> } | null = null;

	constructor(db: Db, standing: boolean) {
		this.#db = db;
		this.#done = !standing;
	}

	async pending(options: { fresh?: boolean } = {}): Promise<boolean> {
		if (this.#done) return false;
		const now = performance.now();
		let asked = this.#asked;
		if (options.fresh || !asked || now - asked.at > RECHECK_MS) {
			const pending = standingSetupCode(this.#db).then((code) => {
				if (code === null) this.#done = true;
				return code !== null;
			});
			asked = this.#asked = { at: now, pending };
			// A failed question is asked again next time, not remembered.
			pending.catch(() => {
				if (this.#asked?.pending === pending) this.#asked = null;
			});
		}
		return asked.pending;
	}

	/** Setup was done here: no page needs to ask again. */
	done(): void {
		this.#done = true;
	}
}
