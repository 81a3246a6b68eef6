// The reminders' schedule over a real store (SQLite: unit; PostgreSQL: unit-pg) and a board's real
// documents: it tells each reminder to the people it is for, once, whether run again, on two nodes
// at once (two connection pools on one PostgreSQL: one holds the lease, the other does nothing) or
// by a node started afresh; a node that lost the lease writes nothing; what it makes is handed on
// in the transaction that made it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { openStore, tables, type Db, type Store } from '../db/index.ts';
import { insertUser } from '../auth/accounts.ts';
import { createBoard, createCouncil, setMembership } from '../council/councils.ts';
import { createUnit } from '../council/units.ts';
import { confirmSheet } from '../board/agreement.ts';
import { storedDocuments } from '../docs/stored.ts';
import { docStorage } from '../sync/storage.ts';
import { meetingsRoom, unitRoom } from '../sync/rooms.ts';
import { addItem, listMap, setField } from '../../board/ydoc/list.ts';
import { todayIn } from '../../board/model/fields.ts';
import { createApp } from '../app.ts';
import { COMMITMENTS, MEETINGS } from '../../board/model/lists/index.ts';
import type { Role } from '../../council.ts';
import { newTestStore, testPostgres, type TestStore } from '../../../../tests/helpers/store.ts';
import { ReminderSchedule, type OnCreated } from './schedule.ts';
import { jobLease, LeaseLost } from './lease.ts';
import { listNotifications, unreadCount, type Notification } from './notifications.ts';

/** Noon on 15 November 2026 in China. */
const NOW = new Date('2026-11-15T04:00:00Z');
const DAY = 86_400_000;
const log = pino({ level: 'silent' });
/** Tomorrow on the council's calendar, by the real clock. */
const councilTomorrow = () => todayIn(undefined, new Date(Date.now() + DAY));

let place: TestStore;
let stores: Store[];
let schedules: ReminderSchedule[];
let db: Db;
let boardId: string;
const people: Record<string, string> = {};

beforeEach(async () => {
	place = await newTestStore();
	stores = [];
	schedules = [];
	const store = await openStore(place.location);
	stores.push(store);
	db = store.db;
	const docs = storedDocuments(docStorage(store));
	const council = await createCouncil(db, {
		name: '幸福里社区党建联席会',
		community: '幸福里社区'
	});
	const other = await createCouncil(db, { name: '明月湾社区党建联席会', community: '明月湾社区' });
	const hospital = await createUnit(db, council.id, { name: '市第一人民医院', kind: 'hospital' });
	const school = await createUnit(db, council.id, { name: '幸福里小学', kind: 'school' });
	const roles: [string, Role, string | null, string?][] = [
		['secretary', 'secretary', null],
		['member', 'member', null],
		['observer', 'observer', null],
		['hospitalRep', 'unit_rep', hospital.id],
		['hospitalRep2', 'unit_rep', hospital.id],
		['schoolRep', 'unit_rep', school.id],
		['outsider', 'member', null, other.id]
	];
	for (const [key, role, unitId, councilId = council.id] of roles) {
		const user = await insertUser(db, {
			username: key.toLowerCase(),
			displayName: key,
			passwordHash: '-'
		});
		await setMembership(db, councilId, user.id, role, unitId);
		people[key] = user.id;
	}
	const board = await createBoard(db, {
		councilId: council.id,
		title: '2026年第四季度计划',
		period: '2026年第四季度'
	});
	boardId = board.id;
	await db
		.update(tables(db).boards)
		.set({ status: 'meeting' })
		.where(eq(tables(db).boards.id, board.id));
	await confirmSheet(db, { ...board, status: 'meeting' }, hospital, people.hospitalRep!);
	await docs.change(unitRoom(board.id, hospital.id), people.hospitalRep!, (doc) => {
		addItem(doc, COMMITMENTS, { content: '每月义诊', due: '2026-11-22', status: 'in_progress' });
		addItem(doc, COMMITMENTS, { content: '健康讲座', due: '2026-11-10', status: 'not_started' });
		addItem(doc, COMMITMENTS, { content: '已完成的', due: '2026-11-16', status: 'done' });
	});
	await docs.change(unitRoom(board.id, school.id), people.schoolRep!, (doc) => {
		addItem(doc, COMMITMENTS, { content: '开放操场', due: '2026-11-16', status: 'not_started' });
	});
	await docs.change(meetingsRoom(board.id), people.secretary!, (doc) => {
		addItem(doc, MEETINGS, {
			title: '第四季度联席会议',
			date: '2026-11-16',
			time: '14:30',
			place: '社区党群服务中心'
		});
	});
	// An archived board reminds of nothing, however overdue.
	const archived = await createBoard(db, {
		councilId: council.id,
		title: '旧计划',
		period: '2025年'
	});
	await db
		.update(tables(db).boards)
		.set({ status: 'archived' })
		.where(eq(tables(db).boards.id, archived.id));
	await docs.change(unitRoom(archived.id, hospital.id), people.hospitalRep!, (doc) => {
		addItem(doc, COMMITMENTS, { content: '旧承诺', due: '2025-01-01', status: 'not_started' });
	});
});
afterEach(async () => {
	for (const schedule of schedules) await schedule.close();
	for (const store of stores) await store.close();
	await place.drop();
});

