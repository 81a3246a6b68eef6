// A board's content as the tables a council files: one per list (needs, pledges by unit, the activity
// plan, commitments by unit) and the units, with the columns it uses (序号, 项目名称, 责任单位, 配合单位,
// 时间, 地点, 资源, 联系人, 完成情况…), links turned into names and choices into words. Exports (Excel,
// CSV, Word) all write these tables, so they say the same thing.
import { formatDate, type Locale, type Translate, type WordsOf } from '../../i18n/index.ts';
import { labelKey, optionKey, type ExportedList } from '../model/descriptor.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../model/lists/index.ts';
import { isOverdue, isProjectOverdue } from '../model/rules.ts';
import { match, pledgeRef } from './matching.ts';
import type { BoardContent } from '../ydoc/content.ts';

export type TableKey = 'needs' | 'pledges' | 'plan' | 'commitments' | 'units' | 'scorecard';
export type Cell = string | number | null;

export interface Column {
	/** The field it shows (`number` for 序号, `unit`, `claimedBy`, or a list field's name). */
	key: string;
	header: string;
	/** `percent`: a share from 0 to 1, shown as 75% (the scorecard's rates). */
	kind: 'text' | 'number' | 'date' | 'percent';
	/** In characters, for spreadsheets (a Chinese character takes two). */
	width: number;
	/** On paper: never wrapped, `width` being its widest cell (paperTable). */
	fit?: boolean;
}

export interface Table {
	key: TableKey;
	title: string;
	columns: Column[];
	rows: Cell[][];
	/** Lists whose status says 逾期: the day that is counted against, in words for after the status
	 *  header or the list's heading ("（截至2026年6月28日）"; as-of.ts). */
	asOf?: string;
}

export interface UnitInfo {
	id: string;
	name: string;
	kind: WordsOf<'unitKind'>;
	contactName: string;
	contactPhone: string;
	liaison: string;
}

/** The lists with a table of their own; each descriptor says its columns (`export`). */
type TableList = 'needs' | 'pledges' | 'plan' | 'commitments';
const TABLE_LISTS: Record<TableList, ExportedList> = {
	needs: NEEDS,
	pledges: PLEDGES,
	plan: PLAN,
	commitments: COMMITMENTS
};
const isTableList = (key: TableKey): key is TableList => Object.hasOwn(TABLE_LISTS, key);

