import { requireUser } from '$lib/server/http/guards.ts';
import { listBoardsFor, listManagedCouncils } from '$lib/server/policy/council.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = event.locals.app.db;
	// Councils this person manages (secretary, administrator): their heading links to the council page.
	return { boards: await listBoardsFor(db, user), managed: await listManagedCouncils(db, user) };
};