/** A node: on PostgreSQL a store of its own on the test's (its own pool), and the schedule on
 *  it. SQLite is one node's store, opened once: a second connection to its file in this process
 *  would wait for the first's transaction with the event loop blocked. */
async function node(
	options: { nodeId?: string; leaseMs?: number; onCreated?: OnCreated; intervalMs?: number } = {}
) {
	const store = testPostgres() ? await openStore(place.location) : stores[0]!;
	if (store !== stores[0]) stores.push(store);
	const schedule = new ReminderSchedule({
		store,
		docs: storedDocuments(docStorage(store)),
		log,
		now: () => NOW,
		...options
	});
	schedules.push(schedule);
	return schedule;
}

/** Who was told what, as "person kind", sorted. */
const told = (made: Notification[]) =>
	made.map((n) => `${Object.keys(people).find((k) => people[k] === n.userId)} ${n.kind}`).sort();

const EXPECTED = [
	'hospitalRep commitment-due',
	'hospitalRep commitment-overdue',
	'hospitalRep meeting-tomorrow',
	'hospitalRep2 commitment-due',
	'hospitalRep2 commitment-overdue',
	'hospitalRep2 meeting-tomorrow',
	'member meeting-tomorrow',
	'observer meeting-tomorrow',
	'schoolRep commitment-due',
	'schoolRep meeting-tomorrow',
	'schoolRep unit-unconfirmed',
	'secretary meeting-tomorrow'
];

describe('the reminders’ schedule', () => {
	it('tells each reminder to the people it is for, once however often it runs', async () => {
		const a = await node();
		const first = await a.run(NOW);
		expect(first.held).toBe(true);
		expect(told(first.created)).toEqual(EXPECTED);
		const due = first.created.filter(
			(n) => n.kind === 'commitment-due' && n.userId === people.hospitalRep
		);
		expect(due).toMatchObject([
			{
				boardId,
				params: { unit: '市第一人民医院', title: '每月义诊', date: '2026-11-22', days: 7 },
				target: { kind: 'item', list: 'commitments' }
			}
		]);
		expect(due[0]!.dedupeKey).toMatch(/^commitment-due:7:/);
		expect((await a.run(NOW)).created).toEqual([]);
		// Later the same day: still nothing new.
		expect((await a.run(new Date(NOW.getTime() + 6 * 3_600_000))).created).toEqual([]);
		expect(await unreadCount(db, people.hospitalRep!)).toBe(3);
		expect(await unreadCount(db, people.outsider!)).toBe(0);
		// Six days on, the day before it is due: the 1-day reminder, and nothing else again.
		const later = await a.run(new Date(NOW.getTime() + 6 * DAY));
		expect(told(later.created)).toEqual([
			'hospitalRep commitment-due',
			'hospitalRep2 commitment-due',
			'schoolRep commitment-overdue'
		]);
		expect(later.created.find((n) => n.kind === 'commitment-due')?.dedupeKey).toMatch(
			/^commitment-due:1:/
		);
	});

	it('on two nodes at once makes each once, and after a restart nothing again', async () => {
		const [a, b] = [await node({ nodeId: 'a' }), await node({ nodeId: 'b' })];
		const reports = await Promise.all([a.run(NOW), b.run(NOW)]);
		expect(told(reports.flatMap((r) => r.created))).toEqual(EXPECTED);
		if (testPostgres()) {
			// One node held the lease and did the work; the other found it held.
			expect(reports.map((r) => r.held).sort()).toEqual([false, true]);
		}
		// Both stop; a node started afresh takes the job at once and makes nothing twice.
		await a.close();
		await b.close();
		const c = await node({ nodeId: 'c' });
		const again = await c.run(NOW);
		expect(again).toEqual({ held: true, created: [] });
		const all = await listNotifications(db, people.hospitalRep!, { limit: 100 });
		expect(all.notifications).toHaveLength(3);
	});

	it('hands what it made on in the transaction that made it; a failure there makes it next run', async () => {
		const handed: string[] = [];
		let failing = true;
		const a = await node({
			onCreated: async (created, tx) => {
				// What delivery's outbox would do: write in the same transaction.
				expect(await unreadCount(tx, created[0]!.userId)).toBeGreaterThan(0);
				if (failing) throw new Error('outbox full');
				handed.push(...created.map((n) => n.id));
			}
		});
		expect((await a.run(NOW)).created).toEqual([]);
		expect(await unreadCount(db, people.secretary!)).toBe(0);
		failing = false;
		const made = await a.run(NOW);
		expect(told(made.created)).toEqual(EXPECTED);
		expect(handed.sort()).toEqual(made.created.map((n) => n.id).sort());
	});

	it('runs on its own every interval once started, and stops on close', async () => {
		const a = await node({ intervalMs: 50 });
		a.start();
		const until = Date.now() + 5000;
		while ((await unreadCount(db, people.secretary!)) === 0 && Date.now() < until)
			await new Promise((resolve) => setTimeout(resolve, 20));
		expect(await unreadCount(db, people.secretary!)).toBe(1);
		await a.close();
		expect(await a.run(NOW)).toEqual({ held: false, created: [] });
	});
});

