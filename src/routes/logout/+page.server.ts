import { redirect } from '@sveltejs/kit';
import { invalidateSession } from '$lib/server/auth/session.ts';
import { clearSessionCookie } from '$lib/server/auth/cookie.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		if (event.locals.session) {
			invalidateSession(event.locals.app.db, event.locals.session.id);
			event.locals.app.sync.closeConnectionsOf({ sessionId: event.locals.session.id });
		}
		clearSessionCookie(event);
		redirect(303, '/login');
	}
};
