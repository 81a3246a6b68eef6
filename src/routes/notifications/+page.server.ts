// 通知: the person's notifications, newest first; opening one marks it read and goes to what it is
// about; all are marked read at once. Only the person's own are ever read or marked.
import { redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/http/guards.ts';
import {
	listNotifications,
	markAllRead,
	openNotification,
	unreadCount
} from '$lib/server/notify/notifications.ts';
import { notificationHref } from '$lib/notifications.ts';
import type { Actions, PageServerLoad } from './$types';

/** How many a page shows: a phone's screens' worth. */
const PAGE = 50;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { db } = event.locals.app;
	const { notifications } = await listNotifications(db, user.id, { limit: PAGE });
	return {
		unread: await unreadCount(db, user.id),
		notifications: notifications.map((n) => ({
			id: n.id,
			kind: n.kind,
			params: n.params,
			createdAt: n.createdAt,
			read: n.readAt !== null
		}))
	};
};

export const actions: Actions = {
	/** Marks one read and goes to what it is about. */
	open: async (event) => {
		const user = requireUser(event);
		const id = String((await event.request.formData()).get('id') ?? '');
		const found = await openNotification(event.locals.app.db, user.id, id);
		redirect(303, found ? notificationHref(found) : '/notifications');
	},
	readAll: async (event) => {
		const user = requireUser(event);
		await markAllRead(event.locals.app.db, user.id);
		return { allRead: true };
	}
};
