import { httpError, requireCouncil } from '$lib/server/http/guards.ts';
import { mayExport } from '$lib/server/policy/board.ts';
import { councilYears, scorecardYear, unitScorecard } from '$lib/server/board/dashboard.ts';
import type { PageServerLoad } from './$types';

/** The unit scorecard (点评) of a year (?year=2026; the newest with a board by default). */
export const load: PageServerLoad = async (event) => {
	const rights = await requireCouncil(event);
	const { council } = rights;
	const years = await councilYears(event.locals.app, council.id);
	const year = scorecardYear(event.url.searchParams.get('year'), years);
	if (year === null) httpError(400, 'scorecard.badYear');
	return {
		council: { id: council.id, name: council.name, community: council.community },
		year,
		years: years.includes(year) ? years : [year, ...years].sort((a, b) => b - a),
		canExport: mayExport(rights, council),
		...(await unitScorecard(event.locals.app, council.id, year))
	};
};
