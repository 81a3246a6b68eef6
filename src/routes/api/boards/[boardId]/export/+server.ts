// One URL for every export of a board, for links and integrations:
//   GET /api/boards/<boardId>/export?format=docx|xlsx|csv|json[&document=plan|minutes][&meeting=<meetingId>]
//       [&list=needs|pledges|plan|commitments][&version=agreed|live|<versionId>][&include=needs,pledges,plan,commitments,units]
// By default the agreed version of the plan when there is one, else the board as it is now. The
// minutes (会议纪要) are of the meeting named, else the latest, with that plan as their annex.

import { httpError, requireBoard } from '$lib/server/http/guards.ts';
import { mayExport } from '$lib/server/policy/board.ts';
import { recordEvent } from '$lib/server/record/events.ts';
import {
	CONTENT_TYPES,
	attachment,
	chosenTables,
	exportSource,
	toCsv,
	toJson,
	toXlsx
} from '$lib/server/files/export.ts';
import { minutesDocx, planDocx } from '$lib/server/files/docx.ts';
import { minutesOf } from '$lib/server/files/minutes.ts';
import { readMeetingsContent } from '$lib/server/docs/board-content.ts';
import { plainMeetings } from '$lib/board/ydoc/content.ts';
import { paperTable, type TableKey } from '$lib/board/reports/tables.ts';
import { punctuation } from '$lib/i18n/index.ts';
import { translator } from '$lib/i18n/dictionaries.ts';
import type { RequestHandler } from './$types';

const FORMATS = ['docx', 'xlsx', 'csv', 'json'] as const;
const LISTS = ['needs', 'pledges', 'plan', 'commitments'] as const;

export const GET: RequestHandler = async (event) => {
	const rights = await requireBoard(event);
	const { board } = rights;
	const { app } = event.locals;
	if (!mayExport(rights, board)) httpError(403, 'export.forbidden');

	const params = event.url.searchParams;
	const format = params.get('format') as (typeof FORMATS)[number];
	if (!FORMATS.includes(format)) httpError(400, 'export.badFormat');
	const list = params.get('list') as (typeof LISTS)[number] | null;
	if (format === 'csv' && (!list || !LISTS.includes(list))) httpError(400, 'export.badList');
	const document = params.get('document') ?? 'plan';
	if (format === 'docx' && document !== 'plan' && document !== 'minutes')
		httpError(400, 'export.badDocument');

	const t = translator(event.locals.locale);
	const source = await exportSource(
		app,
		board,
		params.get('version') ?? 'agreed',
		t,
		event.locals.locale
	);
	if (!source) httpError(404, 'export.noSuchVersion');
	const { version, content, units, title } = source;
	const tables = chosenTables(source.tables, params.get('include'));

	await recordEvent(app.db, { councilId: board.councilId, boardId: board.id }, rights.user.id, {
		type: 'export',
		format,
		list: list ?? undefined,
		document: format === 'docx' ? document : undefined,
		version: version ? { id: version.id, label: version.label, kind: version.kind } : null
	});

	// The ASCII name for clients without RFC 5987: what the file is and the day it stands on.
	const what =
		format === 'json' ? 'board' : format === 'docx' && document === 'minutes' ? 'minutes' : 'plan';
	const headers = (
		extension: string,
		name = title,
		ascii = `gongjian-${what}-${source.asOf.day}`
	) => ({
		'content-type': CONTENT_TYPES[format],
		'content-disposition': attachment(name, ascii, extension),
		'cache-control': 'no-store'
	});
	if (format === 'xlsx')
		return new Response(new Uint8Array(await toXlsx(tables)), { headers: headers('xlsx') });
	if (format === 'docx') {
		const { lead, asOfLine, titleNames, signature } = source;
		const plan = {
			title,
			titleNames,
			signature,
			lead,
			asOfLine,
			marks: punctuation(t, event.locals.locale),
			tables: tables.map((table) => paperTable(table, event.locals.locale))
		};
		if (document === 'plan')
			return new Response(new Uint8Array(await planDocx(plan)), { headers: headers('docx') });
		const made = await minutesOf(
			app,
			board,
			params.get('meeting'),
			{ content, annex: tables.some((t) => t.key !== 'units') ? plan : null },
			t,
			event.locals.locale
		);
		if (!made) httpError(404, 'export.noMeeting');
		return new Response(new Uint8Array(await minutesDocx(made.minutes)), {
			headers: headers('docx', made.fileName)
		});
	}
	if (format === 'csv') {
		const table = tables.find((t) => t.key === (list as TableKey))!;
		return new Response(toCsv(table), {
			headers: headers('csv', `${title}-${table.title}`, `gongjian-${list}-${source.asOf.day}`)
		});
	}
	const json = toJson({
		exportedAt: new Date().toISOString(),
		board: {
			title: board.title,
			period: board.period,
			council: board.councilName,
			status: board.status,
			source: version ? `version:${version.id}` : 'live'
		},
		units: units.map((u) => ({
			id: u.id,
			name: u.name,
			kind: u.kind,
			contactName: u.contactName,
			contactPhone: u.contactPhone,
			liaison: u.liaison
		})),
		content,
		meetings: plainMeetings(await readMeetingsContent(app, board.id))
	});
	return new Response(json, { headers: headers('json') });
};
