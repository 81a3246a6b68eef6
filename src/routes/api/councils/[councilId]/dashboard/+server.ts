// GET /api/councils/<councilId>/dashboard: every board of the council as one row of figures
// (PeriodRow, oldest first) and the years its boards cover (newest first), for anyone in the council.
import { json } from '@sveltejs/kit';
import { requireCouncil } from '$lib/server/http/guards.ts';
import { councilDashboard } from '$lib/server/board/dashboard.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { council } = await requireCouncil(event);
	return json(await councilDashboard(event.locals.app, council.id), {
		headers: { 'cache-control': 'no-store' }
	});
};
