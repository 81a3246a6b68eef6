// A board's meetings (联席会议), in their own document `board:<boardId>:meetings`, written by the
// council's secretaries only and open to them after the plan is agreed (minutes are finished after
// the meeting that agrees it). Each meeting has its time, place and chair, its agenda (议程), ordered
// and ticked off as the meeting goes, who attended for each unit (出席 — by hand or by scanning the
// meeting's check-in code — / 请假 with a reason / 列席 / 缺席) and who else sat in, and its decisions
// (议定事项), each optionally tied to projects of the plan. The 会议纪要 export is written from these.
import * as Y from 'yjs';
import { TITLE_MAX, itemsOf, listMap, readItems, type Item, type ListSpec } from './list.ts';

export const MEETINGS = {
	name: 'meetings',
	fields: {
		title: { kind: 'text', required: true, max: TITLE_MAX },
		date: { kind: 'date' },
		/** As people write it: 14:30, 下午2:30–4:00. */
		time: { kind: 'text', max: 40 },
		place: { kind: 'text', max: 100 },
		chair: { kind: 'text', max: 100 },
		recorder: { kind: 'text', max: 100 },
		/** 列席: people and bodies who sat in without being member units. */
		guests: { kind: 'text', multiline: true },
		/** What the meeting heard and discussed, the opening paragraph of the minutes. */
		summary: { kind: 'text', multiline: true }
	}
} as const satisfies ListSpec;

export const DECISIONS = {
	name: 'decisions',
	fields: {
		content: { kind: 'text', required: true, multiline: true, max: 2000 },
		meeting: { kind: 'ref', to: 'meeting' },
		projects: { kind: 'refs', to: 'project' }
	}
} as const satisfies ListSpec;

export const AGENDA_STATES = ['pending', 'done'] as const;

/** 议程: one item of a meeting's agenda. The first item not done is the one under discussion. */
export const AGENDA = {
	name: 'agenda',
	fields: {
		title: { kind: 'text', required: true, max: TITLE_MAX },
		meeting: { kind: 'ref', to: 'meeting' },
		/** Who presents it (汇报人 / 单位), as people write it. */
		presenter: { kind: 'text', max: 100 },
		state: { kind: 'choice', options: AGENDA_STATES }
	}
} as const satisfies ListSpec;

export type Meeting = Item<typeof MEETINGS>;
export type Decision = Item<typeof DECISIONS>;
export type AgendaItem = Item<typeof AGENDA>;

/** 出席, 请假 (with a reason), 列席 (sat in without a say), 缺席. */
export const ATTENDANCE_STATUSES = ['present', 'leave', 'sitting_in', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** One unit at one meeting: whether it came, who came for it, and why it could not. */
export interface Attendance {
	meetingId: string;
	unitId: string;
	status: AttendanceStatus;
	/** The person who came for the unit. */
	who: string;
	/** For 请假: the reason given. */
	reason: string;
	/** When someone of the unit checked in with the meeting's code (ISO time), or ''. */
	checkedInAt: string;
}

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

/** The agenda item under discussion: the first one not done yet, or null when all are. */
export function currentAgendaItem(agenda: AgendaItem[], meetingId: string): AgendaItem | null {
	return agenda.find((a) => a.meeting === meetingId && a.state !== 'done') ?? null;
}

/** The meeting a projector shows: the one asked for while it exists, else the one dated `today`
 *  (the first of them), else the latest by date; null when the board has none. */
export function projectedMeeting(
	meetings: Meeting[],
	id: string | null,
	today: string
): Meeting | null {
	const asked = id ? meetings.find((m) => m.id === id) : undefined;
	if (asked) return asked;
	const todays = meetings.find((m) => m.date === today);
	if (todays) return todays;
	return (
		meetings.toSorted((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).at(-1) ?? null
	);
}

export interface MeetingsContent {
	meetings: Meeting[];
	agenda: AgendaItem[];
	decisions: Decision[];
	attendance: Attendance[];
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
