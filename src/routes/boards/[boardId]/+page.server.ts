import { sheetAccess } from '$lib/server/access.ts';
import { requireBoard } from '$lib/server/guards.ts';
import { listUnits } from '$lib/server/units.ts';
import { boardRoom, unitRoom } from '$lib/server/sync/rooms.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { db } = event.locals.app;
	const { user, ...rights } = requireBoard(event);
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
