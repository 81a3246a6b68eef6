import type { RequestEvent } from '@sveltejs/kit';
import type { App } from '../app.ts';
import { findUserByUsername } from './accounts.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { createSession, generateSessionToken, invalidateSession } from './session.ts';
import { clearSessionCookie, setSessionCookie } from './cookie.ts';
import { limitWait } from './rate-limit.ts';

export type SignInResult =
	| { ok: true; userId: string }
	| { ok: false; error: 'invalid' }
	| { ok: false; error: 'rateLimited'; retryAfterMs: number }
	/** The limits cannot be checked (Redis is away): no password is tried until they can. */
	| { ok: false; error: 'unavailable' };

/** Checks a username and password under the login rate limits. */
export async function checkCredentials(
	app: Pick<App, 'db' | 'loginLimiter'>,
	username: string,
	password: string,
	ip: string
): Promise<SignInResult> {
	const wait = await limitWait(app.loginLimiter.attempt(username, ip));
	if (wait === 'unavailable') return { ok: false, error: 'unavailable' };
	if (wait > 0) return { ok: false, error: 'rateLimited', retryAfterMs: wait };
	const user = await findUserByUsername(app.db, username);
	// Verify against a decoy when the user is unknown, so timing does not reveal which usernames exist.
	const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
	if (!user || !valid) return { ok: false, error: 'invalid' };
	await app.loginLimiter.succeed(username, ip);
	return { ok: true, userId: user.id };
}

export async function startSession(event: RequestEvent, userId: string): Promise<void> {
	const token = generateSessionToken();
	const session = await createSession(event.locals.app.db, token, userId);
	setSessionCookie(event, token, session.expiresAt);
}

/**
 * Ends this browser's session: the session row, its live sync connections and the cookie. The
 * browser is also told to forget what it keeps of the boards (local copies, kept pages), which the
 * page itself clears too where this header is not supported.
 */
export async function endSession(event: RequestEvent): Promise<void> {
	if (event.locals.session) {
		await invalidateSession(event.locals.app.db, event.locals.session.id);
		await event.locals.app.sync.closeConnectionsOf({ sessionId: event.locals.session.id });
	}
	clearSessionCookie(event);
	event.setHeaders({ 'Clear-Site-Data': '"cache", "storage"' });
}
