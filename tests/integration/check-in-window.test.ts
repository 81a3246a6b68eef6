// The check-in window against real parts: the production server on the real clock, its store,
// the check-in page (posted as its enhanced form posts, and as a plain form without JavaScript), and
// the figures the dashboard and the scorecard answer. A representative who scans 16 days early is
// refused and told when check-in opens; after the meeting's day check-in is over; a code lasts to the
// end of the meeting's day; and however attendance came to be recorded, a meeting counts as held
// only from its date.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import { liveServer } from '../helpers/live.ts';
import { postAction } from '../helpers/actions.ts';
import { eventually } from '../helpers/yclient.ts';
import { addItem, setField } from '../../src/lib/board/ydoc/list.ts';
import { todayIn } from '../../src/lib/board/model/fields.ts';
import { readMeetings, setAttendance } from '../../src/lib/board/ydoc/meetings.ts';
import { MEETINGS } from '../../src/lib/board/model/lists/meetings.ts';
import { councilInstant } from '../../src/lib/board/model/check-in-window.ts';
import { COUNCIL_TIME_ZONE } from '../../src/lib/format.ts';
import { meetingsRoom } from '../../src/lib/server/sync/rooms.ts';
import { first, tables } from '../../src/lib/server/db/index.ts';
import type { Person } from '../helpers/seed.ts';
import { withStore } from '../helpers/store.ts';

