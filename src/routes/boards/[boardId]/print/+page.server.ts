import { httpError, requireBoard } from '$lib/server/http/guards.ts';
import { mayExport } from '$lib/server/policy/board.ts';
import { chosenTables, exportSource } from '$lib/server/files/export.ts';
import { translator } from '$lib/i18n/dictionaries.ts';
import { paperTable } from '$lib/board/reports/tables.ts';
import { titlePieces } from '$lib/title-lines.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const rights = await requireBoard(event);
	const { board } = rights;
	if (!mayExport(rights, board)) httpError(403, 'export.forbidden');
	const t = translator(event.locals.locale);
	const source = await exportSource(
		event.locals.app,
		board,
		event.url.searchParams.get('version') ?? 'agreed',
		t,
		event.locals.locale
	);
	if (!source) httpError(404, 'export.noSuchVersion');
	const tables = chosenTables(source.tables, event.url.searchParams.get('include'))
		.filter((table) => table.key !== 'units')
		.map((table) => paperTable(table, event.locals.locale));
	// The title's words, which the page keeps whole when it breaks the title (a phone's line holds ten).
	const titleWords = titlePieces(source.title, source.titleNames, 10);
	return {
		board,
		title: source.title,
		titleWords,
		lead: source.lead,
		asOfLine: source.asOfLine,
		signature: source.signature,
		tables
	};
};
