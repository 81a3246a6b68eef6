// Sessions as the Lucia guide describes them: the browser holds a random token; the database holds
// only its SHA-256, so a leaked database cannot be replayed as cookies. Expiry slides: a session used
// in the second half of its life is extended.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq, inArray } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';

export const SESSION_COOKIE = 'gj_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
const RENEW_WITHIN = 15 * DAY;

export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	isAdmin: boolean;
}
export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
}
export type SessionValidation =
	{ session: Session; user: SessionUser } | { session: null; user: null };

export function generateSessionToken(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: Db,
	token: string,
	userId: string,
	now = Date.now()
): Promise<Session> {
	const session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now + SESSION_LIFETIME)
	};
	await db.insert(tables(db).sessions).values(session);
	return session;
}

export async function validateSessionToken(
	db: Db,
	token: string,
	now = Date.now()
): Promise<SessionValidation> {
	const { sessions, users } = tables(db);
	const id = sessionIdFromToken(token);
	const row = await first(
		db
			.select({
				session: sessions,
				user: {
					id: users.id,
					username: users.username,
					displayName: users.displayName,
					isAdmin: users.isAdmin
				}
			})
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.where(eq(sessions.id, id))
	);
	if (!row) return { session: null, user: null };
	const { session, user } = row;
	if (now >= session.expiresAt.getTime()) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return { session: null, user: null };
	}
	if (now >= session.expiresAt.getTime() - RENEW_WITHIN) {
		session.expiresAt = new Date(now + SESSION_LIFETIME);
		await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
	}
	return { session, user };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	const { sessions } = tables(db);
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	const { sessions } = tables(db);
	await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** When each of these sessions expires; a session missing from the answer has ended (signed out,
 *  password changed). For open sync connections, which hold a session id, not its token. */
export async function sessionExpiries(db: Db, sessionIds: string[]): Promise<Map<string, number>> {
	const { sessions } = tables(db);
	const out = new Map<string, number>();
	// A few hundred at a time: both stores cap the parameters of one statement.
	for (let at = 0; at < sessionIds.length; at += 500) {
		const found = await db
			.select({ id: sessions.id, expiresAt: sessions.expiresAt })
			.from(sessions)
			.where(inArray(sessions.id, sessionIds.slice(at, at + 500)));
		for (const row of found) out.set(row.id, row.expiresAt.getTime());
	}
	return out;
}

/** Reads our session token from a raw Cookie header (the websocket upgrade has no SvelteKit event). */
export function tokenFromCookieHeader(header: string | undefined): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eqAt = part.indexOf('=');
		if (eqAt > 0 && part.slice(0, eqAt).trim() === SESSION_COOKIE) {
			try {
				return decodeURIComponent(part.slice(eqAt + 1).trim()) || null;
			} catch {
				return null; // malformed percent-encoding: no session
			}
		}
	}
	return null;
}
