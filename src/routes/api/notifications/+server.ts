import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/http/guards.ts';
import { unreadCount } from '$lib/server/notify/notifications.ts';
import type { RequestHandler } from './$types';

/** The header's bell asks how many of the person's notifications are unread. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	return json(
		{ unread: await unreadCount(event.locals.app.db, user.id) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
