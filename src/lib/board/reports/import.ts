// Reading rows of a spreadsheet into a list: which column holds which field (guessed from the
// headers a council uses, in Chinese or English, then chosen by the person), each cell read as its
// field wants it, and every problem named by row and column. Pure, so the browser previews exactly
// what will be written, and tests check it without a page. It knows both languages' words (a header
// may be in either), so the board page loads it, with both dictionaries, only when a file is chosen.
import { LOCALES } from '../../i18n/index.ts';
import { translator } from '../../i18n/dictionaries.ts';
import { labelKey, optionKey, type ImportedList } from '../model/descriptor.ts';
import {
	isIsoDate,
	itemProblems,
	type FieldSpec,
	type ItemInput,
	type ListSpec,
	type Problem
} from '../model/fields.ts';
import { unneutralise } from './tables.ts';
import { IMPORTS, UNIT_TARGET, type Cell, type ImportList, type Target } from './import-targets.ts';

/** Headers that name the unit whose rows these are, in a list of a unit's sheet. */
const UNIT_HEADERS = [
	'单位',
	'单位名称',
	'责任单位',
	'所属单位',
	'承诺单位',
	'提供单位',
	'unit',
	'organisation',
	'organization'
];

/** A header that means either the unit whose rows these are or, in Chinese tables, the unit of
 *  measure beside 数量 (个, 人, 次…): which one is read from the column's neighbours and cells. */
const BARE_UNIT = ['单位', 'unit'];

/** Words of measure a council's tables use in a 单位 column. */
const MEASURES = new Set(
	(
		'个 人 名 位 次 场 期 节 课时 台 套 件 份 本 张 把 辆 间 箱 袋 盒 瓶 支 组 批 块 条 只 座 栋 处 所 家 户 项 元 万元 ' +
		'小时 天 人次 平方米 ㎡ 米 公斤 千克 斤 吨 pcs piece pieces people person persons times hours sets kg'
	).split(' ')
);

const normal = (header: string) =>
	header
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[（(][^）)]*[）)]/g, '') // 数量（个） → 数量
		.replace(/[\s*:：]/g, '');

/** Every name a field goes by, normalised: its label in each language and the synonyms. */
function namesOf(list: ImportList): Map<string, Target> {
	const names = new Map<string, Target>();
	const add = (name: string, target: Target) => {
		const key = normal(name);
		if (key && !names.has(key)) names.set(key, target);
	};
	const descriptor: ImportedList = IMPORTS[list];
	const { fields, synonyms } = descriptor.import;
	for (const locale of LOCALES) {
		const t = translator(locale);
		for (const field of fields) add(t(labelKey(descriptor, field)), field);
	}
	for (const field of fields) for (const name of synonyms[field] ?? []) add(name, field);
	if (list !== 'needs') for (const name of UNIT_HEADERS) add(name, UNIT_TARGET);
	return names;
}

/** The header row: the first of the top rows naming two or more fields (a title row above it is
 *  common), else the first row with anything in it. */
export function guessHeaderRow(rows: Cell[][], list: ImportList): number {
	const names = namesOf(list);
	const top = rows.slice(0, 10);
	const named = top.findIndex(
		(row) => row.filter((cell) => names.has(normal(String(cell)))).length >= 2
	);
	if (named >= 0) return named;
	return Math.max(
		0,
		rows.findIndex((row) => row.some((cell) => String(cell).trim() !== ''))
	);
}

/** What a guess may look at besides the headers: rows under the header, and the council's units. */
export interface ColumnEvidence {
	below: Cell[][];
	units: readonly string[];
}

/** A target per column, from its header; each target taken by the first column that names it. A
 *  bare 单位 is decided last (see `unitOrMeasure`), so a 计量单位 column elsewhere keeps the measure. */
