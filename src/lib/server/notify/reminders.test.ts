// The reminder rules, as a council's days pass: thresholds, the council's time zone around
// midnight (whatever the server's), done items, changed dates, and keys that stay the same for the
// same event (so that the store makes it once) and change when the event does.
import { afterEach, describe, expect, it } from 'vitest';
import { dueReminders, reminderDays, type Reminder, type ReminderBoard } from './reminders.ts';
import type { BoardStatus } from '../../board/model/status.ts';

type Commitment = ReminderBoard['sheets'][number]['commitments'][number];
type Meeting = ReminderBoard['meetings'][number];

const HOSPITAL = { id: 'hospital', name: '市第一人民医院' };
const SCHOOL = { id: 'school', name: '幸福里小学' };

function board({
	commitments = [],
	school = [],
	meetings = [],
	status = 'tracking',
	confirmed = []
}: {
	commitments?: Commitment[];
	school?: Commitment[];
	meetings?: Meeting[];
	status?: BoardStatus;
	confirmed?: string[];
} = {}): ReminderBoard {
	return {
		board: { id: 'b1', councilId: 'c1', title: '2026年第四季度计划', status },
		sheets: [
			{ unit: HOSPITAL, commitments },
			{ unit: SCHOOL, commitments: school }
		],
		meetings,
		participating: [HOSPITAL, SCHOOL],
		confirmed: new Set(confirmed)
	};
}

const commitment = (due: string, status: Commitment['status'] = 'in_progress', id = 'c1') => ({
	id,
	content: '每月义诊',
	due,
	status
});

const meeting = (date: string, more: Partial<Meeting> = {}): Meeting => ({
	id: 'm1',
	title: '第四季度联席会议',
	date,
	time: '14:30',
	place: '社区党群服务中心',
	...more
});

/** Noon in China (04:00 UTC) on a day. */
const noonCst = (day: string) => new Date(`${day}T04:00:00Z`);

const keys = (found: Reminder[]) => found.map((r) => r.notice.dedupeKey);