/** `asOf`: the day overdue is counted against (as-of.ts says which) and its words for the tables. */
export function boardTables(
	content: BoardContent,
	units: UnitInfo[],
	t: Translate,
	asOf: { day: string; note: string }
): Table[] {
	const today = asOf.day;
	const unitName = new Map(units.map((u) => [u.id, u.name]));
	for (const sheet of content.sheets)
		if (!unitName.has(sheet.unit.id)) unitName.set(sheet.unit.id, sheet.unit.name);
	const needTitle = new Map(content.needs.map((n) => [n.id, n.title]));
	const projectTitle = new Map(content.plan.map((p) => [p.id, p.title]));
	const pledgeTitle = new Map(
		content.sheets.flatMap((s) =>
			s.pledges.map(
				(p) => [`${s.unit.id}/${p.id}`, `${s.unit.name}${t('list.colon')}${p.title}`] as const
			)
		)
	);
	const names = (ids: string[], from: Map<string, string>) =>
		ids
			.map((id) => from.get(id))
			.filter(Boolean)
			.join(t('list.separator'));
	const target = (ref: string) => {
		const [kind, id] = ref.split(':');
		return (kind === 'need' ? needTitle : projectTitle).get(id ?? '') ?? '';
	};

	// The board's own view of things: a need claimed by a unit reads as claimed; overdue commitments and projects say so.
	const matching = match(
		content,
		content.sheets.map((sheet) => ({ unitId: sheet.unit.id, sheet })),
		today
	);
	const needState = new Map(matching.needs.map((m) => [m.need.id, m]));

	function cell(list: TableList, name: string, item: Record<string, unknown>): Cell {
		const descriptor = TABLE_LISTS[list];
		const field = descriptor.fields[name]!;
		const value = item[name];
		switch (field.kind) {
			case 'choice': {
				const words = optionKey(descriptor, name, value);
				return words ? t(words) : String(value);
			}
			case 'number':
				return typeof value === 'number' ? value : null;
			case 'date':
				return value ? String(value) : null;
			case 'ref':
				if (field.to === 'unit') return unitName.get(String(value)) ?? '';
				if (field.to === 'project') return projectTitle.get(String(value)) ?? '';
				if (field.to === 'need|project') return value ? target(String(value)) : '';
				return String(value ?? '');
			case 'refs': {
				const ids = value as string[];
				if (field.to === 'unit') return names(ids, unitName);
				if (field.to === 'need') return names(ids, needTitle);
				if (field.to === 'pledge') return names(ids, pledgeTitle);
				return ids.join(t('list.separator'));
			}
			default:
				return String(value ?? '');
		}
	}

	const columnsOf = (list: TableList, withUnit: boolean, extra: Column[] = []): Column[] => [
		{ key: 'number', header: t('export.col.number'), kind: 'number', width: 6 },
		...(withUnit
			? [{ key: 'unit', header: t('export.col.unit'), kind: 'text' as const, width: 20 }]
			: []),
		...TABLE_LISTS[list].export.columns.map(([name, width]): Column => {
			const { kind } = TABLE_LISTS[list].fields[name]!;
			return {
				key: name,
				header: t(labelKey(TABLE_LISTS[list], name)),
				kind: kind === 'number' ? 'number' : kind === 'date' ? 'date' : 'text',
				width
			};
		}),
		...extra
	];
	const rowOf = (list: TableList, index: number, item: object, unit?: string): Cell[] => [
		index + 1,
		...(unit === undefined ? [] : [unit]),
		...TABLE_LISTS[list].export.columns.map(([name]) =>
			cell(list, name, item as Record<string, unknown>)
		)
	];

	/** One list of every unit's sheet, each item with its unit's name, in the sheets' order. */
	const fromEachSheet = <T>(list: (sheet: BoardContent['sheets'][number]) => T[]) =>
		content.sheets.flatMap((s) => list(s).map((item) => ({ unit: s.unit.name, item })));

	const needs: Table = {
		key: 'needs',
		title: t('board.needs'),
		columns: columnsOf('needs', false, [
			{ key: 'claimedBy', header: t('export.col.claimedBy'), kind: 'text', width: 20 }
		]),
		rows: content.needs.map((need, i) => {
			const m = needState.get(need.id);
			const row = rowOf('needs', i, { ...need, status: m?.state ?? need.status });
			return [...row, names(m?.claimedBy ?? [], unitName)];
		})
	};
	const pledges: Table = {
		key: 'pledges',
		title: t('board.pledges'),
		columns: columnsOf('pledges', true),
		rows: fromEachSheet((s) => s.pledges).map(({ unit, item }, i) =>
			rowOf('pledges', i, item, unit)
		)
	};
	const plan: Table = {
		key: 'plan',
		title: t('board.plan'),
		columns: columnsOf('plan', false),
		rows: content.plan.map((p, i) => {
			// 使用资源: the pledges the project lists and those the units' sheets link to it.
			const pledges = (matching.projectPledges.get(p.id) ?? []).map(({ unitId, pledge }) =>
				pledgeRef(unitId, pledge.id)
			);
			return rowOf('plan', i, {
				...p,
				pledges,
				status: isProjectOverdue(p, today) ? 'overdue' : p.status
			});
		}),
		asOf: asOf.note
	};
	const commitments: Table = {
		key: 'commitments',
		title: t('board.commitments'),
		columns: columnsOf('commitments', true),
		rows: fromEachSheet((s) => s.commitments).map(({ unit, item }, i) => {
			const status = isOverdue(item, today) ? 'overdue' : item.status;
			return rowOf('commitments', i, { ...item, status }, unit);
		}),
		asOf: asOf.note
	};
	const unitTable: Table = {
		key: 'units',
		title: t('export.units'),
		columns: [
			{ key: 'number', header: t('export.col.number'), kind: 'number', width: 6 },
			{ key: 'name', header: t('units.name'), kind: 'text', width: 24 },
			{ key: 'kind', header: t('units.kind'), kind: 'text', width: 14 },
			{ key: 'contactName', header: t('units.contactName'), kind: 'text', width: 10 },
			{ key: 'contactPhone', header: t('units.contactPhone'), kind: 'text', width: 16 },
			{ key: 'liaison', header: t('units.liaison'), kind: 'text', width: 10 }
		],
		rows: units.map((u, i) => [
			i + 1,
			u.name,
			t(`unitKind.${u.kind}`),
			u.contactName,
			u.contactPhone,
			u.liaison
		])
	};
	return [needs, pledges, plan, commitments, unitTable];
}

