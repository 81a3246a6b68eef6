// The project's side of the benchmark, written through its own code: bench accounts, a council
// with many boards and a real session cookie; and a board whose update log is long (cold load).
// The bench measures SQLite files (run.ts copies a template file for each run), opened here through
// the store like the server opens them.
import * as Y from 'yjs';
import { first, openStore, tables } from '../../src/lib/server/db/index.ts';
import { createUser } from '../../src/lib/server/auth/accounts.ts';
import {
	createBoard,
	createCouncil,
	setMembership
} from '../../src/lib/server/council/councils.ts';
import {
	createSession,
	generateSessionToken,
	SESSION_COOKIE
} from '../../src/lib/server/auth/session.ts';
import { boardRoom } from '../../src/lib/server/sync/rooms.ts';
import { docStorage, type LoggedUpdate } from '../../src/lib/server/sync/storage.ts';
import { addItem, itemText, setField } from '../../src/lib/board/ydoc/list.ts';
import { PLAN } from '../../src/lib/board/model/lists/index.ts';
import { eq } from 'drizzle-orm';

/** Enough people that no load reaches the server's per-person caps (8 connections a room, 256 in all). */
const PEOPLE = 64;

export interface BenchProject {
	/** One session per bench person: the server caps the connections of one person. */
	cookies: string[];
	rooms: string[];
	coldRoom: string;
}

export async function seedBenchProject(path: string, boards: number): Promise<BenchProject> {
	const store = await openStore(path);
	const { db } = store;
	const { users } = tables(db);
	const council = await createCouncil(db, { name: '基准测试联席会', community: '基准社区' });
	const bench = await createUser(db, {
		username: 'bench',
		displayName: '基准',
		password: 'bench-password'
	});
	// The others share the first one's password hash: hashing 64 passwords would only slow the setup.
	const { passwordHash } = (await first(
		db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, bench.id))
	))!;
	const people = [bench.id];
	for (let i = 1; i < PEOPLE; i++) {
		const id = `bench${i}`;
		await db
			.insert(users)
			.values({ id, username: `bench${i}`, displayName: `基准${i}`, passwordHash });
		people.push(id);
	}
	for (const id of people) await setMembership(db, council.id, id, 'member');
	const rooms: string[] = [];
	for (let i = 0; i < boards; i++)
		rooms.push(
			boardRoom(
				(
					await createBoard(db, {
						councilId: council.id,
						title: `计划 ${i}`,
						period: '2026年第四季度'
					})
				).id
			)
		);
	const coldRoom = boardRoom(
		(await createBoard(db, { councilId: council.id, title: '大计划', period: '2026年第四季度' })).id
	);
	const cookies: string[] = [];
	for (const id of people) {
		const token = generateSessionToken();
		await createSession(db, token, id);
		cookies.push(`${SESSION_COOKIE}=${token}`);
	}
	await store.close();
	return { cookies, rooms, coldRoom };
}

/** The updates that build `items` plan items as people would: add, then type the title and place
 *  key by key, then set a date and the status (20 updates an item). */
export function planHistory(items: number): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	const title = '社区共建活动第十二期项目';
	const place = '党群服务中心';
	for (let i = 0; i < items; i++) {
		const id = addItem(doc, PLAN, { lead: 'hospital' });
		for (const ch of title.slice(0, 12))
			itemText(doc, PLAN, id, 'title')!.insert(itemText(doc, PLAN, id, 'title')!.length, ch);
		for (const ch of place.slice(0, 5))
			itemText(doc, PLAN, id, 'place')!.insert(itemText(doc, PLAN, id, 'place')!.length, ch);
		setField(doc, PLAN, id, 'start', '2026-12-01');
		setField(doc, PLAN, id, 'status', 'active');
	}
	doc.destroy();
	return updates;
}

/** Writes a history into a room's update log, as the sync server would have. */
export async function writeHistory(path: string, room: string, updates: Uint8Array[]) {
	const store = await openStore(path);
	const storage = docStorage(store);
	const rows: LoggedUpdate[] = updates.map((data, i) => ({
		room,
		seq: i + 1,
		data,
		userId: null,
		createdAt: Date.now()
	}));
	for (let i = 0; i < rows.length; i += 10_000) await storage.append(rows.slice(i, i + 10_000));
	await store.close();
}
