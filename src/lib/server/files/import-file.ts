// Reading an uploaded spreadsheet (.xlsx or .csv) into rows of cells, refusing what it cannot read
// safely with a reason a person understands: an empty or oversized file, another kind of file, an
// old .xls, a broken or bomb-like zip, too many rows. Nothing here writes anything; the rows go back
// to the browser, which maps and previews them (board/reports/import.ts) before anything is added.
import readXlsxFile from 'read-excel-file/node';
import { Unzip, UnzipInflate } from 'fflate';
import type { Cell } from '../../board/reports/tables.ts';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** A spreadsheet's sheets may unpack to this much XML at most: real ones are far below it, a zip
 *  bomb (a small file that inflates to gigabytes) is stopped as soon as it passes it. */
const MAX_UNPACKED = 60 * 1024 * 1024;
const MAX_ENTRIES = 2_000;
export const IMPORT_MAX_ROWS = 5_000;
const MAX_COLUMNS = 100;

export type FileProblem =
	| { problem: 'empty' }
	| { problem: 'tooLarge'; max: number }
	| { problem: 'wrongType' }
	| { problem: 'oldExcel' }
	| { problem: 'brokenFile' }
	| { problem: 'zipBomb' }
	| { problem: 'tooManyRows'; rows: number; max: number }
	| { problem: 'tooManyColumns'; max: number };

export interface FileSheet {
	name: string;
	rows: Cell[][];
}

export type FileRead = { ok: true; sheets: FileSheet[] } | ({ ok: false } & FileProblem);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // .xls (and .doc) of Office 97–2003
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export async function readSpreadsheet(bytes: Uint8Array): Promise<FileRead> {
	if (bytes.length === 0) return { ok: false, problem: 'empty' };
	if (bytes.length > IMPORT_MAX_BYTES)
		return { ok: false, problem: 'tooLarge', max: IMPORT_MAX_BYTES };
	if (startsWith(bytes, OLE)) return { ok: false, problem: 'oldExcel' };
	const sheets = startsWith(bytes, ZIP) ? await readXlsx(bytes) : readCsv(bytes);
	if (!Array.isArray(sheets)) return { ok: false, ...sheets };
	return checked(sheets);
}

async function readXlsx(bytes: Uint8Array): Promise<FileSheet[] | FileProblem> {
	const zip = inspectZip(bytes);
	if ('problem' in zip) return zip;
	// A .docx or any other zip is not a spreadsheet.
	if (!zip.names.includes('xl/workbook.xml')) return { problem: 'wrongType' };
	try {
		const sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
		return sheets.map(({ sheet, data }) => ({
			name: sheet,
			rows: data.map((row) => row.map(cellOf))
		}));
	} catch {
		return { problem: 'brokenFile' };
	}
}

function cellOf(value: unknown): Cell {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return value;
	// Dates come as midnight UTC of the day the cell shows.
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
	return String(value);
}

/**
 * Inflates every entry once, counting, without keeping anything: a zip that unpacks past the limit
 * (or holds a great many entries) is a bomb, one that cannot be inflated is broken. Compressed data
 * goes in 16 KB at a time, so no single step can produce more than ~16 MB. The entries are found as
 * read-excel-file finds them on Node (streaming, local headers in order), so it meets no entry that
 * was not counted here.
 */
function inspectZip(bytes: Uint8Array): { names: string[] } | FileProblem {
	const names: string[] = [];
	let unpacked = 0;
	let problem: FileProblem | null = null;
	const unzip = new Unzip((file) => {
		names.push(file.name);
		if (names.length > MAX_ENTRIES) problem = { problem: 'zipBomb' };
		if (file.compression !== 0 && file.compression !== 8) problem ??= { problem: 'brokenFile' };
		if (problem) return;
		file.ondata = (err, chunk) => {
			if (err) problem ??= { problem: 'brokenFile' };
			unpacked += chunk?.length ?? 0;
			if (unpacked > MAX_UNPACKED) {
				problem ??= { problem: 'zipBomb' };
				file.terminate();
			}
		};
		file.start();
	});
	unzip.register(UnzipInflate);
	const step = 16 * 1024;
	try {
		for (let at = 0; at < bytes.length && !problem; at += step)
			unzip.push(bytes.subarray(at, at + step), at + step >= bytes.length);
	} catch {
		problem ??= { problem: 'brokenFile' };
	}
	return problem ?? { names };
}

/** CSV as Excel and WPS write it: UTF-8 (with or without a BOM) or GB18030 (GBK), comma-, tab- or
 *  semicolon-separated. A file with NUL bytes is not text. */
function readCsv(bytes: Uint8Array): FileSheet[] | FileProblem {
	if (bytes.includes(0)) return { problem: 'wrongType' };
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		text = new TextDecoder('gb18030').decode(bytes);
	}
	text = text.replace(/^\uFEFF/, '');
	const firstLine = text.slice(0, text.search(/\r?\n|$/));
	const separator = [',', '\t', ';'].reduce(
		(best, s) => (firstLine.split(s).length > firstLine.split(best).length ? s : best),
		','
	);
	return [{ name: 'CSV', rows: parseCsv(text, separator) }];
}

/** RFC 4180: quoted fields may hold separators, doubled quotes and line breaks. */
export function parseCsv(text: string, separator = ','): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === separator) {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

function checked(sheets: FileSheet[]): FileRead {
	const filled = (row: Cell[]) => row.some((cell) => String(cell).trim() !== '');
	for (const sheet of sheets) {
		// Trailing blank rows and columns are not part of what a person sees.
		while (sheet.rows.length > 0 && !filled(sheet.rows.at(-1)!)) sheet.rows.pop();
		const rows = sheet.rows.filter(filled).length;
		if (rows > IMPORT_MAX_ROWS + 1)
			return { ok: false, problem: 'tooManyRows', rows, max: IMPORT_MAX_ROWS };
		for (const row of sheet.rows) {
			while (row.length > 0 && String(row.at(-1)).trim() === '') row.pop();
			if (row.length > MAX_COLUMNS)
				return { ok: false, problem: 'tooManyColumns', max: MAX_COLUMNS };
		}
	}
	const withRows = sheets.filter((s) => s.rows.length > 0);
	return withRows.length === 0 ? { ok: false, problem: 'empty' } : { ok: true, sheets: withRows };
}
