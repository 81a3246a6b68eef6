import { requireCouncil } from '$lib/server/http/guards.ts';
import { councilDashboard } from '$lib/server/board/dashboard.ts';
import { todayIn } from '$lib/board/model/fields.ts';
import type { PageServerLoad } from './$types';

/** Every board of the council period by period, for anyone in the council. */
export const load: PageServerLoad = async (event) => {
	const { council } = await requireCouncil(event);
	const today = todayIn();
	return {
		council: { id: council.id, name: council.name, community: council.community },
		today,
		...(await councilDashboard(event.locals.app, council.id, today))
	};
};
