import { count, eq, inArray } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';
import { hashPassword } from './password.ts';
import { newId } from '../db/ids.ts';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export interface NewUser {
	username: string;
	displayName: string;
	password: string;
	isAdmin?: boolean;
}

export async function createUser(db: Db, input: NewUser) {
	return insertUser(db, { ...input, passwordHash: await hashPassword(input.password) });
}

/** Inserts a user whose password is already hashed (so that a transaction need not wait for argon2). */
export async function insertUser(
	db: Db,
	input: Omit<NewUser, 'password'> & { passwordHash: string }
) {
	const { users } = tables(db);
	const user = {
		id: newId(),
		username: input.username.toLowerCase(),
		displayName: input.displayName,
		passwordHash: input.passwordHash,
		isAdmin: input.isAdmin ?? false
	};
	// Checked before by the forms, but someone may have taken the name since (on another node, or
	// while the password was hashed): then nothing is inserted, and the caller is told so.
	const [inserted] = await db
		.insert(users)
		.values(user)
		.onConflictDoNothing({ target: users.username })
		.returning({ id: users.id });
	if (!inserted) throw new UsernameTaken(user.username);
	return user;
}

/** The username is someone else's: shown as field.usernameTaken beside the field. */
export class UsernameTaken extends Error {
	constructor(username: string) {
		super(`username taken: ${username}`);
	}
}

export async function findUserByUsername(db: Db, username: string) {
	const { users } = tables(db);
	return first(db.select().from(users).where(eq(users.username, username.toLowerCase())));
}

export async function userCount(db: Db): Promise<number> {
	const { users } = tables(db);
	return (await first(db.select({ n: count() }).from(users)))?.n ?? 0;
}

export async function findUserById(db: Db, id: string) {
	const { users } = tables(db);
	return first(
		db
			.select({ id: users.id, username: users.username, displayName: users.displayName })
			.from(users)
			.where(eq(users.id, id))
	);
}

export async function listUsers(db: Db) {
	const { users } = tables(db);
	return db
		.select({
			id: users.id,
			username: users.username,
			displayName: users.displayName,
			isAdmin: users.isAdmin
		})
		.from(users)
		.orderBy(users.username);
}

/** Display names of the given users (ids that are null or unknown are left out). */
export async function userNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
	const { users } = tables(db);
	const wanted = [...new Set(ids.filter((id): id is string => !!id))];
	if (wanted.length === 0) return new Map();
	const rows = await db
		.select({ id: users.id, name: users.displayName })
		.from(users)
		.where(inArray(users.id, wanted));
	return new Map(rows.map((r) => [r.id, r.name]));
}
