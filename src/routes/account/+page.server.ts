// 账户: the signed-in person changes their password (their other sessions end) or signs out on
// every device.
import { fail, redirect } from '@sveltejs/kit';
import type { FieldErrors } from '$lib/forms.ts';
import { requireUser } from '$lib/server/http/guards.ts';
import { readNewPassword } from '$lib/server/auth/account-form.ts';
import { checkCredentials, endSession } from '$lib/server/auth/sign-in.ts';
import { endSessions, setPassword } from '$lib/server/auth/password-change.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { account: { username: user.username, displayName: user.displayName } };
};

export const actions: Actions = {
	password: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const current = String(form.get('current') ?? '');
		const next = readNewPassword(form);
		const errors: FieldErrors<'current' | 'password' | 'passwordConfirm'> = { ...next.errors };
		if (!current) errors.current = { key: 'field.required' };
		else if (next.ok) {
			// The current password is checked under the sign-in limits: this form is no way round them.
			const check = await checkCredentials(
				event.locals.app,
				user.username,
				current,
				event.getClientAddress()
			);
			if (!check.ok)
				errors.current =
					check.error === 'rateLimited'
						? {
								key: 'login.rateLimited',
								params: { minutes: Math.ceil(check.retryAfterMs / 60_000) }
							}
						: check.error === 'unavailable'
							? { key: 'login.unavailable' }
							: { key: 'account.currentWrong' };
		}
		if (Object.keys(errors).length) return fail(400, { password: { errors } });
		await setPassword(event.locals.app, user.id, next.password, event.locals.session?.id ?? null);
		return { passwordChanged: true };
	},
	signOutEverywhere: async (event) => {
		const user = requireUser(event);
		await endSession(event);
		await endSessions(event.locals.app, user.id);
		redirect(303, '/login');
	}
};
