// Meeting check-in codes and checking in with them, through a real app on its own store: how long a
// code lasts, when its window opens, and who may use it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { createApp, type App } from '../app.ts';
import { createUser } from '../auth/accounts.ts';
import { createBoard, createCouncil, setMembership } from '../council/councils.ts';
import { createUnit } from '../council/units.ts';
import { tables } from '../db/index.ts';
import { newTestStore, type TestStore } from '../../../../tests/helpers/store.ts';
import { boardEvents } from '../record/events.ts';
import { readMeetingsContent } from '../docs/board-content.ts';
import { meetingsRoom } from '../sync/rooms.ts';
import { checkInCode, checkInWith, checkedInAs, inspectCheckIn } from './check-in.ts';
import { MEETINGS } from '../../board/model/lists/index.ts';
import { deleteMeeting } from '../../board/ydoc/meetings.ts';
import { type Meeting } from '../../board/model/meetings.ts';
import { addItem, ensureText, setField } from '../../board/ydoc/list.ts';
import type { SessionUser } from '../auth/session.ts';

const NOW = Date.UTC(2026, 11, 2, 1, 0, 0); // 09:00 in Shanghai, on the meeting's day
const END_OF_DAY = Date.UTC(2026, 11, 2, 16, 0, 0); // midnight in Shanghai
const HOUR = 60 * 60 * 1000;
let place: TestStore;
let app: App;
let board: { id: string; councilId: string };
let hospital: { id: string };
let meeting: string;
const people: Record<
	'secretary' | 'rep' | 'member' | 'observer' | 'outsider' | 'admin',
	SessionUser
> = {} as never;

beforeEach(async () => {
	place = await newTestStore();
	app = await createApp({ database: place.location, log: pino({ level: 'silent' }) });
	const council = await createCouncil(app.db, {
		name: '幸福里社区党建联席会',
		community: '幸福里社区'
	});
	const other = await createCouncil(app.db, {
		name: '明月湾社区党建联席会',
		community: '明月湾社区'
	});
	board = await createBoard(app.db, {
		councilId: council.id,
		title: '共驻共建项目计划',
		period: '2026年第四季度'
	});
	hospital = await createUnit(app.db, council.id, { name: '市第一人民医院', kind: 'hospital' });
	for (const [key, name, role] of [
		['secretary', '李敏', 'secretary'],
		['rep', '孙倩', 'unit_rep'],
		['member', '王建国', 'member'],
		['observer', '陈刚', 'observer'],
		['outsider', '赵强', null],
		['admin', '管理员', null]
	] as const) {
		const user = await createUser(app.db, {
			username: key,
			displayName: name,
			password: 'password-1',
			isAdmin: key === 'admin'
		});
		if (role)
			await setMembership(
				app.db,
				council.id,
				user.id,
				role,
				role === 'unit_rep' ? hospital.id : null
			);
		else if (key === 'outsider')
			await setMembership(
				app.db,
				other.id,
				user.id,
				'unit_rep',
				(await createUnit(app.db, other.id, { name: '明月湾小学', kind: 'school' })).id
			);
		people[key] = { id: user.id, username: key, displayName: name, isAdmin: key === 'admin' };
	}
	await app.sync.change(meetingsRoom(board.id), people.secretary.id, (doc) => {
		meeting = addItem(doc, MEETINGS, { title: '第四季度联席会议', date: '2026-12-02' });
	});
});
/** The meeting as it is now in its document. */
const theMeeting = async (): Promise<Meeting> =>
	(await readMeetingsContent(app, board.id)).meetings.find((m) => m.id === meeting)!;
const moveMeeting = (date: string) =>
	app.sync.change(meetingsRoom(board.id), people.secretary.id, (doc) =>
		setField(doc, MEETINGS, meeting, 'date', date)
	);
const setStart = (time: string) =>
	app.sync.change(meetingsRoom(board.id), people.secretary.id, (doc) => {
		const text = ensureText(doc, MEETINGS, meeting, 'time')!;
		text.delete(0, text.length);
		text.insert(0, time);
	});
