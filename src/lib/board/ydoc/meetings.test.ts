import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, moveItem, readItems, setField } from './list.ts';
import { checkIn, deleteMeeting, readMeetings, setAttendance } from './meetings.ts';
import { AGENDA, DECISIONS, MEETINGS } from '../model/lists/meetings.ts';
import { currentAgendaItem, projectedMeeting } from '../model/meetings.ts';
import { chineseNumber } from '../../format.ts';

describe('meetings', () => {
	it('keeps each unit’s attendance per meeting, changed a field at a time', () => {
		const doc = new Y.Doc();
		const meeting = addItem(doc, MEETINGS, { title: '第三季度联席会议', date: '2026-06-28' });
		setAttendance(doc, meeting, 'u1', { status: 'present', who: '孙倩' });
		setAttendance(doc, meeting, 'u2', { status: 'leave' });
		setAttendance(doc, meeting, 'u2', { reason: '外出培训' });
		expect(readMeetings(doc).attendance).toEqual([
			{
				meetingId: meeting,
				unitId: 'u1',
				status: 'present',
				who: '孙倩',
				reason: '',
				checkedInAt: ''
			},
			{
				meetingId: meeting,
				unitId: 'u2',
				status: 'leave',
				who: '',
				reason: '外出培训',
				checkedInAt: ''
			}
		]);
	});

	it('checks a representative in: the unit is present, each person named once, the time kept', () => {
		const doc = new Y.Doc();
		const meeting = addItem(doc, MEETINGS, { title: '第四季度联席会议' });
		setAttendance(doc, meeting, 'u1', { status: 'leave', reason: '外出' });
		checkIn(doc, meeting, 'u1', '孙倩', new Date('2026-12-02T01:00:00Z'));
		checkIn(doc, meeting, 'u1', '周华', new Date('2026-12-02T01:05:00Z'));
		checkIn(doc, meeting, 'u1', '孙倩', new Date('2026-12-02T01:06:00Z'));
		const [a] = readMeetings(doc).attendance;
		expect(a).toMatchObject({
			status: 'present',
			who: '孙倩、周华',
			checkedInAt: '2026-12-02T01:06:00.000Z'
		});
	});

	it('keeps an agenda per meeting: the first item not done is the current one, moves stay within the meeting', () => {
		const doc = new Y.Doc();
		const [a, b] = [addItem(doc, MEETINGS, { title: 'A' }), addItem(doc, MEETINGS, { title: 'B' })];
		const a1 = addItem(doc, AGENDA, { meeting: a, title: '通报上季度落实情况' });
		const b1 = addItem(doc, AGENDA, { meeting: b, title: '其他会议的议程' });
		const a2 = addItem(doc, AGENDA, { meeting: a, title: '审议项目清单' });
		expect(currentAgendaItem(readMeetings(doc).agenda, a)?.id).toBe(a1);
		setField(doc, AGENDA, a1, 'state', 'done');
		expect(currentAgendaItem(readMeetings(doc).agenda, a)?.id).toBe(a2);
		setField(doc, AGENDA, a2, 'state', 'done');
		expect(currentAgendaItem(readMeetings(doc).agenda, a)).toBeNull();

		// Moving a2 up passes a1 in one step, though b1 lies between them in the list.
		moveItem(doc, AGENDA, a2, -1, undefined, (item) => item.meeting === a);
		expect(
			readItems(doc, AGENDA)
				.filter((i) => i.meeting === a)
				.map((i) => i.id)
		).toEqual([a2, a1]);
		expect(readItems(doc, AGENDA).map((i) => i.id)).toContain(b1);
		deleteMeeting(doc, a);
		expect(readMeetings(doc).agenda.map((i) => i.id)).toEqual([b1]);
	});

	it('projects the meeting asked for, else today’s, else the latest by date', () => {
		const doc = new Y.Doc();
		const june = addItem(doc, MEETINGS, { title: '六月', date: '2026-06-28' });
		const today = addItem(doc, MEETINGS, { title: '今天', date: '2026-09-30' });
		const december = addItem(doc, MEETINGS, { title: '十二月', date: '2026-12-02' });
		const { meetings } = readMeetings(doc);
		expect(projectedMeeting(meetings, june, '2026-09-30')?.id).toBe(june);
		expect(projectedMeeting(meetings, null, '2026-09-30')?.id).toBe(today);
		expect(projectedMeeting(meetings, 'deleted', '2026-09-30')?.id).toBe(today);
		expect(projectedMeeting(meetings, null, '2026-10-01')?.id).toBe(december);
		expect(projectedMeeting([], null, '2026-10-01')).toBeNull();
	});

	it('deletes a meeting with its decisions and attendance in one change, and no other meeting’s', () => {
		const doc = new Y.Doc();
		const [a, b] = [addItem(doc, MEETINGS, { title: 'A' }), addItem(doc, MEETINGS, { title: 'B' })];
		addItem(doc, DECISIONS, { meeting: a, content: '甲' });
		addItem(doc, DECISIONS, { meeting: b, content: '乙' });
		setAttendance(doc, a, 'u1', { status: 'present' });
		setAttendance(doc, b, 'u1', { status: 'absent' });
		let changes = 0;
		doc.on('afterTransaction', () => changes++);
		deleteMeeting(doc, a);
		expect(changes).toBe(1);
		const left = readMeetings(doc);
		expect(left.meetings.map((m) => m.title)).toEqual(['B']);
		expect(left.decisions.map((d) => d.content)).toEqual(['乙']);
		expect(left.attendance.map((x) => x.meetingId)).toEqual([b]);
	});
});

describe('chineseNumber', () => {
	it('numbers points as official documents do', () => {
		expect([1, 2, 9, 10, 11, 19, 20, 21, 99].map(chineseNumber)).toEqual([
			'一',
			'二',
			'九',
			'十',
			'十一',
			'十九',
			'二十',
			'二十一',
			'九十九'
		]);
		expect(chineseNumber(100)).toBe('100');
	});
});
