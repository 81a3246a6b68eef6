import { describe, expect, it } from 'vitest';
import { scorecardTable } from './scorecard-table.ts';
import { translator } from '../../i18n/dictionaries.ts';
import type { ScoreRow } from './stats.ts';

const row = (unit: string, over: Partial<ScoreRow>): ScoreRow => ({
	unitId: unit,
	unit,
	commitments: 0,
	onTime: 0,
	late: 0,
	open: 0,
	overdue: 0,
	pledges: 0,
	delivered: 0,
	meetings: 0,
	attended: 0,
	leave: 0,
	onTimeRate: null,
	deliveredRate: null,
	attendanceRate: null,
	...over
});

describe('scorecardTable', () => {
	it('lays each unit out as the year-end review reads it, rates as shares for Excel to show in per cent', () => {
		const table = scorecardTable(
			[
				row('市第一人民医院', {
					commitments: 4,
					onTime: 2,
					late: 1,
					open: 1,
					overdue: 1,
					onTimeRate: 0.5,
					pledges: 2,
					delivered: 1,
					deliveredRate: 0.5,
					meetings: 2,
					attended: 1,
					leave: 1,
					attendanceRate: 0.5
				}),
				row('幸福里小学', {})
			],
			translator('zh-CN')
		);
		expect(table).toMatchObject({ key: 'scorecard', title: '年度点评' });
		expect(table.columns.map((c) => c.header)).toEqual([
			'序号',
			'成员单位',
			'承诺数',
			'按期完成',
			'逾期完成',
			'未完成',
			'其中逾期',
			'按期完成率（已完成和逾期的承诺中）',
			'资源数',
			'已兑现',
			'兑现率（全部资源中）',
			'应出席会议',
			'出席',
			'请假',
			'出席率（应出席会议中）'
		]);
		expect(table.columns.filter((c) => c.kind === 'percent').map((c) => c.key)).toEqual([
			'onTimeRate',
			'deliveredRate',
			'attendanceRate'
		]);
		expect(table.rows).toEqual([
			[1, '市第一人民医院', 4, 2, 1, 1, 1, 0.5, 2, 1, 0.5, 2, 1, 1, 0.5],
			[2, '幸福里小学', 0, 0, 0, 0, 0, null, 0, 0, null, 0, 0, 0, null]
		]);
	});
});
