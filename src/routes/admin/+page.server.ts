import { fail } from '@sveltejs/kit';
import { createUser, findUserById, listUsers, UsernameTaken } from '$lib/server/auth/accounts.ts';
import { readAccountForm } from '$lib/server/auth/account-form.ts';
import { text } from '$lib/server/http/form.ts';
import type { FieldErrors } from '$lib/forms.ts';
import { createCouncil, listCouncils } from '$lib/server/council/councils.ts';
import { requireAdmin } from '$lib/server/http/guards.ts';
import { setAsideReport } from '$lib/server/set-aside.ts';
import { createPasswordReset } from '$lib/server/auth/password-change.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const db = event.locals.app.db;
	return {
		users: await listUsers(db),
		councils: await listCouncils(db),
		setAside: await setAsideReport(db, await event.locals.app.sync.setAsideRooms())
	};
};

export const actions: Actions = {
	createUser: async (event) => {
		requireAdmin(event);
		const account = await readAccountForm(event.locals.app.db, await event.request.formData());
		if (!account.ok) return fail(400, { user: { values: account.values, errors: account.errors } });
		try {
			await createUser(event.locals.app.db, { ...account.values, password: account.password });
		} catch (err) {
			if (!(err instanceof UsernameTaken)) throw err;
			const errors = { username: { key: 'field.usernameTaken' as const } };
			return fail(400, { user: { values: account.values, errors } });
		}
		return { userCreated: account.values.displayName };
	},
	/** 生成重置链接: a one-time link for a person to set a new password, shown once. */
	resetLink: async (event) => {
		const admin = requireAdmin(event);
		const userId = String((await event.request.formData()).get('userId') ?? '');
		const person = await findUserById(event.locals.app.db, userId);
		if (!person) return fail(404, { resetLink: null });
		const { token, expiresAt } = await createPasswordReset(
			event.locals.app.db,
			person.id,
			admin.id
		);
		return {
			resetLink: {
				userId: person.id,
				name: person.displayName,
				url: `${event.url.origin}/reset/${token}`,
				expiresAt
			}
		};
	},
	createCouncil: async (event) => {
		requireAdmin(event);
		const form = await event.request.formData();
		const values = { name: text(form, 'name'), community: text(form, 'community') };
		const errors: FieldErrors<'name' | 'community'> = {};
		if (!values.name) errors.name = { key: 'field.required' };
		if (!values.community) errors.community = { key: 'field.required' };
		if (Object.keys(errors).length) return fail(400, { council: { values, errors } });
		await createCouncil(event.locals.app.db, values);
		return;
	}
};
