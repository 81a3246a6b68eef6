import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session.ts';

/** Secure whenever the site is served over https. Over plain http (localhost, or a LAN address
 *  in a meeting room) browsers would refuse to store a Secure cookie and sign-in could not work. */
function secure(url: URL) {
	return url.protocol === 'https:';
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
	event.cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(event.url)
	});
}