/**
 * What a spreadsheet may run as a formula (OWASP, CSV injection): a cell starting with = + - @, or
 * with one after leading white space, or their full-width forms ＝＋－＠ (which CJK spreadsheet
 * programs take as the same), or starting with a tab, carriage return or line feed.
 */
const FORMULA_START = /^(?:[\s\u3000]*[=+\-@＝＋－＠]|[\t\r\n])/;

/** A text cell made safe from formula injection: one that could run as a formula is shown as text. */
export function neutralise(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell read back from a spreadsheet this board exported: the quote `neutralise` added taken off. */
export function unneutralise(value: string): string {
	return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** A column's header in a spreadsheet, where the status column says which day its 逾期 is as of. */
export function spreadsheetHeader(table: Table, column: Column): string {
	return column.key === 'status' && table.asOf ? `${column.header}${table.asOf}` : column.header;
}

/** The table with only the columns named by `keys`, in that order (for print, where width is short). */
export function pick(table: Table, keys: string[]): Table {
	const at = keys.map((k) => table.columns.findIndex((c) => c.key === k)).filter((i) => i >= 0);
	return {
		...table,
		columns: at.map((i) => table.columns[i]!),
		rows: table.rows.map((row) => at.map((i) => row[i]!))
	};
}

/** A table as it goes on paper (Word, the print view): the columns that fit, dates in the reader's
 *  words (2026年7月10日, not 2026-07-10); spreadsheets keep dates as dates. Numbers, dates and the
 *  status are made wide enough not to wrap (a date broken as "2026年7月10 / 日" reads badly). */
export function paperTable(table: Table, locale: Locale): Table {
	const key = table.key;
	const paper = pick(
		table,
		isTableList(key) ? [...TABLE_LISTS[key].export.paper] : table.columns.map((c) => c.key)
	);
	const isDate = paper.columns.map((c) => c.kind === 'date');
	const rows = paper.rows.map((row) =>
		row.map((cell, i) => (isDate[i] && typeof cell === 'string' ? formatDate(locale, cell) : cell))
	);
	const columns = paper.columns.map((column, i) => {
		if (column.kind === 'text' && column.key !== 'status') return column;
		const widest = Math.max(
			...[column.header, ...rows.map((row) => row[i])].map((cell) =>
				spreadsheetWidth(String(cell ?? ''))
			)
		);
		return { ...column, width: widest, fit: true };
	});
	return { ...paper, columns, rows };
}

/** Text's width in spreadsheet columns: a Chinese character takes two, a Latin letter or digit one. */
function spreadsheetWidth(text: string): number {
	return [...text].reduce(
		(sum, ch) => sum + (/[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(ch) ? 2 : 1),
		0
	);
}
