// A one-time link an administrator made for someone to set a new password. A link that cannot be
// used (unknown, used, expired, replaced by a newer one) answers 404 with one message for all.
import { fail, redirect } from '@sveltejs/kit';
import { keepLinkPrivate } from '$lib/server/http/secret-link.ts';
import { readNewPassword } from '$lib/server/auth/account-form.ts';
import { inspectPasswordReset, usePasswordReset } from '$lib/server/auth/password-change.ts';
import { endSession } from '$lib/server/auth/sign-in.ts';
import type { Actions, PageServerLoad } from './$types';
import { httpError } from '$lib/server/http/guards.ts';

export const load: PageServerLoad = async (event) => {
	keepLinkPrivate(event);
	const person = await inspectPasswordReset(event.locals.app.db, event.params.token);
	if (!person) httpError(404, 'reset.invalidTitle');
	return { person: { username: person.username, displayName: person.displayName } };
};

export const actions: Actions = {
	default: async (event) => {
		keepLinkPrivate(event);
		// A link that cannot be used costs no password hash: guessing links is cheap for no one.
		if (!(await inspectPasswordReset(event.locals.app.db, event.params.token)))
			httpError(404, 'reset.invalidTitle');
		const next = readNewPassword(await event.request.formData());
		if (!next.ok) return fail(400, { errors: next.errors });
		if (!(await usePasswordReset(event.locals.app, event.params.token, next.password)))
			httpError(404, 'reset.invalidTitle');
		// Whoever was signed in in this browser is not the person whose password this was, necessarily.
		await endSession(event);
		redirect(303, '/login?reset=1');
	}
};
