// Changing a password, signing out everywhere, and an administrator's one-time reset link. Every
// way a password changes ends the sessions it should (and their live sync connections): the
// person's other sessions when they change it themselves, all of them when it is reset.
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { App } from '../app.ts';
import { first, tables, type Db } from '../db/index.ts';
import { hashPassword } from './password.ts';
import { generateSessionToken, sessionIdFromToken } from './session.ts';

/** How long an administrator's reset link works. */
export const RESET_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Sets a person's password and ends every session of theirs but `keepSessionId` (none: all). */
export async function setPassword(
	app: App,
	userId: string,
	password: string,
	keepSessionId: string | null = null
): Promise<void> {
	const { users } = tables(app.db);
	const passwordHash = await hashPassword(password);
	await app.db.update(users).set({ passwordHash }).where(eq(users.id, userId));
	await endSessions(app, userId, keepSessionId);
}

/** Ends every session of a person but `keepSessionId` (none: all), closing their sync connections. */
export async function endSessions(
	app: Pick<App, 'db' | 'sync'>,
	userId: string,
	keepSessionId: string | null = null
): Promise<void> {
	const { sessions } = tables(app.db);
	const ended = await app.db
		.delete(sessions)
		.where(
			keepSessionId
				? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
				: eq(sessions.userId, userId)
		)
		.returning({ id: sessions.id });
	for (const { id } of ended) await app.sync.closeConnectionsOf({ sessionId: id });
}

/** A new one-time link's token for `userId`; any earlier unused link of theirs stops working. */
export async function createPasswordReset(
	db: Db,
	userId: string,
	createdBy: string,
	now = Date.now()
): Promise<{ token: string; expiresAt: Date }> {
	const { passwordResets } = tables(db);
	const token = generateSessionToken();
	const expiresAt = new Date(now + RESET_LINK_LIFETIME_MS);
	await db.transaction(async (tx) => {
		await tx
			.delete(passwordResets)
			.where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
		await tx.insert(passwordResets).values({
			id: sessionIdFromToken(token),
			userId,
			createdBy,
			createdAt: new Date(now),
			expiresAt
		});
	});
	return { token, expiresAt };
}

/** Whose password a link resets, while it can be used (not used, not expired, not replaced). */
export async function inspectPasswordReset(
	db: Db,
	token: string,
	now = Date.now()
): Promise<{ userId: string; username: string; displayName: string } | null> {
	const { passwordResets, users } = tables(db);
	return (
		(await first(
			db
				.select({ userId: users.id, username: users.username, displayName: users.displayName })
				.from(passwordResets)
				.innerJoin(users, eq(users.id, passwordResets.userId))
				.where(
					and(
						eq(passwordResets.id, sessionIdFromToken(token)),
						isNull(passwordResets.usedAt),
						gt(passwordResets.expiresAt, new Date(now))
					)
				)
		)) ?? null
	);
}

/**
 * Uses a link: sets the new password and ends all the person's sessions. The link is marked used in
 * the same statement that checks it, so two submits at once cannot both use it.
 */
export async function usePasswordReset(
	app: App,
	token: string,
	password: string,
	now = Date.now()
): Promise<boolean> {
	const { passwordResets, users } = tables(app.db);
	const passwordHash = await hashPassword(password);
	const used = await app.db.transaction(async (tx) => {
		const [link] = await tx
			.update(passwordResets)
			.set({ usedAt: new Date(now) })
			.where(
				and(
					eq(passwordResets.id, sessionIdFromToken(token)),
					isNull(passwordResets.usedAt),
					gt(passwordResets.expiresAt, new Date(now))
				)
			)
			.returning({ userId: passwordResets.userId });
		if (link) await tx.update(users).set({ passwordHash }).where(eq(users.id, link.userId));
		return link ?? null;
	});
	if (!used) return false;
	await endSessions(app, used.userId);
	return true;
}
