// GET /api/boards/<boardId>/dashboard: the board's figures (BoardStats, board/reports/stats.ts) as of today.
import { json } from '@sveltejs/kit';
import { requireBoard } from '$lib/server/http/guards.ts';
import { boardDashboard } from '$lib/server/board/dashboard.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { board } = await requireBoard(event);
	return json(await boardDashboard(event.locals.app, board), {
		headers: { 'cache-control': 'no-store' }
	});
};
