// When a meeting's check-in (签到) is open: from CHECK_IN_OPENS_BEFORE_MS before the start written in
// its time field (14:30, 下午2:30–4:00, 上午9点), or from the start of its day when no start can be read
// there, to the end of its day, in the council's time zone. A meeting without a date has no check-in
// yet. The window is read from the meeting as it is now, so moving the meeting moves its check-in;
// and since a check-in can only happen around the meeting, attendance taken by scanning always
// belongs to a meeting that took place (stats.ts counts a meeting only from its date in any case).
// Pure, so the server (which decides) and the projector (which tells the room) read it alike.
import { COUNCIL_TIME_ZONE } from '../../format.ts';
import { isIsoDate, todayIn } from './fields.ts';
import type { Meeting } from './meetings.ts';

/** How long before its start a meeting's check-in opens: people arrive early, and some scan in the lobby. */
export const CHECK_IN_OPENS_BEFORE_MS = 2 * 60 * 60 * 1000;

export interface CheckInWindow {
	opens: Date;
	closes: Date;
}

/** Where the meeting's check-in stands at a moment: not yet dated, not open yet, open, over. */
export type CheckInTiming = 'undated' | 'early' | 'open' | 'closed';

const AFTERNOON = /^(下午|晚上|傍晚|pm|p\.m\.)$/i;
// An optional part of the day, the hour, then ":30" or "点半" / "点30" / "时", then an optional am/pm.
const START =
	/(上午|早上|早晨|中午|下午|晚上|傍晚)?\s*(\d{1,2})\s*(?:[:：]\s*(\d{2})|[点時时]\s*(半|\d{1,2})?)\s*(am|pm|a\.m\.|p\.m\.)?/i;

/** The start of a meeting as people write its time, as hour and minute; null when none can be read. */
export function startOf(time: string): { hour: number; minute: number } | null {
	const found = START.exec(time);
	if (!found) return null;
	const [, period = '', h, colonMinutes, spokenMinutes, suffix = ''] = found;
	let hour = Number(h);
	const minute = spokenMinutes === '半' ? 30 : Number(colonMinutes ?? spokenMinutes ?? 0);
	const marker = suffix || period;
	if ((AFTERNOON.test(marker) && hour < 12) || (marker === '中午' && hour < 11)) hour += 12;
	else if (/^(am|a\.m\.)$/i.test(marker) && hour === 12) hour = 0;
	return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/** How far ahead of UTC the time zone's clocks are at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric'
	}).formatToParts(new Date(instant));
	const part = (type: Intl.DateTimeFormatPartTypes) =>
		Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second')
	);
	return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant a council's clocks show `hour:minute` on `day` (YYYY-MM-DD); hour 24 is the next midnight. */
export function councilInstant(
	day: string,
	hour: number,
	minute: number,
	timeZone = COUNCIL_TIME_ZONE
): Date {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	const wall = Date.UTC(y, m - 1, d, hour, minute);
	// Twice, so that an instant near a change of the clocks takes the offset in force then.
	const first = wall - offsetAt(wall, timeZone);
	return new Date(wall - offsetAt(first, timeZone));
}

/** The meeting's check-in window, or null while it has no date. */
export function checkInWindow(
	meeting: Pick<Meeting, 'date' | 'time'>,
	timeZone = COUNCIL_TIME_ZONE
): CheckInWindow | null {
	if (!isIsoDate(meeting.date)) return null;
	const dayStart = councilInstant(meeting.date, 0, 0, timeZone);
	const start = startOf(meeting.time);
	// Not before the day itself: a check-in belongs to the meeting's day.
	const startsAt = start && councilInstant(meeting.date, start.hour, start.minute, timeZone);
	const early = startsAt ? startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS : 0;
	const opens = early > dayStart.getTime() ? new Date(early) : dayStart;
	return { opens, closes: councilInstant(meeting.date, 24, 0, timeZone) };
}

/** The meeting day a check-in code was made for: the day its check-in closes at the end of. */
export function codeDay(expiresAt: Date | string, timeZone = COUNCIL_TIME_ZONE): string {
	return todayIn(timeZone, new Date(new Date(expiresAt).getTime() - 1));
}

export function checkInTiming(
	meeting: Pick<Meeting, 'date' | 'time'>,
	now: Date,
	timeZone = COUNCIL_TIME_ZONE
): CheckInTiming {
	const window = checkInWindow(meeting, timeZone);
	if (!window) return 'undated';
	if (now < window.opens) return 'early';
	return now < window.closes ? 'open' : 'closed';
}
