import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session.ts';

/** Secure everywhere but plain-http localhost, where browsers would drop a Secure cookie. */
function secure(url: URL) {
	return !(url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}

export function setSessionCookie(event: RequestEvent, token: string, expiresAt: Date) {
	event.cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(event.url),
		expires: expiresAt,
		path: '/'
	});
}

export function clearSessionCookie(event: RequestEvent) {
	event.cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(event.url) });
}
