// GET /api/councils/<councilId>/scorecard?year=2026[&format=json|xlsx]: each member unit over the
// year's boards (ScoreRow, board/reports/stats.ts). JSON for anyone in the council; the Excel file for the
// year-end review (one sheet 年度点评) under the rule of every export: observers only where the
// council allows it. The year defaults to the newest that has a board.
import { json } from '@sveltejs/kit';
import { httpError, requireCouncil } from '$lib/server/http/guards.ts';
import { mayExport } from '$lib/server/policy/board.ts';
import { councilYears, scorecardYear, unitScorecard } from '$lib/server/board/dashboard.ts';
import { recordEvent } from '$lib/server/record/events.ts';
import { CONTENT_TYPES, attachment, toXlsx } from '$lib/server/files/export.ts';
import { scorecardTable } from '$lib/board/reports/scorecard-table.ts';
import { translator } from '$lib/i18n/dictionaries.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const rights = await requireCouncil(event);
	const { council } = rights;
	const { app } = event.locals;
	const params = event.url.searchParams;
	const format = params.get('format') ?? 'json';
	if (format !== 'json' && format !== 'xlsx') httpError(400, 'export.badFormat');
	const years = await councilYears(app, council.id);
	const year = scorecardYear(params.get('year'), years);
	if (year === null) httpError(400, 'scorecard.badYear');
	const scorecard = await unitScorecard(app, council.id, year);
	if (format === 'json')
		return json({ year, years, ...scorecard }, { headers: { 'cache-control': 'no-store' } });

	if (!mayExport(rights, council)) httpError(403, 'export.forbidden');
	const t = translator(event.locals.locale);
	await recordEvent(app.db, { councilId: council.id, boardId: null }, rights.user.id, {
		type: 'export',
		format,
		document: 'scorecard',
		year,
		version: null
	});
	const file = await toXlsx([scorecardTable(scorecard.rows, t)]);
	return new Response(new Uint8Array(file), {
		headers: {
			'content-type': CONTENT_TYPES.xlsx,
			'content-disposition': attachment(
				t('scorecard.fileName', { council: council.name, year }),
				`gongjian-scorecard-${year}`,
				'xlsx'
			),
			'cache-control': 'no-store'
		}
	});
};
