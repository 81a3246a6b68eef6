// 首次运行: the administrator is created with the setup code the server logged (auth/setup.ts). The
// code is the store's, used up in the transaction that creates the account, on whichever node.
import { fail, redirect } from '@sveltejs/kit';
import { readAccountForm } from '$lib/server/auth/account-form.ts';
import { hashPassword } from '$lib/server/auth/password.ts';
import { createFirstAdmin, sameSetupCode, standingSetupCode } from '$lib/server/auth/setup.ts';
import { text } from '$lib/server/http/form.ts';
import { startSession } from '$lib/server/auth/sign-in.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!(await locals.app.setup.pending({ fresh: true }))) redirect(303, '/login');
};

export const actions: Actions = {
	default: async (event) => {
		const app = event.locals.app;
		const standing = await standingSetupCode(app.db);
		if (!standing) {
			app.setup.done();
			redirect(303, '/login');
		}
		const form = await event.request.formData();
		const code = text(form, 'code');
		const account = await readAccountForm(app.db, form);
		const errors = {
			...account.errors,
			...(sameSetupCode(standing, code) ? {} : { code: { key: 'setup.codeInvalid' as const } })
		};
		if (Object.keys(errors).length > 0)
			return fail(400, { values: { ...account.values, code }, errors });
		const user = await createFirstAdmin(app.db, code, {
			...account.values,
			passwordHash: await hashPassword(account.password)
		});
		app.setup.done();
		// Used meanwhile, by another submission here or on another node: setup is done.
		if (!user) redirect(303, '/login');
		app.log.info({ user: user.username }, 'first-run setup: administrator created');
		await startSession(event, user.id);
		redirect(303, '/admin');
	}
};
