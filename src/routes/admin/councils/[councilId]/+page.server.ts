import { fail, type RequestEvent } from '@sveltejs/kit';
import { listUsers } from '$lib/server/auth/accounts.ts';
import { text } from '$lib/server/http/form.ts';
import {
	getCouncil,
	listCouncilBoards,
	removeMembership,
	setMembership
} from '$lib/server/council/councils.ts';
import { ROLES, type Role } from '$lib/council.ts';
import { httpError, requireAdmin } from '$lib/server/http/guards.ts';
import { listMembers } from '$lib/server/council/members.ts';
import type { Actions, PageServerLoad } from './$types';

async function councilOr404(
	event: Pick<RequestEvent, 'locals' | 'url'> & { params: { councilId: string } }
) {
	requireAdmin(event);
	const council = await getCouncil(event.locals.app.db, event.params.councilId);
	if (!council) httpError(404, 'error.notFound');
	return council;
}

export const load: PageServerLoad = async (event) => {
	const council = await councilOr404(event);
	const db = event.locals.app.db;
	return {
		council,
		boards: await listCouncilBoards(db, council.id),
		members: await listMembers(db, council.id),
		users: await listUsers(db)
	};
};

// A unit representative is made from the council page, where its unit is chosen.
const isRole = (value: string): value is Exclude<Role, 'unit_rep'> =>
	value !== 'unit_rep' && (ROLES as readonly string[]).includes(value);

export const actions: Actions = {
	setMember: async (event) => {
		const council = await councilOr404(event);
		const form = await event.request.formData();
		const userId = text(form, 'userId');
		const role = text(form, 'role');
		const users = await listUsers(event.locals.app.db);
		if (!users.some((u) => u.id === userId) || !isRole(role)) {
			return fail(400, { member: { errors: { userId: { key: 'field.required' as const } } } });
		}
		await setMembership(event.locals.app.db, council.id, userId, role);
		await event.locals.app.sync.closeConnectionsOf({ userId }); // reconnects with the new rights
		return;
	},
	removeMember: async (event) => {
		const council = await councilOr404(event);
		const form = await event.request.formData();
		const userId = text(form, 'userId');
		await removeMembership(event.locals.app.db, council.id, userId);
		await event.locals.app.sync.closeConnectionsOf({ userId });
		return;
	}
};
