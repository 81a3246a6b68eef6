// What a page, a form action and an /api route ask first: who is signed in, and their rights to the
// board or council of the URL (policy/). Pages and the API differ in one thing: someone not signed
// in is sent from a page to the sign-in page (and back afterwards), and answered 401 by the API.
// Every refusal is a message key (httpError), which the error page shows in the person's language
// and the API answers as it is; a typo in a key does not compile.
import { error, redirect, type NumericRange, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '../auth/session.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { boardAccess, mayManageBoard } from '../policy/board.ts';
import { councilAccess, isAdministrator, mayManageCouncil } from '../policy/council.ts';

/** Ends the request with `status` and the message `key` as its error message. */
export function httpError(status: NumericRange<400, 599>, key: MessageKey): never {
	error(status, key);
}

type Event = Pick<RequestEvent, 'locals' | 'url'>;
type EventWithParams = Pick<RequestEvent, 'locals' | 'url' | 'params'>;

/** The refusal of a board or council someone may not see: 404 when there is none, else 403. */
function refuse(reason: 'not-found' | 'forbidden', forbidden: MessageKey): never {
	if (reason === 'not-found') httpError(404, 'error.notFound');
	httpError(403, forbidden);
}

/** The signed-in person; else, from a page, a redirect to the sign-in page that comes back here
 *  afterwards, and from the API a 401. */
export function requireUser(event: Event): SessionUser {
	const user = event.locals.user;
	if (user) return user;
	if (event.url.pathname.startsWith('/api/')) httpError(401, 'error.signInRequired');
	redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
}

export function requireAdmin(event: Event): SessionUser {
	const user = requireUser(event);
	if (!isAdministrator(user)) httpError(403, 'error.forbidden');
	return user;
}

/** The board of the URL (or `boardId`, from a form) with the signed-in person's rights to it: 404
 *  unknown, 403 another council's. */
export async function requireBoard(event: EventWithParams, boardId = event.params.boardId ?? '') {
	const user = requireUser(event);
	const rights = await boardAccess(event.locals.app.db, user, boardId);
	if (!rights.ok) refuse(rights.reason, 'error.forbidden');
	return { user, ...rights };
}

/** As requireBoard, for what only the council's secretaries may do. */
export async function requireBoardSecretary(event: EventWithParams) {
	const rights = await requireBoard(event);
	if (!mayManageBoard(rights)) httpError(403, 'versions.secretaryOnly');
	return rights;
}

/** The council of the URL with the signed-in person's role in it: 404 unknown, 403 for someone not in it. */
export async function requireCouncil(event: EventWithParams) {
	const user = requireUser(event);
	const rights = await councilAccess(event.locals.app.db, user, event.params.councilId ?? '');
	if (!rights.ok) refuse(rights.reason, 'dashboard.forbidden');
	return { user, ...rights };
}

/** The council of the URL for the council page: its secretaries (and administrators) manage it. */
export async function requireCouncilManager(event: EventWithParams) {
	const user = requireUser(event);
	const rights = await councilAccess(event.locals.app.db, user, event.params.councilId ?? '');
	if (!rights.ok || !mayManageCouncil(rights))
		refuse(rights.ok ? 'forbidden' : rights.reason, 'council.forbidden');
	return { user, ...rights };
}
