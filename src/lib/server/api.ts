import { error, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from './auth/session.ts';

/** The JSON API answers 401 rather than redirecting to the sign-in page. */
export function apiUser(event: Pick<RequestEvent, 'locals'>): SessionUser {
	if (!event.locals.user) error(401, 'sign in required');
	return event.locals.user;
}
