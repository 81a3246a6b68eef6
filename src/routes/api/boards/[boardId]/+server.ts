import { json } from '@sveltejs/kit';
import { requireBoard } from '$lib/server/http/guards.ts';
import { readBoardContent } from '$lib/server/board-content.ts';
import { listUnits } from '$lib/server/council/units.ts';
import { boardRoom, unitRoom } from '$lib/server/sync/rooms.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const { app } = event.locals;
	const { board, role, unitId } = requireBoard(event);
	const units = listUnits(app.db, board.councilId);
	return json({
		id: board.id,
		title: board.title,
		period: board.period,
		status: board.status,
		council: { id: board.councilId, name: board.councilName, community: board.community },
		role,
		unit: unitId ? { id: unitId, name: units.find((u) => u.id === unitId)?.name ?? '' } : null,
		units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
		rooms: [boardRoom(board.id), ...units.map((u) => unitRoom(board.id, u.id))],
		content: readBoardContent(app, board)
	});
};
