// The notifications store on a real store of its own: SQLite (unit) and PostgreSQL (unit-pg), where
// the two handles racing to tell the same people of the same event are two connection pools, as two
// nodes are. Each person is told once per dedupe key; pages, the unread count and marking read are
// a person's own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openStore, tables, type Db, type Store } from '../db/index.ts';
import { insertUser } from '../auth/accounts.ts';
import { createBoard, createCouncil } from '../council/councils.ts';
import { newTestStore, type TestStore } from '../../../../tests/helpers/store.ts';
import {
	listNotifications,
	markAllRead,
	markRead,
	notify,
	notifyAll,
	unreadCount,
	type Notice,
	type Notification,
	type NotificationCursor
} from './notifications.ts';

let place: TestStore;
let stores: Store[];
let db: Db;
let councilId: string;
let boardId: string;
let people: string[];

beforeEach(async () => {
	place = await newTestStore();
	stores = [await openStore(place.location)];
	db = stores[0]!.db;
	councilId = (await createCouncil(db, { name: '幸福里社区党建联席会', community: '幸福里社区' }))
		.id;
	boardId = (
		await createBoard(db, { councilId, title: '共驻共建项目计划', period: '2026年第四季度' })
	).id;
	people = [];
	for (const name of ['孙倩', '郑凯', '李敏'])
		people.push(
			(
				await insertUser(db, {
					username: `u${people.length}`,
					displayName: name,
					passwordHash: 'not-used'
				})
			).id
		);
});
afterEach(async () => {
	for (const store of stores) await store.close();
	await place.drop();
});

const due = (itemId: string, dueDate = '2026-11-22'): Notice => ({
	kind: 'commitment-due',
	councilId,
	boardId,
	target: { kind: 'item', list: 'commitments', unitId: 'hospital', itemId },
	params: { unit: '市第一人民医院', title: '每月义诊', date: dueDate, days: 7 },
	dedupeKey: `commitment-due:7:${boardId}:hospital:${itemId}:${dueDate}`
});

const keysOf = (made: Notification[]) => made.map((n) => `${n.userId} ${n.dedupeKey}`).sort();

describe('notify', () => {
	it('tells each person once per dedupe key, and returns only what it made', async () => {
		const [a, b, c] = people as [string, string, string];
		const first = await notify(db, due('c1'), [a, b, a]);
		expect(first.map((n) => n.userId).sort()).toEqual([a, b].sort());
		expect(first[0]).toMatchObject({
			kind: 'commitment-due',
			councilId,
			boardId,
			target: { kind: 'item', list: 'commitments', unitId: 'hospital', itemId: 'c1' },
			params: { unit: '市第一人民医院', title: '每月义诊', date: '2026-11-22', days: 7 },
			readAt: null
		});
		// Again, with one more person: only the newcomer is told.
		const again = await notify(db, due('c1'), [a, b, c]);
		expect(again.map((n) => n.userId)).toEqual([c]);
		// A changed date is another event.
		expect(await notify(db, due('c1', '2026-11-29'), [a])).toHaveLength(1);
		expect((await listNotifications(db, a)).notifications).toHaveLength(2);
	});

	it('makes each notification once when two nodes make the same ones at once', async () => {
		stores.push(await openStore(place.location));
		const other = stores[1]!.db;
		const batch = Array.from({ length: 200 }, (_, i) => ({
			notice: due(`c${i}`),
			userIds: people
		}));
		const made = await Promise.all([
			notifyAll(db, batch),
			notifyAll(other, batch.toReversed()),
			notifyAll(other, batch)
		]);
		const all = made.flat();
		expect(all).toHaveLength(200 * people.length);
		expect(new Set(keysOf(all)).size).toBe(all.length);
		for (const person of people) expect(await unreadCount(db, person)).toBe(200);
	});

	it('lists a person’s own, newest first, a page at a time, and counts the unread', async () => {
		const [a, b] = people as [string, string];
		for (let i = 0; i < 5; i++)
			await notify(db, due(`c${i}`), [a], new Date(Date.UTC(2026, 10, 1, 0, i)));
		// Two made in the same millisecond still page apart.
		await notifyAll(
			db,
			[
				{ notice: due('same1'), userIds: [a] },
				{ notice: due('same2'), userIds: [a] }
			],
			new Date(Date.UTC(2026, 10, 1, 0, 2))
		);
		await notify(db, due('theirs'), [b]);
		const pages: string[][] = [];
		let after: NotificationCursor | undefined;
		for (;;) {
			const page = await listNotifications(db, a, { limit: 3, after });
			pages.push(
				page.notifications.map((n) => String(n.target.kind === 'item' && n.target.itemId))
			);
			if (!page.next) break;
			after = page.next;
		}
		expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
		const order = pages.flat();
		expect(order.slice(0, 2)).toEqual(['c4', 'c3']);
		expect(order.slice(2, 5).sort()).toEqual(['c2', 'same1', 'same2']);
		expect(order.slice(5)).toEqual(['c1', 'c0']);
		expect(await unreadCount(db, a)).toBe(7);
		expect(await unreadCount(db, b)).toBe(1);
	});

	it('marks read only a person’s own, and all of them at once', async () => {
		const [a, b] = people as [string, string];
		const mine = await notify(db, due('c1'), [a]);
		await notify(db, due('c2'), [a]);
		const theirs = await notify(db, due('c1'), [b]);
		// Another person's id is left alone.
		expect(await markRead(db, a, [mine[0]!.id, theirs[0]!.id])).toBe(1);
		expect(await markRead(db, a, [mine[0]!.id])).toBe(0);
		expect(await unreadCount(db, a)).toBe(1);
		expect(await unreadCount(db, b)).toBe(1);
		const read = (await listNotifications(db, a)).notifications.find((n) => n.id === mine[0]!.id);
		expect(read?.readAt).toBeInstanceOf(Date);
		expect(await markAllRead(db, a)).toBe(1);
		expect(await unreadCount(db, a)).toBe(0);
		expect(await unreadCount(db, b)).toBe(1);
		expect(await markRead(db, a, [])).toBe(0);
	});

	it('goes with the person, the board or the council', async () => {
		const [a] = people as [string];
		await notify(db, due('c1'), people);
		const { users, boards } = tables(db);
		await db.delete(users).where(eq(users.id, a));
		expect(await unreadCount(db, a)).toBe(0);
		await db.delete(boards).where(eq(boards.id, boardId));
		expect(await unreadCount(db, people[1]!)).toBe(0);
	});
});
