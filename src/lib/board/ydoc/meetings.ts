// Reading and writing the meetings document `board:<boardId>:meetings` (../model/meetings.ts says
// what it holds): attendance and check-in, the lists in one read, a meeting deleted with all that is its.
import * as Y from 'yjs';
import { itemsOf, listMap, readItems } from './list.ts';
import { AGENDA, DECISIONS, MEETINGS } from '../model/lists/meetings.ts';
import {
	ATTENDANCE_STATUSES,
	type Attendance,
	type AttendanceStatus,
	type MeetingsContent
} from '../model/meetings.ts';

const ATTENDANCE = 'attendance';
const attendanceKey = (meetingId: string, unitId: string) => `${meetingId}/${unitId}`;

/** Sets part of a unit's attendance at a meeting (its entry is made on first use). */
export function setAttendance(
	doc: Y.Doc,
	meetingId: string,
	unitId: string,
	change: Partial<Pick<Attendance, 'status' | 'who' | 'reason' | 'checkedInAt'>>,
	origin?: unknown
): void {
	const map = doc.getMap<Y.Map<string>>(ATTENDANCE);
	const key = attendanceKey(meetingId, unitId);
	doc.transact(() => {
		let entry = map.get(key);
		if (!(entry instanceof Y.Map)) {
			entry = new Y.Map<string>();
			map.set(key, entry);
		}
		for (const [field, value] of Object.entries(change))
			if (typeof value === 'string') entry.set(field, value.slice(0, 200));
	}, origin);
}

export function readAttendance(doc: Y.Doc): Attendance[] {
	const out: Attendance[] = [];
	for (const [key, entry] of doc.getMap<Y.Map<string>>(ATTENDANCE)) {
		const [meetingId, unitId] = key.split('/');
		if (!meetingId || !unitId || !(entry instanceof Y.Map)) continue;
		const status = entry.get('status') as AttendanceStatus;
		out.push({
			meetingId,
			unitId,
			status: ATTENDANCE_STATUSES.includes(status) ? status : 'absent',
			who: String(entry.get('who') ?? ''),
			reason: String(entry.get('reason') ?? ''),
			checkedInAt: String(entry.get('checkedInAt') ?? '')
		});
	}
	return out;
}

/** A unit's representative checked in (签到) at the meeting: the unit is present, with this person
 *  among those who came for it. Checking in twice changes nothing but the time. */
export function checkIn(
	doc: Y.Doc,
	meetingId: string,
	unitId: string,
	name: string,
	at: Date,
	origin?: unknown
): void {
	const current = readAttendance(doc).find((a) => a.meetingId === meetingId && a.unitId === unitId);
	const names = (current?.who ?? '')
		.split('、')
		.map((n) => n.trim())
		.filter(Boolean);
	if (!names.includes(name)) names.push(name);
	setAttendance(
		doc,
		meetingId,
		unitId,
		{ status: 'present', who: names.join('、'), checkedInAt: at.toISOString() },
		origin
	);
}

export function readMeetings(doc: Y.Doc): MeetingsContent {
	return {
		meetings: readItems(doc, MEETINGS),
		agenda: readItems(doc, AGENDA),
		decisions: readItems(doc, DECISIONS),
		attendance: readAttendance(doc)
	};
}

/** The maps of the meetings document, for observers and undo. */
export const MEETING_MAPS = [MEETINGS.name, AGENDA.name, DECISIONS.name, ATTENDANCE];

/** Deletes a meeting with its decisions and attendance, in one change. */
export function deleteMeeting(doc: Y.Doc, meetingId: string, origin?: unknown): void {
	doc.transact(() => {
		listMap(doc, MEETINGS).delete(meetingId);
		for (const spec of [AGENDA, DECISIONS])
			for (const [id, item] of itemsOf(doc, spec))
				if (item.get('meeting') === meetingId) listMap(doc, spec).delete(id);
		const attendance = doc.getMap(ATTENDANCE);
		for (const key of [...attendance.keys()])
			if (key.startsWith(`${meetingId}/`)) attendance.delete(key);
	}, origin);
}
