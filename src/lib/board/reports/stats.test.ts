import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem } from '../ydoc/list.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../model/lists/index.ts';
import { claim } from '../ydoc/claims.ts';
import { readMeetings, setAttendance } from '../ydoc/meetings.ts';
import { MEETINGS } from '../model/lists/meetings.ts';
import { boardContent } from '../ydoc/content.ts';
import { boardStats, councilTotals, scorecard } from './stats.ts';

const TODAY = '2026-12-02';
const units = [
	{ id: 'ua', name: '医院' },
	{ id: 'ub', name: '学校' }
];

function fixture() {
	const board = new Y.Doc();
	const open = addItem(board, NEEDS, { title: '义诊', category: 'health' });
	const claimedNeed = addItem(board, NEEDS, { title: '托管', category: 'education' });
	addItem(board, NEEDS, { title: '助浴', category: 'elderly', status: 'active' });
	addItem(board, NEEDS, { title: '照明', category: 'environment', status: 'done' });
	addItem(board, NEEDS, { title: '旧需求', category: 'health', status: 'closed' });
	addItem(board, PLAN, { title: '敬老义诊', lead: 'ua', end: '2026-11-30', status: 'active' });
	addItem(board, PLAN, { title: '课堂', lead: 'ub', end: '2026-11-30', status: 'done' });
	addItem(board, PLAN, { title: '培训', lead: 'ub', end: '2027-01-30', status: 'preparing' });
	const a = new Y.Doc();
	addItem(a, PLEDGES, { title: '医生', kind: 'service', state: 'delivered' });
	addItem(a, PLEDGES, { title: '药品', kind: 'equipment' });
	addItem(a, COMMITMENTS, { content: '每月义诊', due: '2026-11-01', status: 'in_progress' });
	addItem(a, COMMITMENTS, { content: '健康档案', due: '2026-12-31', status: 'in_progress' });
	addItem(a, COMMITMENTS, {
		content: '讲座',
		due: '2026-10-01',
		status: 'done',
		doneOn: '2026-10-08'
	});
	const b = new Y.Doc();
	addItem(b, PLEDGES, { title: '教室', kind: 'venue', state: 'delivered' });
	addItem(b, COMMITMENTS, {
		content: '开班',
		due: '2026-11-01',
		status: 'done',
		doneOn: '2026-10-30'
	});
	addItem(b, COMMITMENTS, { content: '总结' });
	claim(b, { kind: 'need', id: claimedNeed }, '郑凯');
	claim(b, { kind: 'need', id: 'deleted' }, '郑凯');
	const meetings = new Y.Doc();
	const held = addItem(meetings, MEETINGS, { title: '第四季度', date: '2026-11-28' });
	addItem(meetings, MEETINGS, { title: '下次', date: '2027-01-10' });
	setAttendance(meetings, held, 'ua', { status: 'present' });
	setAttendance(meetings, held, 'ub', { status: 'leave', reason: '培训' });
	const content = boardContent(board, [
		{ unit: units[0]!, doc: a },
		{ unit: units[1]!, doc: b }
	]);
	return { content, meetings: readMeetings(meetings), open };
}

