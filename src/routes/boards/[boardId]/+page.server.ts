import { error } from '@sveltejs/kit';
import { boardAccess, sheetAccess } from '$lib/server/access.ts';
import { requireUser } from '$lib/server/guards.ts';
import { listUnits } from '$lib/server/units.ts';
import { boardRoom, unitRoom } from '$lib/server/sync/rooms.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const { db } = event.locals.app;
	const rights = boardAccess(db, user, event.params.boardId);
	if (!rights.ok) error(rights.reason === 'not-found' ? 404 : 403, rights.reason);
	const canEdit = rights.access === 'write';
	return {
		board: rights.board,
		role: rights.role,
		canEdit,
		room: boardRoom(rights.board.id),
		// The same rule the sync server applies; the server refuses what the page would not offer.
		units: listUnits(db, rights.board.councilId).map((unit) => ({
			id: unit.id,
			name: unit.name,
			kind: unit.kind,
			room: unitRoom(rights.board.id, unit.id),
			canEdit: canEdit && sheetAccess(rights, unit.id) === 'write'
		})),
		myUnitId: rights.unitId,
		me: { id: user.id, name: user.displayName }
	};
};