describe('the app’s reminders', () => {
	it('start with the app when it is given them, and stop when it closes', async () => {
		const without = await createApp({ database: place.location, log });
		expect(without.reminders).toBeNull();
		await without.close();
		const app = await createApp({ database: place.location, log, reminders: { intervalMs: 50 } });
		try {
			const until = Date.now() + 5000;
			// The board's meeting is on the 16th of November 2026; the app's clock is today's: a
			// meeting tomorrow is the one thing it may tell everyone, so it is moved to tomorrow.
			await app.docs.change(meetingsRoom(boardId), people.secretary!, (doc) => {
				const [id] = [...listMap(doc, MEETINGS).keys()];
				setField(doc, MEETINGS, id!, 'date', councilTomorrow());
			});
			while ((await unreadCount(app.db, people.member!)) === 0 && Date.now() < until)
				await new Promise((resolve) => setTimeout(resolve, 20));
			expect(await unreadCount(app.db, people.member!)).toBe(1);
		} finally {
			await app.close();
		}
		expect(await app.reminders!.run()).toEqual({ held: false, created: [] });
	});
});

describe.runIf(testPostgres())('the reminders’ lease', () => {
	it('is one node’s at a time; a node whose lease another took writes nothing', async () => {
		const [one, two] = [await openStore(place.location), await openStore(place.location)];
		stores.push(one, two);
		const a = jobLease(one, 'test-job', 'a', 300);
		const b = jobLease(two, 'test-job', 'b', 300);
		const first = await a.take();
		expect(first).toBe(1);
		expect(await b.take()).toBeNull();
		// Renewed by a again, it stays a's under the same generation.
		expect(await a.take()).toBe(first);
		await new Promise((resolve) => setTimeout(resolve, 400));
		// a paused past its lease: b takes it under the next generation, and a's writes are refused.
		expect(await b.take()).toBe(2);
		await expect(one.db.transaction((tx) => a.fence(tx, first!))).rejects.toBeInstanceOf(LeaseLost);
		expect(await a.take()).toBeNull();
	});

	it('holds off a node taking it over while a fenced write is under way', async () => {
		const [one, two] = [await openStore(place.location), await openStore(place.location)];
		stores.push(one, two);
		const a = jobLease(one, 'test-job', 'a', 10_000);
		const b = jobLease(two, 'test-job', 'b', 10_000);
		const generation = (await a.take())!;
		// About to run out, as if a had paused: b would take it soon.
		const { jobLeases } = tables(db);
		await db.update(jobLeases).set({ expiresAt: new Date(Date.now() + 200) });
		let settled = false;
		let taken: Promise<number | null> | undefined;
		await expect(
			one.db.transaction(async (tx) => {
				// a wakes and writes first: its fence renews the lease and locks it until it commits.
				await a.fence(tx, generation);
				// Past the time it would have run out: b waits for a's write.
				await new Promise((resolve) => setTimeout(resolve, 300));
				taken = b.take().finally(() => (settled = true));
				await new Promise((resolve) => setTimeout(resolve, 300));
				expect(settled).toBe(false);
			})
		).resolves.toBeUndefined();
		// Committed, renewed: b finds it alive, and a goes on under the same generation.
		expect(await taken).toBeNull();
		expect(await a.take()).toBe(generation);
		// Given up, it is the next node's at once.
		await a.release();
		expect(await b.take()).toBe(generation + 1);
	});
});
