// A board's meetings (联席会议), in their own document `board:<boardId>:meetings`, written by the
// council's secretaries only and open to them after the plan is agreed (minutes are finished after
// the meeting that agrees it). Each meeting has its time, place and chair, its agenda (议程), ordered
// and ticked off as the meeting goes, who attended for each unit (出席 — by hand or by scanning the
// meeting's check-in code — / 请假 with a reason / 列席 / 缺席) and who else sat in, and its decisions
// (议定事项), each optionally tied to projects of the plan. The 会议纪要 export is written from these.
import type { Item } from './fields.ts';
import type { AGENDA, DECISIONS, MEETINGS } from './lists/meetings.ts';

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