describe('commitments due', () => {
	it('reminds the unit 7 days and 1 day before, with the days left', () => {
		const b = board({ commitments: [commitment('2026-11-22')] });
		const seven = dueReminders(b, noonCst('2026-11-15'));
		expect(seven).toEqual([
			{
				audience: { kind: 'unit', unitId: 'hospital' },
				notice: {
					kind: 'commitment-due',
					councilId: 'c1',
					boardId: 'b1',
					target: { kind: 'item', list: 'commitments', unitId: 'hospital', itemId: 'c1' },
					params: { unit: '市第一人民医院', title: '每月义诊', date: '2026-11-22', days: 7 },
					dedupeKey: 'commitment-due:7:b1:hospital:c1:2026-11-22'
				}
			}
		]);
		expect(dueReminders(b, noonCst('2026-11-14'))).toEqual([]);
		const one = dueReminders(b, noonCst('2026-11-21'));
		expect(keys(one)).toEqual(['commitment-due:1:b1:hospital:c1:2026-11-22']);
		expect(one[0]!.notice.params).toMatchObject({ days: 1 });
	});

	it('reminds under the tightest threshold it is within, the same key each day of it', () => {
		const b = board({ commitments: [commitment('2026-11-22')] });
		for (const day of ['2026-11-16', '2026-11-19', '2026-11-20']) {
			const found = dueReminders(b, noonCst(day));
			expect(keys(found)).toEqual(['commitment-due:7:b1:hospital:c1:2026-11-22']);
		}
		expect(dueReminders(b, noonCst('2026-11-19'))[0]!.notice.params).toMatchObject({ days: 3 });
		// On the day itself: still the 1-day threshold, 0 days left.
		const today = dueReminders(b, noonCst('2026-11-22'));
		expect(keys(today)).toEqual(['commitment-due:1:b1:hospital:c1:2026-11-22']);
		expect(today[0]!.notice.params).toMatchObject({ days: 0 });
	});

	it('takes its thresholds as configured, in any order', () => {
		const b = board({ commitments: [commitment('2026-11-22')] });
		const days = [1, 14, 7, 14];
		expect(keys(dueReminders(b, noonCst('2026-11-08'), { days }))).toEqual([
			'commitment-due:14:b1:hospital:c1:2026-11-22'
		]);
		expect(keys(dueReminders(b, noonCst('2026-11-15'), { days }))).toEqual([
			'commitment-due:7:b1:hospital:c1:2026-11-22'
		]);
		expect(keys(dueReminders(b, noonCst('2026-11-15'), { days: [3] }))).toEqual([]);
		expect(keys(dueReminders(b, noonCst('2026-11-19'), { days: [3] }))).toEqual([
			'commitment-due:3:b1:hospital:c1:2026-11-22'
		]);
		expect(dueReminders(b, noonCst('2026-11-15'), { days: [] })).toEqual([]);
	});

	it('says overdue once it is past its day and not done', () => {
		const b = board({ commitments: [commitment('2026-11-22', 'not_started')] });
		const found = dueReminders(b, noonCst('2026-11-23'));
		expect(found).toEqual([
			{
				audience: { kind: 'unit', unitId: 'hospital' },
				notice: {
					kind: 'commitment-overdue',
					councilId: 'c1',
					boardId: 'b1',
					target: { kind: 'item', list: 'commitments', unitId: 'hospital', itemId: 'c1' },
					params: { unit: '市第一人民医院', title: '每月义诊', date: '2026-11-22' },
					dedupeKey: 'commitment-overdue:b1:hospital:c1:2026-11-22'
				}
			}
		]);
		expect(keys(dueReminders(b, noonCst('2027-03-01')))).toEqual(keys(found));
	});

	it('never reminds of a commitment done, or without a date', () => {
		const b = board({
			commitments: [
				commitment('2026-11-22', 'done', 'done-soon'),
				commitment('2026-11-01', 'done', 'done-late'),
				commitment('', 'not_started', 'undated'),
				commitment('下周五', 'not_started', 'unreadable')
			]
		});
		for (const day of ['2026-11-15', '2026-11-21', '2026-11-23'])
			expect(dueReminders(b, noonCst(day))).toEqual([]);
	});

	it('reminds each unit of its own commitments', () => {
		const b = board({
			commitments: [commitment('2026-11-22')],
			school: [commitment('2026-11-16', 'not_started', 's1')]
		});
		expect(
			dueReminders(b, noonCst('2026-11-15')).map((r) => [r.audience, r.notice.dedupeKey])
		).toEqual([
			[{ kind: 'unit', unitId: 'hospital' }, 'commitment-due:7:b1:hospital:c1:2026-11-22'],
			[{ kind: 'unit', unitId: 'school' }, 'commitment-due:1:b1:school:s1:2026-11-16']
		]);
	});

	it('reminds again when the date is changed, under a key of the new date', () => {
		const before = dueReminders(
			board({ commitments: [commitment('2026-11-22')] }),
			noonCst('2026-11-15')
		);
		const moved = dueReminders(
			board({ commitments: [commitment('2026-11-21')] }),
			noonCst('2026-11-15')
		);
		expect(keys(moved)).toEqual(['commitment-due:7:b1:hospital:c1:2026-11-21']);
		expect(keys(moved)).not.toEqual(keys(before));
		// Put off past the threshold: nothing until it comes within it again.
		const later = board({ commitments: [commitment('2026-12-20')] });
		expect(dueReminders(later, noonCst('2026-11-15'))).toEqual([]);
		expect(keys(dueReminders(later, noonCst('2026-12-13')))).toEqual([
			'commitment-due:7:b1:hospital:c1:2026-12-20'
		]);
	});

	it('over a commitment’s whole life, hour by hour, names three events', () => {
		const b = board({ commitments: [commitment('2026-11-22')] });
		const seen = new Set<string>();
		for (
			let at = Date.parse('2026-11-01T00:00:00Z');
			at < Date.parse('2026-12-01T00:00:00Z');
			at += 3_600_000
		)
			for (const r of dueReminders(b, new Date(at))) seen.add(r.notice.dedupeKey);
		expect([...seen]).toEqual([
			'commitment-due:7:b1:hospital:c1:2026-11-22',
			'commitment-due:1:b1:hospital:c1:2026-11-22',
			'commitment-overdue:b1:hospital:c1:2026-11-22'
		]);
	});
});

