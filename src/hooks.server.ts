import { redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { APP_HANDLE, getApp } from '$lib/server/app.ts';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session.ts';
import { setSessionCookie, clearSessionCookie } from '$lib/server/auth/cookie.ts';
import { LOCALE_COOKIE, pickLocale } from '$lib/i18n/index.ts';

export const init: ServerInit = async () => {
	// Publish the app for the production entry (server/index.js), which serves /sync with it; the
	// store is open and migrated before the first request.
	(globalThis as Record<symbol, unknown>)[APP_HANDLE] = await getApp();
};

export const handle: Handle = async ({ event, resolve }) => {
	const app = await getApp();
	event.locals.app = app;
	event.locals.locale = pickLocale(event.cookies.get(LOCALE_COOKIE));

	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { session, user } = await validateSessionToken(app.db, token);
		if (session) setSessionCookie(event, token, session.expiresAt);
		else clearSessionCookie(event);
		event.locals.user = user;
		event.locals.session = session;
	} else {
		event.locals.user = null;
		event.locals.session = null;
	}

	// On an empty database every page leads to first-run setup (asked of the store, cached briefly).
	if (
		!event.url.pathname.startsWith('/setup') &&
		!event.url.pathname.startsWith('/api/') &&
		(await app.setup.pending())
	) {
		redirect(303, '/setup');
	}

	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};