/** The secretary asking for the meeting's code. */
const asked = async () => ({
	boardId: board.id,
	meeting: await theMeeting(),
	userId: people.secretary.id
});
/** The meeting's code, which a dated meeting whose day is not over always has. */
const codeOf = async (now = NOW) => (await checkInCode(app.db, await asked(), { now }))!;

afterEach(async () => {
	await app.close();
	await place.drop();
});

describe('check-in codes', () => {
	it('are 20 random bytes in base32, one per meeting, the same until the end of the meeting’s day', async () => {
		const code = await codeOf();
		expect(code.code).toMatch(/^[a-z2-7]{32}$/);
		expect(code.expiresAt.getTime()).toBe(END_OF_DAY);
		expect((await codeOf(NOW + 60_000)).code).toBe(code.code);
		const another = { id: 'anothermeeting', date: '2026-12-02', time: '' };
		expect(
			(await checkInCode(app.db, { ...(await asked()), meeting: another }, { now: NOW }))!.code
		).not.toBe(code.code);
		// Still good 13 hours after it was made, at 22:00 (it used to stop after 12).
		expect(await checkInWith(app, code.code, people.rep, new Date(NOW + 13 * HOUR))).toMatchObject({
			ok: true
		});

		// Once the day is over, the code is refused; the meeting has no code to give any more.
		expect(await inspectCheckIn(app, code.code, people.rep, END_OF_DAY)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await checkInCode(app.db, await asked(), { now: END_OF_DAY })).toBeNull();
		// Put off to the next day, it has a new one.
		await moveMeeting('2026-12-03');
		const next = await codeOf(END_OF_DAY);
		expect(next.code).not.toBe(code.code);
		expect(next.expiresAt.getTime()).toBe(END_OF_DAY + 24 * HOUR);
		expect((await inspectCheckIn(app, next.code, people.rep, END_OF_DAY)).ok).toBe(true);
		const { checkInCodes } = tables(app.db);
		expect(
			await app.db.select().from(checkInCodes).where(eq(checkInCodes.meetingId, meeting))
		).toHaveLength(1);
	});

	it('follow their meeting when it is moved, and a meeting without a date has none', async () => {
		const code = await codeOf();
		await moveMeeting('2026-12-20');
		expect(await codeOf()).toEqual({
			code: code.code,
			meetingId: meeting,
			expiresAt: new Date(END_OF_DAY + 18 * 24 * HOUR)
		});
		await moveMeeting('');
		expect(await checkInCode(app.db, await asked(), { now: NOW })).toBeNull();
		expect(await checkInCode(app.db, await asked(), { renew: true, now: NOW })).toBeNull();
	});

	it('stop working when the secretary replaces them', async () => {
		const old = await codeOf();
		const fresh = (await checkInCode(app.db, await asked(), { renew: true, now: NOW + 1000 }))!;
		expect(await checkInWith(app, old.code, people.rep, new Date(NOW + 2000))).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect((await checkInWith(app, fresh.code, people.rep, new Date(NOW + 2000))).ok).toBe(true);
	});

	it('refuse what is not a code the same way as a code that never existed', async () => {
		for (const code of [
			'',
			'x',
			'a'.repeat(32),
			'A'.repeat(32),
			'../../etc/passwd',
			'a'.repeat(33)
		]) {
			expect(await inspectCheckIn(app, code, people.rep, NOW), code).toEqual({
				ok: false,
				reason: 'invalid'
			});
		}
	});
});

