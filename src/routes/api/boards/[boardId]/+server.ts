import { error, json } from '@sveltejs/kit';
import { apiUser } from '$lib/server/api.ts';
import { boardAccess } from '$lib/server/access.ts';
import { readBoardContent } from '$lib/server/board-content.ts';
import { listUnits } from '$lib/server/units.ts';
import { boardRoom, unitRoom } from '$lib/server/sync/rooms.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = apiUser(event);
	const { app } = event.locals;
	const rights = boardAccess(app.db, user, event.params.boardId);
	if (!rights.ok) error(rights.reason === 'not-found' ? 404 : 403, rights.reason);
	const { board, role, unitId } = rights;
	const units = listUnits(app.db, board.councilId);
	return json({
		id: board.id,
		title: board.title,
		period: board.period,
		council: { id: board.councilId, name: board.councilName, community: board.community },
		role,
		unit: unitId ? { id: unitId, name: units.find((u) => u.id === unitId)?.name ?? '' } : null,
		units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
		rooms: [boardRoom(board.id), ...units.map((u) => unitRoom(board.id, u.id))],
		content: readBoardContent(app, board)
	});
};
