import { unitsRepresentedBy } from '$lib/server/council/members.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user,
	locale: locals.locale,
	// Unit representatives have a page of their own work (我的工作) in the header.
	represents: locals.user ? unitsRepresentedBy(locals.app.db, locals.user.id).length > 0 : false
});
