import { count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { users } from '../db/schema.ts';
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

/** Inserts a user whose password is already hashed: synchronous, so it can share a transaction. */
export function insertUser(db: Db, input: Omit<NewUser, 'password'> & { passwordHash: string }) {
	const user = {
		id: newId(),
		username: input.username.toLowerCase(),
		displayName: input.displayName,
		passwordHash: input.passwordHash,
		isAdmin: input.isAdmin ?? false
	};
	db.insert(users).values(user).run();
	return user;
}

export function findUserByUsername(db: Db, username: string) {
	return db.select().from(users).where(eq(users.username, username.toLowerCase())).get();
}

export function userCount(db: Db): number {
	return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function findUserById(db: Db, id: string) {
	return db
		.select({ id: users.id, username: users.username, displayName: users.displayName })
		.from(users)
		.where(eq(users.id, id))
		.get();
}

export function listUsers(db: Db) {
	return db
		.select({
			id: users.id,
			username: users.username,
			displayName: users.displayName,
			isAdmin: users.isAdmin
		})
		.from(users)
		.orderBy(users.username)
		.all();
}

/** Display names of the given users (ids that are null or unknown are left out). */
export function userNames(db: Db, ids: (string | null)[]): Map<string, string> {
	const wanted = [...new Set(ids.filter((id): id is string => !!id))];
	if (wanted.length === 0) return new Map();
	const rows = db
		.select({ id: users.id, name: users.displayName })
		.from(users)
		.where(inArray(users.id, wanted))
		.all();
	return new Map(rows.map((r) => [r.id, r.name]));
}
