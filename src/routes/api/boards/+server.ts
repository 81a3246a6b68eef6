import { json } from '@sveltejs/kit';
import { apiUser } from '$lib/server/api.ts';
import { listBoardsFor } from '$lib/server/councils.ts';
import { boardRoom } from '$lib/server/sync/rooms.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = apiUser(event);
	const boards = listBoardsFor(event.locals.app.db, user).map((b) => ({
		id: b.id,
		title: b.title,
		period: b.period,
		council: { id: b.councilId, name: b.councilName, community: b.community },
		role: b.role,
		rooms: [boardRoom(b.id)]
	}));
	return json({ boards });
};