const live = liveServer();
const CODE = /\/check-in\/([a-z2-7]{32})/;
const DAY_MS = 24 * 60 * 60 * 1000;
const addDays = (day: string, n: number) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** The council's clock now, as a meeting's time is written: 09:05. */
const clockNow = () =>
	new Intl.DateTimeFormat('en-GB', {
		timeZone: COUNCIL_TIME_ZONE,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(new Date());

let meetings: Y.Doc;
const today = todayIn();

async function projector(meeting: string) {
	const res = await fetch(
		`${live.server.url}/boards/${live.s.boardId}/projector?meeting=${meeting}`,
		{ headers: { cookie: live.s.people.secretary.cookie } }
	);
	const html = await res.text();
	return { html, code: CODE.exec(html)?.[1] ?? null };
}
/** A meeting, and the code the secretary's projector shows for it. */
async function meetingWithCode(fields: { title: string; date: string; time?: string }) {
	const id = addItem(meetings, MEETINGS, fields);
	await eventually(async () => expect((await projector(id)).code).not.toBeNull());
	return { id, code: (await projector(id)).code! };
}
const checkIn = (code: string, person: Person = live.s.people.hospitalRep) =>
	postAction(live.server.url, `/check-in/${code}`, person.cookie, {});
/** The check-in as a browser without JavaScript posts it: a plain form, answered with the page. */
const plainCheckIn = (code: string, person: Person = live.s.people.hospitalRep) =>
	fetch(`${live.server.url}/check-in/${code}`, {
		method: 'POST',
		headers: {
			cookie: person.cookie,
			origin: live.server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: ''
	});
const page = async (code: string, person: Person = live.s.people.hospitalRep) =>
	(
		await fetch(`${live.server.url}/check-in/${code}`, { headers: { cookie: person.cookie } })
	).text();
const attendanceOf = (meeting: string) =>
	readMeetings(meetings).attendance.filter((a) => a.meetingId === meeting);
/** When the stored code expires, in ms. */
const codeExpiry = (code: string) =>
	withStore(live.s.database, async (db) => {
		const { checkInCodes } = tables(db);
		const row = await first(
			db
				.select({ expiresAt: checkInCodes.expiresAt })
				.from(checkInCodes)
				.where(eq(checkInCodes.code, code))
		);
		return row?.expiresAt.getTime();
	});
const json = async (path: string) =>
	(
		await fetch(`${live.server.url}${path}`, {
			headers: { cookie: live.s.people.secretary.cookie }
		})
	).json();

beforeAll(async () => {
	const client = live.open(live.s.people.secretary.cookie, meetingsRoom(live.s.boardId));
	await client.synced;
	meetings = client.doc;
});

describe('the check-in window', () => {
	let early: { id: string; code: string };

	it('refuses a check-in 16 days before the meeting and says when check-in opens, with JavaScript and without', async () => {
		early = await meetingWithCode({
			title: '年终联席会议',
			date: addDays(today, 16),
			time: '14:30'
		});
		expect(await checkIn(early.code)).toMatchObject({
			type: 'failure',
			status: 409,
			data: { refusal: 'early' }
		});
		const plain = await plainCheckIn(early.code);
		expect(plain.status).toBe(409);
		const answered = await plain.text();
		expect(answered).toContain('签到尚未开始');
		expect(answered).toContain('12:30'); // two hours before 14:30
		// The page says so before anyone presses anything, and offers no button.
		const html = await page(early.code);
		expect(html).toContain('签到尚未开始');
		expect(html).not.toContain('data-testid="check-in"');
		expect(attendanceOf(early.id)).toEqual([]);
	});

	it('gives a code that lasts to the end of the meeting’s day, not 12 hours from when it was made', async () => {
		const end = councilInstant(addDays(today, 16), 24, 0);
		expect(await codeExpiry(early.code)).toBe(end.getTime());
		// Opened again, the projector shows the same code.
		expect((await projector(early.id)).code).toBe(early.code);
		const onToday = await meetingWithCode({ title: '今日碰头会', date: today });
		expect(await codeExpiry(onToday.code)).toBe(councilInstant(today, 24, 0).getTime());
	});

	it('checks in on the meeting’s day from two hours before its start', async () => {
		const onTime = await meetingWithCode({
			title: '第四季度联席会议',
			date: today,
			time: clockNow()
		});
		const result = await checkIn(onTime.code);
		expect(result).toMatchObject({ type: 'success' });
		await eventually(() =>
			expect(attendanceOf(onTime.id)).toMatchObject([
				{ unitId: live.s.units.hospital.id, status: 'present', who: '孙倩' }
			])
		);
	});

	it('refuses once the meeting’s day is over, and the projector then shows no code', async () => {
		const moved = await meetingWithCode({ title: '临时会议', date: today });
		// The meeting is found to have been yesterday: its check-in is over, whatever the code says.
		setField(meetings, MEETINGS, moved.id, 'date', addDays(today, -1));
		await eventually(async () =>
			expect(await checkIn(moved.code, live.s.people.schoolRep)).toMatchObject({
				type: 'failure',
				status: 409,
				data: { refusal: 'closed' }
			})
		);
		const plain = await plainCheckIn(moved.code, live.s.people.schoolRep);
		expect(plain.status).toBe(409);
		expect(await plain.text()).toContain('签到已结束');
		expect((await projector(moved.id)).code).toBeNull();
		expect(attendanceOf(moved.id)).toEqual([]);
	});

	it('gives no code for a meeting without a date', async () => {
		const undated = addItem(meetings, MEETINGS, { title: '待定会议' });
		await eventually(async () =>
			expect((await projector(undated)).html).toContain(`meetingId:"${undated}"`)
		);
		expect((await projector(undated)).code).toBeNull();
	});
});

describe('attendance figures, whatever the order of events', () => {
	it('count a meeting only from its date: a check-in, then the meeting put off, does not make it held', async () => {
		const { hospital, school } = live.s.units;
		// Checked in on the day, then the meeting was put off by a month; the school sent its apologies.
		const put = await meetingWithCode({ title: '推迟的会议', date: today });
		expect(await checkIn(put.code)).toMatchObject({ type: 'success' });
		await eventually(() => expect(attendanceOf(put.id)).toHaveLength(1));
		// Every meeting of the board is moved a month ahead, or has no date.
		for (const m of readMeetings(meetings).meetings)
			if (m.date) setField(meetings, MEETINGS, m.id, 'date', addDays(today, 30));
		setAttendance(meetings, put.id, school.id, { status: 'leave', reason: '外出培训' });

		await eventually(async () => {
			const stats = await json(`/api/boards/${live.s.boardId}/dashboard`);
			expect(stats.attendance.meetings).toBe(0);
			expect(stats.attendance.rate).toBeNull();
		});
		const scorecard = await json(`/api/councils/${live.s.councilId}/scorecard?year=2026`);
		for (const row of scorecard.rows)
			expect(row, row.unit).toMatchObject({
				meetings: 0,
				attended: 0,
				leave: 0,
				attendanceRate: null
			});
		const council = await json(`/api/councils/${live.s.councilId}/dashboard`);
		expect(council.totals.attendance.meetings).toBe(0);

		// On its day it is held, with what was recorded for it.
		setField(meetings, MEETINGS, put.id, 'date', today);
		await eventually(async () => {
			const stats = await json(`/api/boards/${live.s.boardId}/dashboard`);
			expect(stats.attendance.meetings).toBe(1);
			expect(stats.attendance.byUnit).toMatchObject([
				{ unitId: hospital.id, present: 1, leave: 0, absent: 0 },
				{ unitId: school.id, present: 0, leave: 1, absent: 0 }
			]);
		});
	});
});
