import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '../auth/session.ts';
import { boardAccess, mayManageBoard } from '../policy/board.ts';
import { councilAccess, isAdministrator, mayManageCouncil } from '../policy/council.ts';

/** The signed-in person, or a redirect to the sign-in page that comes back here afterwards. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = event.locals.user;
	if (!user)
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return user;
}

export function requireAdmin(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = requireUser(event);
	if (!isAdministrator(user)) error(403, 'admin only');
	return user;
}

/** The board of the URL with the signed-in person's rights to it: 404 unknown, 403 another council's. */
export function requireBoard(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireUser(event);
	const rights = boardAccess(event.locals.app.db, user, event.params.boardId ?? '');
	if (!rights.ok) error(rights.reason === 'not-found' ? 404 : 403, rights.reason);
	return { user, ...rights };
}

/** As requireBoard, for what only the council's secretaries may do. */
export function requireBoardSecretary(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const rights = requireBoard(event);
	if (!mayManageBoard(rights)) error(403, 'versions.secretaryOnly');
	return rights;
}

/** The council of the URL with the signed-in person's role in it: 404 unknown, 403 for someone not in it. */
export function requireCouncil(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireUser(event);
	const rights = councilAccess(event.locals.app.db, user, event.params.councilId ?? '');
	if (!rights.ok)
		error(
			rights.reason === 'not-found' ? 404 : 403,
			rights.reason === 'forbidden' ? 'dashboard.forbidden' : rights.reason
		);
	return { user, ...rights };
}

/** The council of the URL for the council page: its secretaries (and administrators) manage it. */
export function requireCouncilManager(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireUser(event);
	const rights = councilAccess(event.locals.app.db, user, event.params.councilId ?? '');
	if (!rights.ok && rights.reason === 'not-found') error(404, 'no such council');
	if (!rights.ok || !mayManageCouncil(rights)) error(403, 'council.forbidden');
	return { user, ...rights };
}
