import { json } from '@sveltejs/kit';
import { requireBoard } from '$lib/server/http/guards.ts';
import { readBoardContent } from '$lib/server/docs/board-content.ts';
import { boardRooms } from '$lib/server/docs/board-rooms.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { app } = event.locals;
	const { board, role, unitId } = await requireBoard(event);
	const rooms = await boardRooms(app.db, board);
	const units = rooms.sheets.map((s) => s.unit);
	return json({
		id: board.id,
		title: board.title,
		period: board.period,
		status: board.status,
		council: { id: board.councilId, name: board.councilName, community: board.community },
		role,
		unit: unitId ? { id: unitId, name: units.find((u) => u.id === unitId)?.name ?? '' } : null,
		units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
		rooms: rooms.plan,
		content: await readBoardContent(app, board)
	});
};
