// The time to export a board of a given size to Excel and Word, in this process: a figure for the
// benchmark (target: under a second each for 1,000 items on the reference machine), not a test.
import * as Y from 'yjs';
import { addItem } from '../../src/lib/board/ydoc/list.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../../src/lib/board/model/lists/index.ts';
import { boardContent } from '../../src/lib/board/ydoc/content.ts';
import { boardTables, paperTable, type UnitInfo } from '../../src/lib/board/reports/tables.ts';
import { toXlsx } from '../../src/lib/server/files/export.ts';
import { planDocx } from '../../src/lib/server/files/docx.ts';
import { punctuation } from '../../src/lib/i18n/index.ts';
import { translator } from '../../src/lib/i18n/dictionaries.ts';

/** A board of about `items` items: 30% needs, 20% projects, the rest pledges and commitments of seven units. */
function sampleBoard(items: number) {
	const board = new Y.Doc();
	const needs = Array.from({ length: Math.round(items * 0.3) }, (_, i) =>
		addItem(board, NEEDS, {
			title: `需求 ${i + 1}：老旧小区加装电梯意见征集`,
			beneficiaries: 100 + i,
			details: '居民反映强烈，需多方协调。'
		})
	);
	const units: UnitInfo[] = Array.from({ length: 7 }, (_, i) => ({
		id: `u${i}`,
		name: `成员单位 ${i + 1}`,
		kind: 'company',
		contactName: '联系人',
		contactPhone: '0571-8800 0000',
		liaison: '联络员'
	}));
	for (let i = 0; i < Math.round(items * 0.2); i++) {
		addItem(board, PLAN, {
			title: `项目 ${i + 1}：社区志愿服务`,
			lead: units[i % 7]!.id,
			partners: [units[(i + 1) % 7]!.id],
			needs: [needs[i % needs.length]!],
			start: '2026-10-01',
			end: '2026-12-31',
			place: '党群服务中心'
		});
	}
	const perUnit = Math.round((items * 0.5) / 7);
	const sheets = units.map((unit) => {
		const doc = new Y.Doc();
		for (let i = 0; i < perUnit; i++) {
			if (i % 3 === 2)
				addItem(doc, COMMITMENTS, {
					content: `承诺 ${i + 1}：按月开展服务`,
					responsible: '负责人',
					due: '2026-12-31'
				});
			else
				addItem(doc, PLEDGES, {
					title: `资源 ${i + 1}：志愿者`,
					kind: 'volunteers',
					quantity: 10,
					measure: '人次',
					availability: '周末'
				});
		}
		return { unit: { id: unit.id, name: unit.name }, doc };
	});
	return { content: boardContent(board, sheets), units };
}

export async function measureExports(
	items: number,
	rounds: number
): Promise<{ items: number; xlsxMs: number[]; docxMs: number[] }> {
	const { content, units } = sampleBoard(items);
	const t = translator('zh-CN');
	const asOf = { day: '2026-11-22', note: '（截至2026年11月22日）' };
	const xlsxMs: number[] = [];
	const docxMs: number[] = [];
	for (let round = 0; round < rounds; round++) {
		let started = performance.now();
		await toXlsx(boardTables(content, units, t, asOf));
		xlsxMs.push(performance.now() - started);
		started = performance.now();
		await planDocx({
			title: '基准测试联席会共驻共建项目清单',
			marks: punctuation(t, 'zh-CN'),
			titleNames: ['基准测试联席会'],
			signature: { issuer: '基准测试联席会', date: '2026年11月22日' },
			lead: '本清单为草案。',
			asOfLine: '各项状态截至2026年11月22日。',
			tables: boardTables(content, units, t, asOf).map((table) => paperTable(table, 'zh-CN'))
		});
		docxMs.push(performance.now() - started);
	}
	return { items, xlsxMs, docxMs };
}
