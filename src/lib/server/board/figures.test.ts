// The figures that score a unit against real parts (a migrated store of its own, the sync server in
// process, its update log and the activity reading): what a later board's writers put in their
// documents — a forged carried-over copy, a backdated `doneOn` — changes no figure of a locked board;
// the done day is the server's; a secretary's correction is recorded and counted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { createApp, type App } from '../app.ts';
import { createUser } from '../auth/accounts.ts';
import { createBoard, createCouncil, setMembership } from '../council/councils.ts';
import { createUnit } from '../council/units.ts';
import { tables } from '../db/index.ts';
import { newTestStore, type TestStore } from '../../../../tests/helpers/store.ts';
import { boardRoom, unitRoom } from '../sync/rooms.ts';
import { addItem, listMap, newItem, setField } from '../../board/ydoc/list.ts';
import { COMMITMENTS, PLAN } from '../../board/model/lists/index.ts';
import { createNextBoard } from './next-period.ts';
import { boardDashboard, councilDashboard, unitScorecard } from './dashboard.ts';
import { myWork } from './my-work.ts';
import { trackProgress, type Tracker } from './tracking.ts';
import { correctDoneDay, councilDay, doneDayOf } from './figures.ts';
import { mayCorrectDoneDay } from '../policy/board.ts';
import { boardEvents } from '../record/events.ts';
import { catchUp, storedActivity } from '../record/activity.ts';
import { itemText } from '../../board/ydoc/list.ts';

let place: TestStore;
let app: App;
let council: { id: string };
let q3: { id: string; councilId: string; title: string; period: string };
let hospital: { id: string };
const people: Record<'secretary' | 'rep' | 'member', string> = {
	secretary: '',
	rep: '',
	member: ''
};
let late: string;
let reported: string;
let open: string;
let project: string;
const today = () => councilDay(new Date());

beforeEach(async () => {
	place = await newTestStore();
	app = await createApp({ database: place.location, log: pino({ level: 'silent' }) });
	council = await createCouncil(app.db, { name: '幸福里社区党建联席会', community: '幸福里社区' });
	hospital = await createUnit(app.db, council.id, { name: '市第一人民医院', kind: 'hospital' });
	for (const [key, role] of [
		['secretary', 'secretary'],
		['rep', 'unit_rep'],
		['member', 'member']
	] as const) {
		const user = await createUser(app.db, {
			username: key,
			displayName: key,
			password: 'password-1'
		});
		await setMembership(
			app.db,
			council.id,
			user.id,
			role,
			role === 'unit_rep' ? hospital.id : null
		);
		people[key] = user.id;
	}
	// Q3 of 2020, while in draft: the hospital's commitments (all due long ago) and a project done.
	q3 = await createBoard(app.db, {
		councilId: council.id,
		title: '共驻共建项目计划',
		period: '2020年第三季度'
	});
	await app.sync.change(boardRoom(q3.id), people.member, (doc) => {
		project = addItem(doc, PLAN, { title: '七彩暑假', status: 'done', lead: hospital.id });
	});
	await app.sync.change(unitRoom(q3.id, hospital.id), people.rep, (doc) => {
		late = addItem(doc, COMMITMENTS, {
			content: '每月义诊',
			due: '2020-01-10',
			status: 'in_progress'
		});
		reported = addItem(doc, COMMITMENTS, {
			content: '健康讲座',
			due: '2020-03-01',
			status: 'in_progress'
		});
		open = addItem(doc, COMMITMENTS, {
			content: '健康档案',
			due: '2020-02-01',
			status: 'not_started'
		});
	});
	// Done today — long after it was due — with `doneOn` written back to before the due date.
	await app.sync.change(unitRoom(q3.id, hospital.id), people.rep, (doc) => {
		setField(doc, COMMITMENTS, late, 'status', 'done');
		setField(doc, COMMITMENTS, late, 'doneOn', '2020-01-05');
	});
	const { boards } = tables(app.db);
	await app.db.update(boards).set({ status: 'tracking' }).where(eq(boards.id, q3.id));
});
afterEach(async () => {
	await app.close();
	await place.drop();
});

/** The hospital's representative, reporting on its commitments. */
const hospitalRep = (): Tracker => ({
	userId: people.rep,
	name: '孙倩',
	role: 'unit_rep',
	unitId: hospital.id
});
const hospitalRow = async () =>
	(await unitScorecard(app, council.id, 2020)).rows.find((r) => r.unitId === hospital.id)!;