describe('the check-in window', () => {
	it('refuses before it opens, saying when it does, and after the meeting’s day', async () => {
		await setStart('下午2:30–4:00');
		const { code } = await codeOf();
		const opensAt = new Date(Date.UTC(2026, 11, 2, 4, 30)); // 12:30 in Shanghai
		expect(await inspectCheckIn(app, code, people.rep, NOW)).toMatchObject({
			ok: false,
			reason: 'early',
			opensAt,
			unit: { name: '市第一人民医院' }
		});
		expect(await checkInWith(app, code, people.rep, new Date(NOW))).toEqual({
			ok: false,
			reason: 'early',
			opensAt
		});
		// 16 days before, too: the code is shown days ahead, and printed, but is of no use before.
		await moveMeeting('2026-12-18');
		expect(await checkInWith(app, code, people.rep, new Date(NOW))).toMatchObject({
			ok: false,
			reason: 'early'
		});
		await moveMeeting('2026-12-02');
		expect(await checkInWith(app, code, people.rep, new Date(opensAt.getTime() - 1))).toMatchObject(
			{
				ok: false,
				reason: 'early'
			}
		);
		expect(await checkInWith(app, code, people.rep, opensAt)).toMatchObject({ ok: true });
		// Found to have been the day before: over, and the check-in made stays on the page.
		await moveMeeting('2026-12-01');
		expect(await inspectCheckIn(app, code, people.rep, NOW + 4 * HOUR)).toMatchObject({
			ok: false,
			reason: 'closed',
			attendance: { who: '孙倩' }
		});
		expect(await checkInWith(app, code, people.rep, new Date(NOW + 4 * HOUR))).toMatchObject({
			ok: false,
			reason: 'closed'
		});
		await moveMeeting('');
		expect(await checkInWith(app, code, people.rep, new Date(NOW + 4 * HOUR))).toMatchObject({
			ok: false,
			reason: 'undated',
			opensAt: null
		});
		expect(await boardEvents(app.db, board)).toHaveLength(1);
	});
});

describe('checkInWith', () => {
	it('checks a representative in for their unit, live in the meetings document, and records it', async () => {
		const { code } = await codeOf();
		expect(await inspectCheckIn(app, code, people.rep, NOW)).toMatchObject({
			ok: true,
			meeting: { id: meeting, title: '第四季度联席会议' },
			unit: { name: '市第一人民医院' },
			attendance: null
		});
		const result = await checkInWith(app, code, people.rep, new Date(NOW + 120_000));
		expect(result).toMatchObject({ ok: true, unit: { id: hospital.id } });
		const [a] = (await readMeetingsContent(app, board.id)).attendance;
		expect(a).toEqual({
			meetingId: meeting,
			unitId: hospital.id,
			status: 'present',
			who: '孙倩',
			reason: '',
			checkedInAt: new Date(NOW + 120_000).toISOString()
		});
		expect(checkedInAs(a!, '孙倩')).toBe(true);
		expect(checkedInAs(a!, '周华')).toBe(false);
		const [event] = await boardEvents(app.db, board);
		expect(event).toMatchObject({
			userId: people.rep.id,
			data: {
				type: 'checkin',
				meetingId: meeting,
				meeting: '第四季度联席会议',
				unitId: hospital.id,
				unitName: '市第一人民医院'
			}
		});
	});

	it('refuses everyone who is not a representative of the council: they are recorded by hand', async () => {
		const { code } = await codeOf();
		for (const key of ['secretary', 'admin', 'member', 'observer'] as const) {
			expect(await inspectCheckIn(app, code, people[key], NOW), key).toMatchObject({
				ok: false,
				reason: 'notRep',
				meeting: { id: meeting }
			});
			expect(await checkInWith(app, code, people[key], new Date(NOW)), key).toEqual({
				ok: false,
				reason: 'notRep'
			});
		}
		// Someone of another council learns nothing of this one, not even the meeting's name.
		expect(await inspectCheckIn(app, code, people.outsider, NOW)).toEqual({
			ok: false,
			reason: 'notRep'
		});
		expect(await checkInWith(app, code, people.outsider, new Date(NOW))).toEqual({
			ok: false,
			reason: 'notRep'
		});
		expect((await readMeetingsContent(app, board.id)).attendance).toEqual([]);
		expect(await boardEvents(app.db, board)).toEqual([]);
	});

	it('refuses on an archived board, and once the meeting is deleted', async () => {
		const { code } = await codeOf();
		const { boards } = tables(app.db);
		await app.db.update(boards).set({ status: 'archived' }).where(eq(boards.id, board.id));
		expect(await checkInWith(app, code, people.rep, new Date(NOW))).toEqual({
			ok: false,
			reason: 'archived'
		});
		await app.db.update(boards).set({ status: 'tracking' }).where(eq(boards.id, board.id));
		await app.sync.change(meetingsRoom(board.id), people.secretary.id, (doc) =>
			deleteMeeting(doc, meeting)
		);
		expect(await checkInWith(app, code, people.rep, new Date(NOW))).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect((await readMeetingsContent(app, board.id)).attendance).toEqual([]);
	});
});
