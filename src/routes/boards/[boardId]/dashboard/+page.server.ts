import { requireBoard } from '$lib/server/http/guards.ts';
import { boardDashboard } from '$lib/server/board/dashboard.ts';
import type { PageServerLoad } from './$types';

/** The figures as of now, counted on the server; the page is not live (reload for new ones). */
export const load: PageServerLoad = async (event) => {
	const { board } = await requireBoard(event);
	return { board, stats: await boardDashboard(event.locals.app, board) };
};
