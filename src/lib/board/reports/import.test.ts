import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { guessHeaderRow, guessMapping, readRows } from './import.ts';
import { columnName, UNIT_TARGET, type Cell } from './import-targets.ts';
import { addItem, addItems, readItems } from '../ydoc/list.ts';
import { PLEDGES } from '../model/lists/index.ts';

describe('guessing columns', () => {
	it('finds the header under a title row and maps Chinese and English headers', () => {
		const rows = [
			['东湖街道社区资源清单'],
			['序号', '资源名称', '类型', '数量（个）', '计量单位', '联系人', 'Available'],
			[1, '会议室', '场地', 2, '间', '王老师', '周末']
		];
		expect(guessHeaderRow(rows, 'pledges')).toBe(1);
		expect(guessMapping(rows[1]!, 'pledges')).toEqual([
			'',
			'title',
			'kind',
			'quantity',
			'measure',
			'contact',
			'availability'
		]);
	});

	it('gives a field to the first column naming it only', () => {
		expect(guessMapping(['承诺事项', '内容', '责任单位', '单位名称'], 'commitments')).toEqual([
			'content',
			'',
			UNIT_TARGET,
			''
		]);
		// A bare 单位 may be a unit of measure: a header that can only name the unit goes first.
		expect(guessMapping(['承诺事项', '单位', '单位名称'], 'commitments')).toEqual([
			'content',
			'',
			UNIT_TARGET
		]);
	});

	describe('a column headed 单位: the unit of measure, or the unit whose rows these are', () => {
		const units = ['市第一人民医院', '幸福里小学'];
		const under = (...cells: Cell[][]) => ({ below: cells, units });

		it('is the unit of measure beside 数量 (or 数目, 规模) when no cell names a unit of the council', () => {
			expect(guessMapping(['资源名称', '数量', '单位'], 'pledges')).toEqual([
				'title',
				'quantity',
				'measure'
			]);
			expect(guessMapping(['资源名称', '单位', '数目'], 'pledges')).toEqual([
				'title',
				'measure',
				'quantity'
			]);
			expect(
				guessMapping(['资源名称', '规模', '单位'], 'pledges', under(['会议室', 2, '']))
			).toEqual(['title', 'quantity', 'measure']);
		});

		it('is the unit of measure when its cells are words of measure, even far from 数量', () => {
			expect(
				guessMapping(
					['单位', '资源名称', '数量'],
					'pledges',
					under(['个', '会议室', 2], ['人', '志愿者', 10], ['场', '讲座', 3])
				)
			).toEqual(['measure', 'title', 'quantity']);
			// A list with no unit of measure leaves such a column out rather than filter on it.
			expect(
				guessMapping(
					['承诺内容', '单位'],
					'commitments',
					under(['每月义诊', '次'], ['健康讲座', '场'])
				)
			).toEqual(['content', '']);
		});

		it('is the unit filter when its cells name the council’s units, even beside 数量', () => {
			expect(
				guessMapping(
					['资源名称', '数量', '单位'],
					'pledges',
					under(['义诊医生', 4, '市第一人民医院'], ['操场', 1, ' 幸福里小学 '])
				)
			).toEqual(['title', 'quantity', UNIT_TARGET]);
		});

		it('is the unit filter with nothing else to go by, and 计量单位 keeps the measure', () => {
			expect(guessMapping(['单位', '资源名称'], 'pledges')).toEqual([UNIT_TARGET, 'title']);
			expect(
				guessMapping(
					['单位', '资源名称', '数量', '计量单位'],
					'pledges',
					under(['区人民医院', '义诊', 2, '名'])
				)
			).toEqual([UNIT_TARGET, 'title', 'quantity', 'measure']);
			// Headers that can only mean the organisation are the filter whatever their cells.
			expect(guessMapping(['责任单位', '承诺内容'], 'commitments', under(['次', '义诊']))).toEqual([
				UNIT_TARGET,
				'content'
			]);
		});

		it('leaves out the second 单位 column once the measure is taken', () => {
			expect(
				guessMapping(
					['资源名称', '数量', '计量单位', '单位'],
					'pledges',
					under(['会议室', 2, '间', '个'])
				)
			).toEqual(['title', 'quantity', 'measure', '']);
		});
	});

	it('names columns as spreadsheets do', () => {
		expect([0, 1, 25, 26, 27, 701, 702].map(columnName)).toEqual([
			'A',
			'B',
			'Z',
			'AA',
			'AB',
			'ZZ',
			'AAA'
		]);
	});
});

