import { unitsRepresentedBy } from '$lib/server/council/members.ts';
import { isAdministrator } from '$lib/server/policy/council.ts';
import { unreadCount } from '$lib/server/notify/notifications.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.user,
	locale: locals.locale,
	/** The header's 管理 link and the home page's hint: the rule is policy's, as everywhere. */
	administers: locals.user ? isAdministrator(locals.user) : false,
	// Unit representatives have a page of their own work (我的工作) in the header.
	represents: locals.user
		? (await unitsRepresentedBy(locals.app.db, locals.user.id)).length > 0
		: false,
	/** The header's bell (NotificationBell asks again while the page is open). */
	unread: locals.user ? await unreadCount(locals.app.db, locals.user.id) : 0
});
