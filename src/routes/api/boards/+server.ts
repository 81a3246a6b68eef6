import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/http/guards.ts';
import { listBoardsFor, roleInCouncil } from '$lib/server/policy/council.ts';
import { boardRooms } from '$lib/server/docs/board-rooms.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const { db } = event.locals.app;
	const boards = await Promise.all(
		(await listBoardsFor(db, user)).map(async (b) => {
			const rooms = await boardRooms(db, b);
			const unitId = (await roleInCouncil(db, user, b.councilId))?.unitId;
			const mine = rooms.sheets.find((s) => s.unit.id === unitId)?.unit;
			return {
				id: b.id,
				title: b.title,
				period: b.period,
				status: b.status,
				council: { id: b.councilId, name: b.councilName, community: b.community },
				role: b.role,
				/** The unit this person represents in the council, if any. */
				unit: mine ? { id: mine.id, name: mine.name } : null,
				rooms: [rooms.board],
				sheets: rooms.sheets.map(({ unit, room }) => ({
					unit: { id: unit.id, name: unit.name },
					room
				}))
			};
		})
	);
	return json({ boards });
};