describe('board stats', () => {
	it('counts needs by state and category, a claimed one as claimed and claims of deleted needs as nothing', () => {
		const { content, meetings } = fixture();
		const stats = boardStats(content, meetings, units, TODAY);
		expect(stats.needs.total).toBe(5);
		expect(stats.needs.byState).toEqual({ open: 1, claimed: 2, settled: 2 });
		expect(stats.needs.byCategory.find((c) => c.category === 'health')).toEqual({
			category: 'health',
			total: 2,
			open: 1,
			claimed: 0,
			settled: 1
		});
		expect(stats.needs.byCategory.reduce((n, c) => n + c.total, 0)).toBe(5);
	});

	it('counts pledges by unit and kind, commitments per unit with the overdue apart, and what is overdue', () => {
		const { content, meetings } = fixture();
		const stats = boardStats(content, meetings, units, TODAY);
		expect(stats.pledges).toMatchObject({
			total: 3,
			delivered: 2,
			byKind: { service: 1, equipment: 1, venue: 1, funds: 0 }
		});
		expect(stats.pledges.byUnit.map((u) => [u.unit, u.total, u.delivered])).toEqual([
			['医院', 2, 1],
			['学校', 1, 1]
		]);
		expect(stats.commitments.byState).toEqual({
			done: 2,
			in_progress: 1,
			not_started: 1,
			overdue: 1
		});
		expect(stats.commitments.byUnit[0]).toMatchObject({
			unit: '医院',
			total: 3,
			done: 1,
			in_progress: 1,
			overdue: 1
		});
		expect(stats.overdue.commitments.map((c) => c.content)).toEqual(['每月义诊']);
		expect(stats.projects).toMatchObject({
			total: 3,
			overdue: 1,
			byStatus: { active: 1, done: 1, preparing: 1, cancelled: 0 }
		});
		expect(stats.overdue.projects).toMatchObject([{ title: '敬老义诊', lead: '医院' }]);
	});

	it('counts attendance over the meetings held so far', () => {
		const { content, meetings } = fixture();
		const stats = boardStats(content, meetings, units, TODAY);
		expect(stats.attendance.meetings).toBe(1);
		expect(stats.attendance.byUnit.map((u) => [u.unit, u.present, u.leave, u.rate])).toEqual([
			['医院', 1, 0, 1],
			['学校', 0, 1, 0]
		]);
		expect(stats.attendance.rate).toBe(0.5);
	});

	it('counts a meeting only from its date, whatever was recorded for it before', () => {
		const { content } = fixture();
		const doc = new Y.Doc();
		const held = addItem(doc, MEETINGS, { title: '第四季度', date: '2026-11-28' });
		// Someone checked in for the next one before it was put off; the school sent apologies ahead;
		// an undated one has attendance by hand.
		const next = addItem(doc, MEETINGS, { title: '下次', date: '2026-12-18' });
		const undated = addItem(doc, MEETINGS, { title: '待定' });
		setAttendance(doc, held, 'ua', { status: 'present' });
		setAttendance(doc, next, 'ua', { status: 'present', checkedInAt: '2026-12-02T01:00:00.000Z' });
		setAttendance(doc, next, 'ub', { status: 'leave', reason: '培训' });
		setAttendance(doc, undated, 'ub', { status: 'present' });
		const meetings = readMeetings(doc);
		const stats = boardStats(content, meetings, units, TODAY);
		expect(stats.attendance.meetings).toBe(1);
		expect(stats.attendance.byUnit.map((u) => [u.unit, u.present, u.leave, u.absent])).toEqual([
			['医院', 1, 0, 0],
			['学校', 0, 0, 1]
		]);
		const rows = scorecard([{ id: 'q4', content, meetings, carried: new Map() }], units, TODAY);
		expect(rows.map((r) => [r.meetings, r.attended, r.leave])).toEqual([
			[1, 1, 0],
			[1, 0, 0]
		]);
		// On its day it counts.
		expect(boardStats(content, meetings, units, '2026-12-18').attendance.meetings).toBe(2);
	});
});

