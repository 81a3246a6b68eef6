import { fail, redirect } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { createUser } from '$lib/server/auth/accounts.ts';
import { readAccountForm } from '$lib/server/auth/account-form.ts';
import { text } from '$lib/server/http/form.ts';
import { startSession } from '$lib/server/auth/sign-in.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.app.setupCode) redirect(303, '/login');
};

function sameCode(expected: string, given: string) {
	const a = Buffer.from(expected);
	const b = Buffer.from(given.toUpperCase().replace(/\s+/g, ''));
	return a.length === b.length && timingSafeEqual(a, b);
}

export const actions: Actions = {
	default: async (event) => {
		const app = event.locals.app;
		if (!app.setupCode) redirect(303, '/login');
		const form = await event.request.formData();
		const code = text(form, 'code');
		const account = await readAccountForm(app.db, form);
		const errors = {
			...account.errors,
			...(sameCode(app.setupCode, code) ? {} : { code: { key: 'setup.codeInvalid' as const } })
		};
		if (Object.keys(errors).length > 0)
			return fail(400, { values: { ...account.values, code }, errors });
		app.setupCode = null; // before the await: a second submission of the code finds it used
		const user = await createUser(app.db, {
			...account.values,
			password: account.password,
			isAdmin: true
		});
		app.log.info({ user: user.username }, 'first-run setup: administrator created');
		await startSession(event, user.id);
		redirect(303, '/admin');
	}
};
