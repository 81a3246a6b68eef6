// Files made from a board's tables (board/reports/tables.ts): Excel with a sheet per list, CSV per list (UTF-8
// with a BOM so that Excel reads Chinese right), and the JSON of the whole board that import reads
// back. Text cells are neutralised against formula injection in every format a spreadsheet opens.
import writeXlsxFile, { type Cell as XlsxCell, type Sheet } from 'write-excel-file/node';
import {
	boardTables,
	neutralise,
	spreadsheetHeader,
	type Cell,
	type Table
} from '../../board/reports/tables.ts';
import type { BoardContent, MeetingsExport } from '../../board/ydoc/content.ts';
import { asOfNote, asOfSentence, exportAsOf, versionDay } from '../../board/model/as-of.ts';
import { isLocked } from '../../board/model/status.ts';
import { periodName } from '../../board/model/periods.ts';
import { formatDate, type Locale, type Translate } from '../../i18n/index.ts';
import type { BoardDocuments } from '../docs/documents.ts';
import type { Board } from '../council/councils.ts';
import { readBoardContent } from '../docs/board-content.ts';
import { getVersion, listVersions, versionContent } from '../versions/versions.ts';
import { listUnits } from '../council/units.ts';

export const CONTENT_TYPES = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8',
	json: 'application/json; charset=utf-8'
} as const;

/** The workbook: one sheet per table, a bold frozen header row, widths, dates as dates, numbers as numbers. */
export async function toXlsx(tables: Table[]): Promise<Buffer> {
	const sheets: Sheet<Buffer>[] = tables.map((table) => ({
		sheet: table.title,
		stickyRowsCount: 1,
		columns: table.columns.map((c) => ({ width: c.width })),
		data: [
			table.columns.map((c): XlsxCell => ({
				value: spreadsheetHeader(table, c),
				fontWeight: 'bold'
			})),
			...table.rows.map((row) => row.map((value, i) => xlsxCell(value, table.columns[i]!.kind)))
		]
	}));
	return (await writeXlsxFile(sheets, { fontFamily: 'SimSun', fontSize: 11 }).toBuffer()) as Buffer;
}

function xlsxCell(value: Cell, kind: Table['columns'][number]['kind']): XlsxCell {
	if (value === null || value === '') return null;
	if (kind === 'number' && typeof value === 'number') return { value, type: Number };
	if (kind === 'percent' && typeof value === 'number')
		return { value, type: Number, format: '0.0%' };
	// Dates are kept as calendar days: midnight UTC of that day, shown as yyyy-mm-dd.
	if (kind === 'date' && typeof value === 'string')
		return { value: new Date(`${value}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' };
	return { value: neutralise(String(value)), type: String };
}

/** One table as CSV: a BOM, CRLF line ends, every cell quoted where it needs to be. */
export function toCsv(table: Table): string {
	const line = (cells: Cell[]) => cells.map((c) => csvCell(c)).join(',');
	return (
		'\uFEFF' +
		[line(table.columns.map((c) => spreadsheetHeader(table, c))), ...table.rows.map(line)].join(
			'\r\n'
		) +
		'\r\n'
	);
}

function csvCell(value: Cell): string {
	if (value === null) return '';
	const text = typeof value === 'number' ? String(value) : neutralise(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The board as JSON, in the versioned format import reads (docs/reference.md: "Export"). */
export interface BoardExport {
	format: 'gongjian-board';
	version: 1;
	exportedAt: string;
	board: { title: string; period: string; council: string; status: string; source: string };
	units: {
		id: string;
		name: string;
		kind: string;
		contactName: string;
		contactPhone: string;
		liaison: string;
	}[];
	content: BoardContent;
	/** The board's meetings as they are now (they are not part of versions). */
	meetings: MeetingsExport;
}

export function toJson(data: Omit<BoardExport, 'format' | 'version'>): string {
	const out: BoardExport = { format: 'gongjian-board', version: 1, ...data };
	return JSON.stringify(out, null, 2);
}

/**
 * A Content-Disposition naming the file in the reader's language (with the council's own names in it)
 * for browsers that read RFC 5987's `filename*`, and in plain ASCII English for the rest
 * (`asciiName`: "gongjian-plan-2026-06-28").
 */
export function attachment(fileName: string, asciiName: string, extension: string): string {
	const ascii = `${asciiName.replace(/[^\w.-]+/g, '-')}.${extension}`;
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${fileName}.${extension}`)}`;
}

/**
 * What an export is made of: the version asked for (`agreed` — the default, falling back to the live
 * board when nothing is agreed yet —, `live`, or a version id; undefined when there is no such
 * version), its content, the tables with overdue counted as of the version's day or today
 * (as-of.ts), the document's title, its lead and the sentence saying which day it stands on.
 */
export async function exportSource(
	app: BoardDocuments,
	board: Board,
	wanted: string,
	t: Translate,
	locale: Locale,
	now = new Date()
) {
	const agreed = (await listVersions(app.db, board.id)).find((v) => v.kind === 'agreed');
	const version =
		wanted === 'live'
			? null
			: wanted === 'agreed'
				? (agreed ?? null)
				: await getVersion(app.db, board.id, wanted);
	if (version === undefined) return undefined;
	const content = version
		? await versionContent(app.db, version.id)
		: await readBoardContent(app, board);
	const units = await listUnits(app.db, board.councilId);
	const asOf = exportAsOf(version, board.status, now);
	// The live board of a locked plan is the agreed plan as followed up since: it says when it was agreed.
	const agreedPlan = version
		? version.kind === 'agreed'
			? version
			: undefined
		: isLocked(board.status)
			? agreed
			: undefined;
	return {
		version,
		content,
		units,
		asOf,
		tables: boardTables(content, units, t, { day: asOf.day, note: asOfNote(asOf, t, locale) }),
		title: t('export.fileTitle', {
			council: board.councilName,
			period: periodName(board.period, locale)
		}),
		titleNames: [board.councilName, periodName(board.period, locale)],
		// 落款: the council, on the day the document stands on.
		signature: { issuer: board.councilName, date: formatDate(locale, asOf.day) },
		lead: agreedPlan
			? t('export.leadAgreed', { date: formatDate(locale, versionDay(agreedPlan)) })
			: t('export.leadDraft'),
		asOfLine: asOfSentence(asOf, t, locale)
	};
}

/** The tables named in `include` (comma-separated table keys), in their own order; all when none is named. */
export function chosenTables(tables: Table[], include: string | null): Table[] {
	const wanted = new Set((include ?? '').split(',').filter(Boolean));
	const chosen = tables.filter((t) => wanted.has(t.key));
	return chosen.length ? chosen : tables;
}