describe('the council’s day', () => {
	const originalTz = process.env.TZ;
	afterEach(() => {
		process.env.TZ = originalTz;
	});

	const b = board({
		commitments: [commitment('2026-11-22')],
		meetings: [meeting('2026-11-16')]
	});
	// 00:30 on 15 November in China is still 14 November in UTC (and further west).
	const justAfterMidnightCst = new Date('2026-11-14T16:30:00Z');
	const justBeforeMidnightCst = new Date('2026-11-14T15:59:59Z');

	for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati'])
		it(`is China’s, with the server in ${tz}`, () => {
			process.env.TZ = tz;
			expect(new Date('2026-11-14T16:30:00Z').getTimezoneOffset()).toBe(
				{ UTC: 0, 'America/Los_Angeles': 480, 'Asia/Shanghai': -480, 'Pacific/Kiritimati': -840 }[
					tz
				]
			);
			expect(keys(dueReminders(b, justAfterMidnightCst))).toEqual([
				'commitment-due:7:b1:hospital:c1:2026-11-22',
				'meeting-tomorrow:b1:m1:2026-11-16'
			]);
			expect(keys(dueReminders(b, justBeforeMidnightCst))).toEqual([]);
		});

	it('turns at midnight in China: due tomorrow at 23:59, overdue at 00:00 the day after', () => {
		const c = board({ commitments: [commitment('2026-11-22')] });
		expect(keys(dueReminders(c, new Date('2026-11-22T15:59:59Z')))).toEqual([
			'commitment-due:1:b1:hospital:c1:2026-11-22'
		]);
		expect(keys(dueReminders(c, new Date('2026-11-22T16:00:00Z')))).toEqual([
			'commitment-overdue:b1:hospital:c1:2026-11-22'
		]);
	});
});

describe('meetings', () => {
	it('tells the whole council of a meeting tomorrow, with its time and place', () => {
		const found = dueReminders(board({ meetings: [meeting('2026-11-16')] }), noonCst('2026-11-15'));
		expect(found).toEqual([
			{
				audience: { kind: 'council' },
				notice: {
					kind: 'meeting-tomorrow',
					councilId: 'c1',
					boardId: 'b1',
					target: { kind: 'meeting', meetingId: 'm1' },
					params: {
						meeting: '第四季度联席会议',
						date: '2026-11-16',
						time: '14:30',
						place: '社区党群服务中心'
					},
					dedupeKey: 'meeting-tomorrow:b1:m1:2026-11-16'
				}
			}
		]);
	});

	it('says nothing of a meeting today, the day after tomorrow, or undated', () => {
		const b = board({
			meetings: [
				meeting('2026-11-15', { id: 'today' }),
				meeting('2026-11-17', { id: 'later' }),
				meeting('', { id: 'undated' })
			]
		});
		expect(dueReminders(b, noonCst('2026-11-15'))).toEqual([]);
	});

	it('reminds the units that have not confirmed, the day before, while the plan is not agreed', () => {
		const meetings = [meeting('2026-11-16')];
		for (const status of ['draft', 'meeting'] as const) {
			const found = dueReminders(
				board({ meetings, status, confirmed: ['hospital'] }),
				noonCst('2026-11-15')
			);
			expect(found.filter((r) => r.notice.kind === 'unit-unconfirmed')).toEqual([
				{
					audience: { kind: 'unit', unitId: 'school' },
					notice: {
						kind: 'unit-unconfirmed',
						councilId: 'c1',
						boardId: 'b1',
						target: { kind: 'board' },
						params: {
							unit: '幸福里小学',
							board: '2026年第四季度计划',
							meeting: '第四季度联席会议',
							date: '2026-11-16'
						},
						dedupeKey: 'unit-unconfirmed:b1:school:m1:2026-11-16'
					}
				}
			]);
		}
		for (const status of ['agreed', 'tracking'] as const)
			expect(keys(dueReminders(board({ meetings, status }), noonCst('2026-11-15')))).toEqual([
				'meeting-tomorrow:b1:m1:2026-11-16'
			]);
		// Everyone confirmed: only the meeting.
		expect(
			keys(
				dueReminders(
					board({ meetings, status: 'draft', confirmed: ['hospital', 'school'] }),
					noonCst('2026-11-15')
				)
			)
		).toEqual(['meeting-tomorrow:b1:m1:2026-11-16']);
	});

	it('reminds again of a meeting moved to another day', () => {
		const first = dueReminders(board({ meetings: [meeting('2026-11-16')] }), noonCst('2026-11-15'));
		const moved = dueReminders(board({ meetings: [meeting('2026-11-18')] }), noonCst('2026-11-17'));
		expect(keys(moved)).toEqual(['meeting-tomorrow:b1:m1:2026-11-18']);
		expect(keys(moved)).not.toEqual(keys(first));
	});
});

describe('the days as configured', () => {
	it('reads whole days, in any separator, and falls back to the default', () => {
		expect(reminderDays('7,1')).toEqual([7, 1]);
		expect(reminderDays(' 14， 3 0 ')).toEqual([14, 3, 0]);
		expect(reminderDays('7,-1,1.5,abc')).toEqual([7]);
		expect(reminderDays('')).toBeUndefined();
		expect(reminderDays(undefined)).toBeUndefined();
		expect(reminderDays('off')).toBeUndefined();
	});
});
