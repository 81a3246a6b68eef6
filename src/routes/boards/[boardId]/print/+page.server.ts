import { error } from '@sveltejs/kit';
import { requireBoard } from '$lib/server/guards.ts';
import { mayExport } from '$lib/server/access.ts';
import { chosenTables, exportSource } from '$lib/server/export.ts';
import { translator } from '$lib/i18n/index.ts';
import { PRINT_COLUMNS, pick } from '$lib/board/tables.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const rights = requireBoard(event);
	const { board } = rights;
	if (!mayExport(rights, board)) error(403, 'export.forbidden');
	const t = translator(event.locals.locale);
	const source = exportSource(event.locals.app, board, event.url.searchParams.get('version') ?? 'agreed', t, event.locals.locale);
	if (!source) error(404, 'export.noSuchVersion');
	const tables = chosenTables(source.tables, event.url.searchParams.get('include'))
		.filter((table) => table.key !== 'units')
		.map((table) => pick(table, PRINT_COLUMNS[table.key] ?? []));
	return { board, title: source.title, lead: source.lead, asOfLine: source.asOfLine, tables };
};
