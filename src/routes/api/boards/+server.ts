import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/http/guards.ts';
import { listBoardsFor, roleInCouncil } from '$lib/server/policy/council.ts';
import { listUnits } from '$lib/server/council/units.ts';
import { boardRoom, unitRoom } from '$lib/server/sync/rooms.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = requireUser(event);
	const { db } = event.locals.app;
	const boards = listBoardsFor(db, user).map((b) => {
		const units = listUnits(db, b.councilId);
		const mine = units.find((u) => u.id === roleInCouncil(db, user, b.councilId)?.unitId);
		return {
			id: b.id,
			title: b.title,
			period: b.period,
			status: b.status,
			council: { id: b.councilId, name: b.councilName, community: b.community },
			role: b.role,
			/** The unit this person represents in the council, if any. */
			unit: mine ? { id: mine.id, name: mine.name } : null,
			rooms: [boardRoom(b.id)],
			sheets: units.map((u) => ({ unit: { id: u.id, name: u.name }, room: unitRoom(b.id, u.id) }))
		};
	});
	return json({ boards });
};