describe('the done day', () => {
	it('is the server’s day of the change that made it done, not the document’s doneOn', async () => {
		expect(await hospitalRow()).toMatchObject({
			commitments: 3,
			onTime: 0,
			late: 1,
			overdue: 2,
			onTimeRate: 0
		});
		expect(
			await doneDayOf(app.db, { boardId: q3.id, unitId: hospital.id, itemId: late })
		).toMatchObject({
			day: today(),
			source: 'change',
			userId: people.rep
		});
	});

	it('is the day of the follow-up that reported it done; going back to not done clears it', async () => {
		const report = (status: string) =>
			trackProgress(app, { ...q3, status: 'tracking' }, hospitalRep(), {
				list: 'commitments',
				unitId: hospital.id,
				itemId: reported,
				status,
				note: '',
				evidence: ''
			});
		expect(await report('done')).toMatchObject({ ok: true });
		const where = { boardId: q3.id, unitId: hospital.id, itemId: reported };
		expect(await doneDayOf(app.db, where)).toMatchObject({
			day: today(),
			source: 'follow_up',
			userId: people.rep
		});
		// The log row of that follow-up, read later, sees the same done: the day stays the follow-up's.
		await boardDashboard(app, q3);
		expect((await doneDayOf(app.db, where))?.source).toBe('follow_up');
		expect(await report('in_progress')).toMatchObject({ ok: true });
		expect(await doneDayOf(app.db, where)).toBeUndefined();
		expect(await hospitalRow()).toMatchObject({ late: 1, overdue: 2 });
	});

	it('refuses a follow-up note over its limit, saying the limit', async () => {
		const input = {
			list: 'commitments',
			unitId: hospital.id,
			itemId: reported,
			status: 'done',
			note: '长'.repeat(1001),
			evidence: ''
		};
		expect(
			await trackProgress(app, { ...q3, status: 'tracking' }, hospitalRep(), input)
		).toMatchObject({
			ok: false,
			error: 'field.tooLong',
			params: { max: 1000 },
			field: 'note'
		});
		expect(
			await doneDayOf(app.db, { boardId: q3.id, unitId: hospital.id, itemId: reported })
		).toBeUndefined();
	});
});

describe('a later board’s documents', () => {
	it('change no figure of the locked board: a forged carried-over copy and a backdated doneOn', async () => {
		// Q4 from Q3 by 下一期: only the open commitments are carried, and the server records them.
		const made = await createNextBoard(
			app,
			q3,
			{ title: '共驻共建项目计划', period: '2020年第四季度' },
			people.secretary
		);
		if (!made.ok) throw new Error('no next board');
		const q4 = made.boardId;
		const { carriedItems } = tables(app.db);
		expect(
			(
				await app.db
					.select({ itemId: carriedItems.itemId })
					.from(carriedItems)
					.where(eq(carriedItems.boardId, q4))
			)
				.map((r) => r.itemId)
				.sort()
		).toEqual([open, reported].sort());

		const before = {
			q3: await boardDashboard(app, q3),
			row: await hospitalRow(),
			totals: (await councilDashboard(app, council.id)).totals,
			work: await myWork(app, people.rep)
		};
		expect(before.row).toMatchObject({ commitments: 3, onTime: 0, late: 1, onTimeRate: 0 });

		// In its own sheet on the draft board, the representative writes a "carried-over" copy of the
		// late commitment, done before its due date; a member writes the done project in as cancelled.
		await app.sync.change(unitRoom(q4, hospital.id), people.rep, (doc) => {
			listMap(doc, COMMITMENTS).set(
				late,
				newItem(
					COMMITMENTS,
					{
						content: '每月义诊',
						due: '2020-01-10',
						status: 'done',
						doneOn: '2020-01-05',
						carriedFrom: q3.id
					},
					'a0'
				)
			);
		});
		await app.sync.change(boardRoom(q4), people.member, (doc) => {
			listMap(doc, PLAN).set(
				project,
				newItem(
					PLAN,
					{ title: '七彩暑假', status: 'cancelled', lead: hospital.id, carriedFrom: q3.id },
					'a0'
				)
			);
		});
		// And marks the carried, overdue one done with a backdated doneOn.
		await app.sync.change(unitRoom(q4, hospital.id), people.rep, (doc) => {
			setField(doc, COMMITMENTS, open, 'status', 'done');
			setField(doc, COMMITMENTS, open, 'doneOn', '2020-01-20');
		});

		// The locked board's own figures are what they were.
		expect(await boardDashboard(app, q3)).toEqual(before.q3);
		const row = await hospitalRow();
		// The copy is a commitment of Q4 of its own (done today, so late); Q3's stays late; the carried
		// one is done on the server's day, late too. Nothing on time appeared.
		expect(row).toMatchObject({ commitments: 4, onTime: 0, late: 3, overdue: 1, onTimeRate: 0 });
		const totals = (await councilDashboard(app, council.id)).totals;
		expect(totals.projects.byStatus.done).toBe(before.totals.projects.byStatus.done);
		expect(totals.projects.byStatus.done).toBe(1);
		// My work still follows the late commitment up on Q3, where it is.
		const q3Work = (work: Awaited<ReturnType<typeof myWork>>) =>
			work[0]!.boards.find((b) => b.id === q3.id)!;
		expect(q3Work(await myWork(app, people.rep)).commitments.map((c) => c.id)).toEqual(
			q3Work(before.work).commitments.map((c) => c.id)
		);
		expect(q3Work(await myWork(app, people.rep)).commitments.map((c) => c.id)).toContain(late);
		// The copy is not shown as carried over; the carried one is.
		const q4Work = (await myWork(app, people.rep))[0]!.boards.find((b) => b.id === q4)!;
		expect(Object.fromEntries(q4Work.commitments.map((c) => [c.id, c.carried]))).toEqual({
			[late]: false,
			[open]: true,
			[reported]: true
		});
	});
});

