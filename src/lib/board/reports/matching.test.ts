import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, deleteItem, toggleRef } from '../ydoc/list.ts';
import { readBoard, readSheet } from '../ydoc/lists.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../model/lists/index.ts';
import { claim } from '../ydoc/claims.ts';
import { match, pledgeRef } from './matching.ts';

describe('the matching view', () => {
	it('lays each need beside its claims, pledges and projects; finds open needs and unused pledges', () => {
		const board = new Y.Doc();
		const hospital = new Y.Doc();
		const school = new Y.Doc();
		const bath = addItem(board, NEEDS, { title: '独居老人助浴' });
		const clinic = addItem(board, NEEDS, { title: '义诊' });
		const tutoring = addItem(board, NEEDS, { title: '课后托管' });
		addItem(board, NEEDS, { title: '已解决的需求', status: 'done' });
		const project = addItem(board, PLAN, { title: '健康进社区' });
		toggleRef(board, PLAN, project, 'needs', clinic, true);
		const doctors = addItem(hospital, PLEDGES, { title: '医生 4 名', kind: 'volunteers' });
		toggleRef(board, PLAN, project, 'pledges', pledgeRef('h', doctors), true);
		addItem(hospital, PLEDGES, { title: '会议室', kind: 'venue' });
		addItem(school, PLEDGES, { title: '教室', kind: 'venue', link: `need:${tutoring}` });
		claim(school, { kind: 'need', id: bath }, '王老师');
		addItem(school, COMMITMENTS, { content: '每周托管', due: '2026-10-01' });
		addItem(school, COMMITMENTS, { content: '家长课堂', due: '2026-10-01', status: 'done' });

		const result = match(
			readBoard(board),
			[
				{ unitId: 'h', sheet: readSheet(hospital) },
				{ unitId: 's', sheet: readSheet(school) }
			],
			'2026-11-22'
		);
		const byTitle = Object.fromEntries(result.needs.map((m) => [m.need.title, m]));
		expect(byTitle['独居老人助浴']).toMatchObject({
			state: 'claimed',
			claimedBy: ['s'],
			open: false
		});
		expect(byTitle['义诊']!.projects.map((p) => p.title)).toEqual(['健康进社区']);
		expect(byTitle['义诊']!.pledges.map((p) => p.pledge.title)).toEqual(['医生 4 名']);
		expect(byTitle['课后托管']!.pledges.map((p) => [p.unitId, p.pledge.title])).toEqual([
			['s', '教室']
		]);
		expect(byTitle['已解决的需求']!.open).toBe(false);
		expect(result.needs.filter((m) => m.open)).toEqual([]);
		expect(result.unusedPledges.map((p) => p.pledge.title)).toEqual(['会议室']);
		expect(result.perUnit.get('s')).toEqual({
			pledges: 1,
			claims: 1,
			commitments: 2,
			done: 1,
			overdue: 1
		});
		expect(result.perUnit.get('h')).toEqual({
			pledges: 2,
			claims: 0,
			commitments: 0,
			done: 0,
			overdue: 0
		});
	});

	it('ignores links and claims to needs and projects deleted since', () => {
		const board = new Y.Doc();
		const school = new Y.Doc();
		const need = addItem(board, NEEDS, { title: '课后托管' });
		const project = addItem(board, PLAN, { title: '暑期课堂' });
		addItem(school, PLEDGES, { title: '教室', link: `need:${need}` });
		addItem(school, PLEDGES, { title: '老师', link: `project:${project}` });
		claim(school, { kind: 'need', id: need }, '王老师');
		claim(school, { kind: 'project', id: project }, '王老师');
		deleteItem(board, NEEDS, need);
		deleteItem(board, PLAN, project);

		const result = match(
			readBoard(board),
			[{ unitId: 's', sheet: readSheet(school) }],
			'2026-11-22'
		);
		expect(result.unusedPledges.map((p) => p.pledge.title)).toEqual(['教室', '老师']);
		expect(result.perUnit.get('s')).toMatchObject({ pledges: 2, claims: 0 });
	});

	it('calls a need with nothing against it open', () => {
		const board = new Y.Doc();
		addItem(board, NEEDS, { title: '楼道照明' });
		expect(match(readBoard(board), [], '2026-11-22').needs[0]).toMatchObject({
			open: true,
			state: 'open'
		});
	});
});
