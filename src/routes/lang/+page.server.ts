import { redirect } from '@sveltejs/kit';
import { LOCALE_COOKIE, isLocale } from '$lib/i18n/index.ts';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const locale = form.get('locale');
		if (isLocale(locale)) {
			cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, httpOnly: false, sameSite: 'lax' });
		}
		const to = String(form.get('redirectTo') ?? '/');
		// Only paths on this site: never an open redirect.
		redirect(303, to.startsWith('/') && !to.startsWith('//') ? to : '/');
	}
};
