import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem } from '../ydoc/list.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../model/lists/index.ts';
import { claim } from '../ydoc/claims.ts';
import { boardContent } from '../ydoc/content.ts';
import { boardTables, neutralise, paperTable, unneutralise, type UnitInfo } from './tables.ts';
import { translator } from '../../i18n/dictionaries.ts';

const units: UnitInfo[] = [
	{
		id: 'h',
		name: '市第一人民医院',
		kind: 'hospital',
		contactName: '周华',
		contactPhone: '0571-1',
		liaison: '孙倩'
	},
	{
		id: 's',
		name: '幸福里小学',
		kind: 'school',
		contactName: '吴老师',
		contactPhone: '0571-2',
		liaison: '郑凯'
	}
];

describe('boardTables', () => {
	it('lays the lists out as a council files them: numbered, links as names, choices as words, derived states', () => {
		const board = new Y.Doc();
		const hospital = new Y.Doc();
		const bath = addItem(board, NEEDS, {
			title: '独居老人助浴',
			category: 'elderly',
			beneficiaries: 86
		});
		const project = addItem(board, PLAN, {
			title: '健康进社区',
			lead: 'h',
			partners: ['s'],
			needs: [bath],
			start: '2026-10-29',
			status: 'active'
		});
		addItem(hospital, PLEDGES, {
			title: '义诊',
			kind: 'service',
			quantity: 2,
			measure: '次',
			link: `project:${project}`
		});
		addItem(hospital, COMMITMENTS, { content: '=1+1 每月义诊', due: '2026-10-01', project });
		claim(hospital, { kind: 'need', id: bath }, '孙倩');
		const content = boardContent(board, [
			{ unit: { id: 'h', name: '市第一人民医院' }, doc: hospital }
		]);
		const [needs, pledges, plan, commitments, unitTable] = boardTables(
			content,
			units,
			translator('zh-CN'),
			{ day: '2026-11-22', note: '（截至2026年11月22日）' }
		);

		expect(needs!.columns.map((c) => c.header)).toEqual([
			'序号',
			'需求',
			'类别',
			'提出方',
			'提出人/单位',
			'受益人数',
			'紧急程度',
			'状态',
			'详细说明',
			'认领单位'
		]);
		expect(needs!.rows).toEqual([
			[1, '独居老人助浴', '养老助老', '居民', '', 86, '一般', '已认领', '', '市第一人民医院']
		]);
		expect(pledges!.rows[0]).toEqual([
			1,
			'市第一人民医院',
			'义诊',
			'专业服务',
			2,
			'次',
			'',
			'',
			'健康进社区',
			'拟提供'
		]);
		expect(plan!.rows[0]!.slice(0, 6)).toEqual([
			1,
			'健康进社区',
			'养老助老',
			'市第一人民医院',
			'幸福里小学',
			'2026-10-29'
		]);
		expect(plan!.columns[5]).toMatchObject({ header: '开始日期', kind: 'date' });
		// 使用资源: the pledge a unit's sheet links to the project, named with its unit.
		expect(plan!.rows[0]![plan!.columns.findIndex((c) => c.key === 'pledges')]).toBe(
			'市第一人民医院：义诊'
		);
		// On paper the dates are in words; the spreadsheet keeps them as dates.
		const paper = paperTable(plan!, 'zh-CN');
		expect(paper.columns.map((c) => c.header)).toEqual([
			'序号',
			'项目名称',
			'牵头单位',
			'配合单位',
			'开始日期',
			'结束日期',
			'地点',
			'使用资源',
			'状态'
		]);
		expect(paper.rows[0]).toEqual([
			1,
			'健康进社区',
			'市第一人民医院',
			'幸福里小学',
			'2026年10月29日',
			null,
			'',
			'市第一人民医院：义诊',
			'进行中'
		]);
		expect(paperTable(plan!, 'en').rows[0]![4]).toBe('Oct 29, 2026');
		expect(commitments!.rows[0]!.slice(0, 7)).toEqual([
			1,
			'市第一人民医院',
			'=1+1 每月义诊',
			'',
			'2026-10-01',
			'健康进社区',
			'逾期'
		]);
		expect(unitTable!.rows).toEqual([
			[1, '市第一人民医院', '医院', '周华', '0571-1', '孙倩'],
			[2, '幸福里小学', '学校', '吴老师', '0571-2', '郑凯']
		]);
	});

	it('neutralises what a spreadsheet would run as a formula', () => {
		const bad = [
			'=SUM(A1)',
			'+1',
			'-1',
			'@cmd',
			'\t=1',
			'\r=1',
			'\n=1',
			'\nHYPERLINK',
			' =1+1',
			'\u3000=1',
			'＝SUM(A1)',
			'＋1',
			'－1',
			'＠cmd',
			'  ＝1'
		];
		for (const cell of bad) {
			expect(neutralise(cell)).toBe(`'${cell}`);
			expect(unneutralise(neutralise(cell))).toBe(cell);
		}
		for (const fine of ['义诊', '1-2 次', 'a=b', ' 义诊', "'quoted"]) {
			expect(neutralise(fine)).toBe(fine);
			expect(unneutralise(fine)).toBe(fine);
		}
	});
});