describe('a secretary’s correction of the done day', () => {
	it('is validated, recorded with the day before and after, and counted', async () => {
		const input = (day: string, itemId = late) => ({ unitId: hospital.id, itemId, day });
		expect(mayCorrectDoneDay({ role: 'unit_rep', unitId: hospital.id })).toBe(false);
		expect(mayCorrectDoneDay({ role: 'secretary', unitId: null })).toBe(true);
		expect(await correctDoneDay(app, q3, people.secretary, input('2020-02-30'))).toMatchObject({
			ok: false,
			status: 400,
			error: 'doneDay.badDate'
		});
		expect(await correctDoneDay(app, q3, people.secretary, input('9999-01-01'))).toMatchObject({
			ok: false,
			status: 400,
			error: 'doneDay.future'
		});
		expect(
			await correctDoneDay(app, q3, people.secretary, input('2020-01-08', open))
		).toMatchObject({
			ok: false,
			status: 409,
			error: 'doneDay.notDone'
		});
		expect(
			await correctDoneDay(app, q3, people.secretary, input('2020-01-08', 'nothing'))
		).toMatchObject({ ok: false, status: 404 });

		expect(await correctDoneDay(app, q3, people.secretary, input('2020-01-08'))).toEqual({
			ok: true,
			from: today(),
			to: '2020-01-08'
		});
		expect(
			await doneDayOf(app.db, { boardId: q3.id, unitId: hospital.id, itemId: late })
		).toMatchObject({
			day: '2020-01-08',
			source: 'correction',
			userId: people.secretary
		});
		expect((await boardEvents(app.db, q3)).find((e) => e.data.type === 'doneDay')).toMatchObject({
			userId: people.secretary,
			data: {
				type: 'doneDay',
				room: unitRoom(q3.id, hospital.id),
				itemId: late,
				title: '每月义诊',
				from: today(),
				to: '2020-01-08'
			}
		});
		expect(await hospitalRow()).toMatchObject({ onTime: 1, late: 0, onTimeRate: 1 / 3 });
	});
});

describe('the record', () => {
	it('keeps one entry for one person’s typing in an item when the feed is read in the middle of it', async () => {
		const room = unitRoom(q3.id, hospital.id);
		await catchUp(app.db, app.sync, room);
		const typed = () =>
			app.sync.change(room, people.secretary, (doc) =>
				itemText(doc, COMMITMENTS, open, 'notes')!.insert(0, '已联系')
			);
		await typed();
		await catchUp(app.db, app.sync, room);
		// Someone else's change in between (the representative added the item, so would join that entry).
		await app.sync.change(room, people.member, (doc) =>
			setField(doc, COMMITMENTS, open, 'due', '2020-02-02')
		);
		await typed();
		await catchUp(app.db, app.sync, room);
		const entries = (await storedActivity(app.db, q3.id, new Date(0))).filter(
			(e) => e.itemId === open && e.action === 'changed'
		);
		// (Sorted: both may fall in the same millisecond.)
		expect(entries.map((e) => `${e.userId} ${e.fields.map((f) => f.field).join()}`).sort()).toEqual(
			[`${people.secretary} notes`, `${people.member} due`].sort()
		);
	});

	it('tells each change once when two readings of the log run at once (the feed and the background)', async () => {
		const room = unitRoom(q3.id, hospital.id);
		// The item's entries in this sheet (the board's other rooms are read in the background meanwhile).
		const ofItem = async () =>
			(await storedActivity(app.db, q3.id, new Date(0))).filter(
				(e) => e.room === room && e.itemId === reported
			);
		await catchUp(app.db, app.sync, room);
		const before = (await ofItem()).length;
		await app.sync.change(room, people.member, (doc) =>
			setField(doc, COMMITMENTS, reported, 'due', '2020-03-03')
		);
		await Promise.all([1, 2, 3].map(() => catchUp(app.db, app.sync, room)));
		const after = await ofItem();
		expect(after.length - before).toBe(1);
		expect(after.filter((e) => e.fields.some((f) => f.field === 'due'))).toHaveLength(1);
	});
});