export function guessMapping(
	header: Cell[],
	list: ImportList,
	evidence: ColumnEvidence = { below: [], units: [] }
): Target[] {
	const names = namesOf(list);
	const taken = new Set<Target>();
	const bare = header.map((cell) => BARE_UNIT.includes(normal(String(cell))));
	const mapping = header.map((cell, column) => {
		const target = names.get(normal(String(cell))) ?? '';
		if (bare[column] || !target || taken.has(target)) return '';
		taken.add(target);
		return target;
	});
	header.forEach((_, column) => {
		if (!bare[column]) return;
		const target = unitOrMeasure(header, column, list, evidence);
		if (target && !taken.has(target)) {
			mapping[column] = target;
			taken.add(target);
		}
	});
	return mapping;
}

/** A 单位 column is the unit filter when a cell names one of the council's units; else the unit of
 *  measure when its cells are words of measure or it stands beside the quantity; else the filter
 *  (and readRows says so if it leaves out every row). A list without a measure leaves it out. */
function unitOrMeasure(
	header: Cell[],
	column: number,
	list: ImportList,
	evidence: ColumnEvidence
): Target {
	const cells = evidence.below.map((row) => String(row[column] ?? '').trim()).filter(Boolean);
	if (cells.some((cell) => evidence.units.some((unit) => sameName(cell, unit)))) return UNIT_TARGET;
	const quantity = (cell: Cell | undefined) =>
		cell !== undefined && namesOf('pledges').get(normal(String(cell))) === 'quantity';
	const measures = cells.length > 0 && cells.every((cell) => MEASURES.has(normal(cell)));
	if (!measures && !quantity(header[column - 1]) && !quantity(header[column + 1]))
		return UNIT_TARGET;
	return (IMPORTS[list].import.fields as readonly string[]).includes('measure') ? 'measure' : '';
}

/** What is wrong with one cell, or with a row's own fields. */
export type ImportProblem = Problem | 'unknownChoice';

export interface RowProblem {
	/** The row as the spreadsheet numbers it (1 is the first). */
	row: number;
	/** The column index (0 is A). */
	column: number;
	field: string;
	problem: ImportProblem;
	/** What the cell held, for the message. */
	value: string;
}

export interface ImportRow<L extends ImportList = ImportList> {
	row: number;
	input: ItemInput<(typeof IMPORTS)[L]>;
}

export interface ReadRows<L extends ImportList = ImportList> {
	rows: ImportRow<L>[];
	problems: RowProblem[];
	/** Rows left out because the unit column names another unit. */
	otherUnits: number;
	/** When the unit column left out every row: that column and the first values it held, so the
	 *  person sees it is no unit column (a unit of measure, say) rather than a silent 0. */
	unitLeftOutAll: { column: number; values: string[] } | null;
	/** Required fields no column is mapped to: nothing can be imported until one is. */
	missing: string[];
}

/**
 * Reads the rows under the header into items. Blank rows are passed over; rows whose unit column
 * names another unit than `unitName` are counted and left out; every other row is an item, with its
 * problems listed (an item with a problem is not to be written).
 */
export function readRows<L extends ImportList>(
	list: L,
	rows: Cell[][],
	headerRow: number,
	mapping: Target[],
	unitName?: string
): ReadRows<L> {
	const spec: ListSpec = IMPORTS[list];
	const choices = choiceWords(list);
	const out: ReadRows<L> = {
		rows: [],
		problems: [],
		otherUnits: 0,
		unitLeftOutAll: null,
		missing: []
	};
	const leftOutValues = new Set<string>();
	const unitColumn = mapping.indexOf(UNIT_TARGET);
	const required = Object.entries(spec.fields)
		.filter(([, f]) => f.kind === 'text' && f.required)
		.map(([name]) => name);
	out.missing = required.filter((name) => !mapping.includes(name));

	rows.forEach((cells, index) => {
		if (index <= headerRow || cells.every((cell) => String(cell).trim() === '')) return;
		const row = index + 1;
		if (
			unitColumn >= 0 &&
			unitName !== undefined &&
			!sameName(String(cells[unitColumn] ?? ''), unitName)
		) {
			out.otherUnits++;
			leftOutValues.add(String(cells[unitColumn] ?? '').trim());
			return;
		}
		const input: Record<string, unknown> = {};
		const problems: RowProblem[] = [];
		mapping.forEach((target, column) => {
			const field = spec.fields[target];
			if (!field) return;
			const read = readCell(field, cells[column] ?? '', choices.get(target));
			if (read.ok) input[target] = read.value;
			else
				problems.push({
					row,
					column,
					field: target,
					problem: read.problem,
					value: String(cells[column] ?? '')
				});
		});
		// Length and required checks are the board's own, on the item as it would be written.
		const item = Object.fromEntries(
			Object.entries(spec.fields).map(([name, f]) => [
				name,
				input[name] ?? (f.kind === 'number' ? null : f.kind === 'refs' ? [] : '')
			])
		);
		for (const [field, problem] of Object.entries(itemProblems(spec, item))) {
			const column = mapping.indexOf(field);
			// A required field without a column is said once, as `missing`, not on every row.
			if (!problem || problems.some((p) => p.field === field) || column < 0) continue;
			problems.push({
				row,
				column,
				field,
				problem,
				value: column >= 0 ? String(cells[column] ?? '') : ''
			});
		}
		out.problems.push(...problems);
		if (problems.length === 0) out.rows.push({ row, input: input as ImportRow<L>['input'] });
	});
	const kept = out.rows.length + new Set(out.problems.map((p) => p.row)).size;
	if (out.otherUnits > 0 && kept === 0)
		out.unitLeftOutAll = { column: unitColumn, values: [...leftOutValues].slice(0, 5) };
	return out;
}