describe('reading rows', () => {
	const header = ['资源', '类型', '数量', '可提供时间'];
	const mapping = guessMapping(header, 'pledges');

	it('reads choices in either language, numbers with separators, and passes blank rows over', () => {
		const read = readRows(
			'pledges',
			[
				header,
				['活动室', '场地', '1,200', '周末'],
				['', '', '', ''],
				['Volunteers', 'volunteers', 30, '']
			],
			0,
			mapping
		);
		expect(read.problems).toEqual([]);
		expect(read.rows).toEqual([
			{ row: 2, input: { title: '活动室', kind: 'venue', quantity: 1200, availability: '周末' } },
			{ row: 4, input: { title: 'Volunteers', kind: 'volunteers', quantity: 30, availability: '' } }
		]);
	});

	it('names each bad cell by row and column and keeps its row out', () => {
		const read = readRows(
			'pledges',
			[header, ['活动室', '飞机', 'abc', ''], ['', '资金', 5, ''], ['好的', '资金', 5, '']],
			0,
			mapping
		);
		expect(read.problems).toEqual([
			{ row: 2, column: 1, field: 'kind', problem: 'unknownChoice', value: '飞机' },
			{ row: 2, column: 2, field: 'quantity', problem: 'notANumber', value: 'abc' },
			{ row: 3, column: 0, field: 'title', problem: 'required', value: '' }
		]);
		expect(read.rows.map((r) => r.row)).toEqual([4]);
	});

	it('reads dates in the ways people write them and refuses impossible ones', () => {
		const head = ['承诺事项', '完成时限'];
		const read = readRows(
			'commitments',
			[
				head,
				['a', '2026/12/1'],
				['b', '2026年12月31日'],
				['c', 46356],
				['d', '2026-02-30'],
				['e', '下周']
			],
			0,
			guessMapping(head, 'commitments')
		);
		expect(read.rows.map((r) => r.input.due)).toEqual(['2026-12-01', '2026-12-31', '2026-11-30']);
		expect(read.problems.map((p) => [p.row, p.problem])).toEqual([
			[5, 'notADate'],
			[6, 'notADate']
		]);
	});

	it('says once that a required field has no column', () => {
		const read = readRows('pledges', [['类型'], ['场地']], 0, ['kind']);
		expect(read.missing).toEqual(['title']);
		expect(read.problems).toEqual([]);
	});

	it('leaves out rows of other units when a column names the unit', () => {
		const head = ['单位', '资源'];
		const read = readRows(
			'pledges',
			[head, ['区人民医院', '义诊'], ['第一小学', '操场'], [' 区人民医院 ', '讲座']],
			0,
			guessMapping(head, 'pledges'),
			'区人民医院'
		);
		expect(read.rows.map((r) => r.input.title)).toEqual(['义诊', '讲座']);
		expect(read.otherUnits).toBe(1);
	});

	it('says so when the unit column leaves out every row, with the values it saw', () => {
		const head = ['资源名称', '数量', '单位'];
		const rows = [
			head,
			['会议室', 2, '间'],
			['志愿者', 10, '人'],
			['讲座', 3, '场'],
			['操场', 1, '间']
		];
		// The person chose the unit filter for the column the guess took as the measure.
		const read = readRows('pledges', rows, 0, ['title', 'quantity', UNIT_TARGET], '市第一人民医院');
		expect(read.rows).toEqual([]);
		expect(read.otherUnits).toBe(4);
		expect(read.unitLeftOutAll).toEqual({ column: 2, values: ['间', '人', '场'] });
		// Some rows kept: nothing to say but the count.
		const some = readRows(
			'pledges',
			[...rows, ['义诊医生', 4, '市第一人民医院']],
			0,
			['title', 'quantity', UNIT_TARGET],
			'市第一人民医院'
		);
		expect(some.rows).toHaveLength(1);
		expect(some.unitLeftOutAll).toBeNull();
	});

	it('keeps a formula-like cell as text (exports neutralise it)', () => {
		const read = readRows('pledges', [['资源'], ['=HYPERLINK("http://x","点我")']], 0, ['title']);
		expect(read.rows[0]!.input.title).toBe('=HYPERLINK("http://x","点我")');
	});

	it('checks lengths as the board does', () => {
		const read = readRows(
			'pledges',
			[
				['资源', '联系人'],
				['a', 'x'.repeat(101)]
			],
			0,
			['title', 'contact']
		);
		expect(read.problems).toEqual([
			{ row: 2, column: 1, field: 'contact', problem: 'tooLong', value: 'x'.repeat(101) }
		]);
	});
});

describe('adding rows', () => {
	it('adds them after the existing items in one transaction', () => {
		const doc = new Y.Doc();
		addItem(doc, PLEDGES, { title: '已有' });
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);
		addItems(doc, PLEDGES, [{ title: '一', kind: 'funds', quantity: 3 }, { title: '二' }]);
		expect(transactions).toBe(1);
		expect(readItems(doc, PLEDGES).map((p) => [p.title, p.kind, p.quantity])).toEqual([
			['已有', 'venue', null],
			['一', 'funds', 3],
			['二', 'venue', null]
		]);
	});
});
