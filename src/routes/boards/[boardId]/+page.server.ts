import { error } from '@sveltejs/kit';
import { boardAccess } from '$lib/server/access.ts';
import { requireUser } from '$lib/server/guards.ts';
import { boardRoom } from '$lib/server/sync/rooms.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const rights = boardAccess(event.locals.app.db, user, event.params.boardId);
	if (!rights.ok) error(rights.reason === 'not-found' ? 404 : 403, rights.reason);
	return {
		board: rights.board,
		role: rights.role,
		canEdit: rights.access === 'write',
		room: boardRoom(rights.board.id),
		me: { id: user.id, name: user.displayName }
	};
};
