// The unit scorecard (点评) as a table: the columns of the year-end review, in the order a council
// reads them (commitments, then pledges, then meetings, each with its rate). The page shows it and
// the Excel download writes it, so both say the same thing.
import type { Translate } from '../../i18n/index.ts';
import type { ScoreRow } from './stats.ts';
import type { Column, Table } from './tables.ts';

/** The figures of a row, in column order after 序号 and 成员单位. */
export const SCORE_COLUMNS = [
	['commitments', 'number'],
	['onTime', 'number'],
	['late', 'number'],
	['open', 'number'],
	['overdue', 'number'],
	['onTimeRate', 'percent'],
	['pledges', 'number'],
	['delivered', 'number'],
	['deliveredRate', 'percent'],
	['meetings', 'number'],
	['attended', 'number'],
	['leave', 'number'],
	['attendanceRate', 'percent']
] as const satisfies readonly (readonly [keyof ScoreRow, 'number' | 'percent'])[];

export function scorecardTable(rows: ScoreRow[], t: Translate): Table {
	const columns: Column[] = [
		{ key: 'number', header: t('export.col.number'), kind: 'number', width: 6 },
		{ key: 'unit', header: t('scorecard.col.unit'), kind: 'text', width: 24 },
		...SCORE_COLUMNS.map(([key, kind]): Column => ({
			key,
			header: t(`scorecard.col.${key}`),
			kind,
			width: kind === 'percent' ? 12 : 10
		}))
	];
	return {
		key: 'scorecard',
		title: t('scorecard.sheet'),
		columns,
		rows: rows.map((row, i) => [i + 1, row.unit, ...SCORE_COLUMNS.map(([key]) => row[key])])
	};
}
