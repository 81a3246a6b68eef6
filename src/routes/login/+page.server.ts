import { fail, redirect } from '@sveltejs/kit';
import { checkCredentials, startSession } from '$lib/server/auth/sign-in.ts';
import { text } from '$lib/server/http/form.ts';
import { localPath } from '$lib/server/http/redirect.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = text(form, 'username');
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, error: 'missing' as const });
		const result = await checkCredentials(
			event.locals.app,
			username,
			password,
			event.getClientAddress()
		);
		if (!result.ok) {
			const minutes = result.error === 'rateLimited' ? Math.ceil(result.retryAfterMs / 60_000) : 0;
			const status = { rateLimited: 429, unavailable: 503, invalid: 400 }[result.error];
			return fail(status, {
				username,
				error: result.error,
				minutes
			});
		}
		await startSession(event, result.userId);
		redirect(303, localPath(event.url.searchParams.get('next'), event.url.origin));
	}
};
