import { requireBoard } from '$lib/server/http/guards.ts';
import { boardFeed } from '$lib/server/record/feed.ts';
import { listMembers } from '$lib/server/council/members.ts';
import { listUnits } from '$lib/server/council/units.ts';
import { readBoardContent } from '$lib/server/docs/board-content.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { board } = await requireBoard(event);
	const { app } = event.locals;
	const params = event.url.searchParams;
	const filter = {
		userId: params.get('person') ?? '',
		unitId: params.get('unit') ?? '',
		list: params.get('list') ?? ''
	};
	const content = await readBoardContent(app, board);
	return {
		board,
		filter,
		feed: (await boardFeed(app, board, filter)).slice(0, 300),
		people: (await listMembers(app.db, board.councilId)).map((m) => ({
			id: m.userId,
			name: m.displayName
		})),
		units: (await listUnits(app.db, board.councilId)).map((u) => ({ id: u.id, name: u.name })),
		/** Titles of needs and projects now, to name what a claim is of. */
		titles: Object.fromEntries([
			...content.needs.map((n) => [`need:${n.id}`, n.title]),
			...content.plan.map((p) => [`project:${p.id}`, p.title])
		])
	};
};
