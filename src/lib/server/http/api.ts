import { error, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '../auth/session.ts';
import { boardAccess } from '../policy/board.ts';
import { councilAccess } from '../policy/council.ts';

/** The JSON API answers 401 rather than redirecting to the sign-in page. */
export function apiUser(event: Pick<RequestEvent, 'locals'>): SessionUser {
	if (!event.locals.user) error(401, 'sign in required');
	return event.locals.user;
}

/** The board of the URL with this person's rights to it: 404 for an unknown board, 403 for one of another council. */
export function apiBoard(event: Pick<RequestEvent, 'locals' | 'params'>) {
	const user = apiUser(event);
	const rights = boardAccess(event.locals.app.db, user, event.params.boardId ?? '');
	if (!rights.ok) error(rights.reason === 'not-found' ? 404 : 403, rights.reason);
	return rights;
}

/** The council of the URL with this person's role in it: 404 unknown, 403 for someone not in it. */
export function apiCouncil(event: Pick<RequestEvent, 'locals' | 'params'>) {
	const user = apiUser(event);
	const rights = councilAccess(event.locals.app.db, user, event.params.councilId ?? '');
	if (!rights.ok) error(rights.reason === 'not-found' ? 404 : 403, rights.reason);
	return { user, ...rights };
}
