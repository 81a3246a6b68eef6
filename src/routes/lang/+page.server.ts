import { redirect } from '@sveltejs/kit';
import { LOCALE_COOKIE, isLocale } from '$lib/i18n/index.ts';
import { localPath } from '$lib/server/http/redirect.ts';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const locale = form.get('locale');
		if (isLocale(locale)) {
			cookies.set(LOCALE_COOKIE, locale, {
				path: '/',
				maxAge: 365 * 24 * 3600,
				httpOnly: false,
				sameSite: 'lax'
			});
		}
		redirect(303, localPath(String(form.get('redirectTo') ?? '/'), url.origin));
	}
};
