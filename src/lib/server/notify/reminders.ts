// 提醒: what a board's lists are due to remind of at a moment, and whom. Pure: the schedule
// (schedule.ts) reads the board as the server holds it, asks this, and makes the notifications.
//
// Days are the council's calendar days (Asia/Shanghai), whatever the server's time zone: "today" is
// the day on the council's clocks at `now`, and every date on a board is such a day. So:
// - a commitment of a unit, not done and dated, due within a threshold (7 and 1 days by default):
//   told once per threshold, the tightest one it is within (one due in 3 days is told "3 days"
//   under the 7-day threshold, then "1 day" under the 1-day one); the unit's representatives;
// - a commitment past its due day and not done (逾期): once; the unit's representatives;
// - a meeting tomorrow, with its time and place: once; everyone in the council;
// - before a meeting tomorrow, while the plan is still in draft or meeting (units confirm their
//   sheets before it is agreed), each unit taking part that has not confirmed: once; its
//   representatives.
// Each reminder carries its dedupe key, which names the item, the threshold and the date it was
// reminded of: a date changed since is another event and reminds again; the same one never does
// (the store makes each key once per person).
import { COUNCIL_TIME_ZONE } from '../../format.ts';
import { isIsoDate, todayIn, type Plain } from '../../board/model/fields.ts';
import type { Commitment } from '../../board/model/lists/index.ts';
import type { Meeting } from '../../board/model/meetings.ts';
import { isLocked, type BoardStatus } from '../../board/model/status.ts';
import type { Notice } from './notifications.ts';

/** Days before its due day a commitment reminds its unit (7 and 1). */
export const REMINDER_DAYS: readonly number[] = [7, 1];

/** The days as an administrator writes them (REMINDER_DAYS="7,1"): whole numbers of days, 0 or
 *  more; none readable (or none given) is the default. */
export function reminderDays(text: string | undefined): readonly number[] | undefined {
	const days = (text ?? '')
		.split(/[,，\s]+/)
		.filter((part) => part !== '')
		.map(Number)
		.filter((d) => Number.isInteger(d) && d >= 0);
	return days.length ? days : undefined;
}

/** Who is told: a unit (its representatives), the council's secretaries, or everyone in the council. */
export type Audience =
	{ kind: 'unit'; unitId: string } | { kind: 'secretaries' } | { kind: 'council' };

export interface Reminder {
	audience: Audience;
	notice: Notice;
}

/** A board as the reminders read it: its lists as the server reads them (board-content.ts,
 *  meetings), the units taking part (those with representatives) and those that confirmed. */
export interface ReminderBoard {
	board: { id: string; councilId: string; title: string; status: BoardStatus };
	sheets: readonly {
		unit: { id: string; name: string };
		commitments: readonly Pick<Plain<Commitment>, 'id' | 'content' | 'due' | 'status'>[];
	}[];
	meetings: readonly Pick<Meeting, 'id' | 'title' | 'date' | 'time' | 'place'>[];
	participating: readonly { id: string; name: string }[];
	confirmed: ReadonlySet<string>;
}

export interface ReminderOptions {
	/** Days before the due day (REMINDER_DAYS). */
	days?: readonly number[];
	timeZone?: string;
}

/** What `board` reminds of at `now`. */
export function dueReminders(
	{ board, sheets, meetings, participating, confirmed }: ReminderBoard,
	now: Date,
	{ days = REMINDER_DAYS, timeZone = COUNCIL_TIME_ZONE }: ReminderOptions = {}
): Reminder[] {
	const today = todayIn(timeZone, now);
	const thresholds = [...new Set(days)]
		.filter((d) => Number.isInteger(d) && d >= 0)
		.sort((a, b) => a - b);
	const found: Reminder[] = [];
	const place = { councilId: board.councilId, boardId: board.id };

	for (const { unit, commitments } of sheets) {
		const audience: Audience = { kind: 'unit', unitId: unit.id };
		for (const c of commitments) {
			if (c.status === 'done' || !isIsoDate(c.due)) continue;
			const target = { kind: 'item', list: 'commitments', unitId: unit.id, itemId: c.id } as const;
			const params = { unit: unit.name, title: c.content, date: c.due };
			const left = daysBetween(today, c.due);
			if (left < 0) {
				found.push({
					audience,
					notice: {
						...place,
						kind: 'commitment-overdue',
						target,
						params,
						dedupeKey: key('commitment-overdue', board.id, unit.id, c.id, c.due)
					}
				});
				continue;
			}
			const threshold = thresholds.find((d) => left <= d);
			if (threshold === undefined) continue;
			found.push({
				audience,
				notice: {
					...place,
					kind: 'commitment-due',
					target,
					params: { ...params, days: left },
					dedupeKey: key('commitment-due', threshold, board.id, unit.id, c.id, c.due)
				}
			});
		}
	}

	const tomorrow = addDays(today, 1);
	// Units confirm their sheets until the plan is agreed; after that there is nothing to confirm.
	const confirming = !isLocked(board.status);
	for (const meeting of meetings) {
		if (meeting.date !== tomorrow) continue;
		const target = { kind: 'meeting', meetingId: meeting.id } as const;
		found.push({
			audience: { kind: 'council' },
			notice: {
				...place,
				kind: 'meeting-tomorrow',
				target,
				params: {
					meeting: meeting.title,
					date: meeting.date,
					time: meeting.time,
					place: meeting.place
				},
				dedupeKey: key('meeting-tomorrow', board.id, meeting.id, meeting.date)
			}
		});
		if (!confirming) continue;
		for (const unit of participating) {
			if (confirmed.has(unit.id)) continue;
			found.push({
				audience: { kind: 'unit', unitId: unit.id },
				notice: {
					...place,
					kind: 'unit-unconfirmed',
					target: { kind: 'board' },
					params: {
						unit: unit.name,
						board: board.title,
						meeting: meeting.title,
						date: meeting.date
					},
					dedupeKey: key('unit-unconfirmed', board.id, unit.id, meeting.id, meeting.date)
				}
			});
		}
	}
	return found;
}

const key = (...parts: (string | number)[]) => parts.join(':');

const DAY_MS = 86_400_000;

/** Calendar days from one YYYY-MM-DD to another (negative when `to` is earlier). */
function daysBetween(from: string, to: string): number {
	return Math.round((dayStart(to) - dayStart(from)) / DAY_MS);
}

function addDays(day: string, n: number): string {
	return new Date(dayStart(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** A calendar day as a number of milliseconds, the same whatever the time zone (UTC midnight). */
function dayStart(day: string): number {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return Date.UTC(y, m - 1, d);
}
