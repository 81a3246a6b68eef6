import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem } from './list.ts';
import { DECISIONS, MEETINGS, deleteMeeting, readMeetings, setAttendance } from './meetings.ts';
import { chineseNumber } from '../format.ts';

describe('meetings', () => {
	it('keeps each unit’s attendance per meeting, changed a field at a time', () => {
		const doc = new Y.Doc();
		const meeting = addItem(doc, MEETINGS, { title: '第三季度联席会议', date: '2026-06-28' });
		setAttendance(doc, meeting, 'u1', { status: 'present', who: '孙倩' });
		setAttendance(doc, meeting, 'u2', { status: 'leave' });
		setAttendance(doc, meeting, 'u2', { reason: '外出培训' });
		expect(readMeetings(doc).attendance).toEqual([
			{ meetingId: meeting, unitId: 'u1', status: 'present', who: '孙倩', reason: '' },
			{ meetingId: meeting, unitId: 'u2', status: 'leave', who: '', reason: '外出培训' }
		]);
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
		expect([1, 2, 9, 10, 11, 19, 20, 21, 99].map(chineseNumber)).toEqual(['一', '二', '九', '十', '十一', '十九', '二十', '二十一', '九十九']);
		expect(chineseNumber(100)).toBe('100');
	});
});