const sameName = (a: string, b: string) => normal(a) === normal(b);

/** For each choice field, every word that names an option (in either language, or the option itself). */
function choiceWords(list: ImportList): Map<string, Map<string, string>> {
	const out = new Map<string, Map<string, string>>();
	const descriptor: ImportedList = IMPORTS[list];
	for (const [name, field] of Object.entries(descriptor.fields)) {
		if (field.kind !== 'choice') continue;
		const words = new Map<string, string>();
		for (const option of field.options) {
			words.set(normal(option), option);
			const key = optionKey(descriptor, name, option);
			if (key) for (const locale of LOCALES) words.set(normal(translator(locale)(key)), option);
		}
		out.set(name, words);
	}
	return out;
}

type CellRead = { ok: true; value: unknown } | { ok: false; problem: ImportProblem };

function readCell(field: FieldSpec, cell: Cell, words?: Map<string, string>): CellRead {
	const text = typeof cell === 'number' ? String(cell) : cell.trim();
	switch (field.kind) {
		case 'text':
			// Kept as the person wrote it, formulas included: the board never evaluates a cell, and
			// exports neutralise one that starts like a formula (the quote they add is taken off again).
			return {
				ok: true,
				value:
					typeof cell === 'number'
						? String(cell)
						: unneutralise(cell.replace(/\r\n?/g, '\n').trim())
			};
		case 'choice': {
			if (text === '') return { ok: true, value: field.options[0] };
			const option = words?.get(normal(text));
			return option ? { ok: true, value: option } : { ok: false, problem: 'unknownChoice' };
		}
		case 'number': {
			if (typeof cell === 'number') return { ok: true, value: cell };
			if (text === '') return { ok: true, value: null };
			const value = Number(text.normalize('NFKC').replace(/[,，\s]/g, ''));
			return Number.isFinite(value) ? { ok: true, value } : { ok: false, problem: 'notANumber' };
		}
		case 'date': {
			if (text === '') return { ok: true, value: '' };
			const date = typeof cell === 'number' ? fromSerial(cell) : readDate(text);
			return date ? { ok: true, value: date } : { ok: false, problem: 'notADate' };
		}
		default:
			return { ok: true, value: undefined };
	}
}

/** 2026-11-22, 2026/11/22, 2026.11.22, 2026年11月22日 → 2026-11-22. */
function readDate(text: string): string | null {
	const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(
		text.normalize('NFKC')
	);
	if (!match) return null;
	const date = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
	return isIsoDate(date) ? date : null;
}

/** A date Excel kept as a plain number (days since 1899-12-30) in a cell not formatted as a date. */
function fromSerial(days: number): string | null {
	if (!Number.isInteger(days) || days < 20_000 || days > 80_000) return null;
	return new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString().slice(0, 10);
}