describe('scorecard', () => {
	it('counts a commitment carried into a later board once, as the later board has it; one only sharing its id is its own', () => {
		const { content, meetings } = fixture();
		const later = structuredClone(content);
		// The overdue commitment was carried over and then done on time in the next period.
		const carried = later.sheets[0]!.commitments.find((c) => c.content === '每月义诊')!;
		Object.assign(carried, {
			status: 'done',
			due: '2027-01-31',
			doneOn: '2027-01-10',
			carriedFrom: 'q3'
		});
		// Another one written with the id of a commitment of last quarter, not carried from it: its own.
		const written = {
			...later.sheets[0]!.commitments.find((c) => c.content === '讲座')!,
			content: '另一项',
			status: 'not_started' as const,
			doneOn: ''
		};
		later.sheets[0]!.commitments = [carried, written];
		later.sheets[0]!.pledges = [];
		later.sheets[1]!.commitments = [];
		later.sheets[1]!.pledges = [];
		const rows = scorecard(
			[
				{ id: 'q3', content, meetings, carried: new Map() },
				{
					id: 'q4',
					content: later,
					meetings: { meetings: [], agenda: [], decisions: [], attendance: [] },
					carried: new Map([[`commitments:ua:${carried.id}`, 'q3']])
				}
			],
			units,
			TODAY
		);
		expect(rows[0]).toMatchObject({
			unit: '医院',
			commitments: 4,
			onTime: 1,
			late: 1,
			open: 2,
			overdue: 1,
			pledges: 2,
			delivered: 1,
			meetings: 1,
			attended: 1,
			attendanceRate: 1
		});
		expect(rows[1]).toMatchObject({
			unit: '学校',
			commitments: 2,
			onTime: 1,
			late: 0,
			open: 1,
			pledges: 1,
			delivered: 1,
			attended: 0,
			leave: 1
		});
		// The on-time rate is of what has fallen due (done or overdue): the ones not yet due are left out.
		expect(rows.map((r) => r.onTimeRate)).toEqual([1 / 3, 1]);
	});

	it('takes the boards of a council together: a carried-over item once, as the later board has it; every meeting', () => {
		const { content, meetings } = fixture();
		const later = structuredClone(content);
		// The next period carried the open need and the overdue commitment, then settled both.
		// One written with the id of another need of last quarter, not carried from it, is its own.
		const lighting = content.needs.find((n) => n.title === '照明')!;
		const clinic = content.needs.find((n) => n.title === '义诊')!;
		later.needs = [
			{ ...clinic, status: 'done', carriedFrom: 'q3' },
			{ ...lighting, title: '另一需求', status: 'open' }
		];
		later.plan = [];
		const monthly = content.sheets[0]!.commitments.find((c) => c.content === '每月义诊')!;
		later.sheets[0]!.commitments = [{ ...monthly, status: 'done', carriedFrom: 'q3' }];
		later.sheets[0]!.pledges = [{ ...content.sheets[0]!.pledges[0]!, id: 'p-new', kind: 'funds' }];
		later.sheets[1] = { ...later.sheets[1]!, commitments: [], pledges: [], claims: [] };
		const nextMeetings = {
			meetings: [{ ...meetings.meetings[0]!, id: 'm-next', date: '2026-12-01' }],
			agenda: [],
			decisions: [],
			attendance: [
				{
					meetingId: 'm-next',
					unitId: 'ub',
					status: 'present' as const,
					who: '',
					reason: '',
					checkedInAt: ''
				}
			]
		};
		const totals = councilTotals(
			[
				{ id: 'q3', content, meetings, carried: new Map() },
				{
					id: 'q4',
					content: later,
					meetings: nextMeetings,
					carried: new Map([
						[`needs::${clinic.id}`, 'q3'],
						[`commitments:ua:${monthly.id}`, 'q3']
					])
				}
			],
			units,
			TODAY
		);
		expect(totals.needs).toMatchObject({ total: 6, byState: { open: 1, claimed: 2, settled: 3 } });
		expect(totals.commitments.byUnit.map((u) => [u.unit, u.total, u.done, u.overdue])).toEqual([
			['医院', 3, 2, 0],
			['学校', 2, 1, 0]
		]);
		expect(totals.pledges.byUnit.map((u) => [u.unit, u.total, u.byKind.funds])).toEqual([
			['医院', 3, 1],
			['学校', 1, 0]
		]);
		expect(totals.attendance.meetings).toBe(2);
		expect(totals.attendance.byUnit.map((u) => [u.unit, u.present, u.leave, u.absent])).toEqual([
			['医院', 1, 0, 1],
			['学校', 1, 1, 0]
		]);
	});
});
