// Test fixtures written through the project's own code into a real store (a SQLite file, or a
// PostgreSQL database when the run names a server: store.ts): a council, a board, two member units,
// one account per role (a representative for each unit), and a signed-in session (cookie) for each.
import { openStore } from '../../src/lib/server/db/index.ts';
import { newTestStore } from './store.ts';
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
import { createUnit } from '../../src/lib/server/council/units.ts';
import { boardRoom, unitRoom } from '../../src/lib/server/sync/rooms.ts';
import type { Role } from '../../src/lib/council.ts';

export const PASSWORD = 'test-password-1';

export interface Person {
	id: string;
	username: string;
	displayName: string;
	cookie: string;
}

export interface Seeded {
	/** A temp directory of the test's own. */
	dir: string;
	/** The store: a SQLite file's path or a PostgreSQL URL (the server's DATABASE_PATH / DATABASE_URL). */
	database: string;
	/** Removes the store and the directory. */
	drop(): Promise<void>;
	councilId: string;
	boardId: string;
	room: string;
	otherBoardId: string;
	units: Record<UnitKey, { id: string; name: string; room: string }>;
	people: Record<
		'secretary' | 'member' | 'member2' | 'observer' | 'hospitalRep' | 'schoolRep' | 'outsider',
		Person
	>;
}

type UnitKey = 'hospital' | 'school';

export async function seed(dir?: string): Promise<Seeded> {
	const place = await newTestStore(dir);
	const store = await openStore(place.location);
	const { db } = store;
	const council = await createCouncil(db, {
		name: '幸福里社区党建联席会',
		community: '幸福里社区'
	});
	const other = await createCouncil(db, { name: '明月湾社区党建联席会', community: '明月湾社区' });
	const board = await createBoard(db, {
		councilId: council.id,
		title: '共驻共建项目计划',
		period: '2026年第四季度'
	});
	const otherBoard = await createBoard(db, {
		councilId: other.id,
		title: '明月湾项目计划',
		period: '2026年第四季度'
	});
	const units = {} as Seeded['units'];
	for (const [key, name, kind] of [
		['hospital', '市第一人民医院', 'hospital'],
		['school', '幸福里小学', 'school']
	] as const) {
		const unit = await createUnit(db, council.id, { name, kind });
		units[key] = { id: unit.id, name, room: unitRoom(board.id, unit.id) };
	}
	const roles: [keyof Seeded['people'], string, Role | null, UnitKey?][] = [
		['secretary', '李敏', 'secretary'],
		['member', '王建国', 'member'],
		['member2', '张丽', 'member'],
		['observer', '陈刚', 'observer'],
		['hospitalRep', '孙倩', 'unit_rep', 'hospital'],
		['schoolRep', '郑凯', 'unit_rep', 'school'],
		['outsider', '赵强', null]
	];
	const people = {} as Seeded['people'];
	for (const [key, displayName, role, unit] of roles) {
		const user = await createUser(db, {
			username: `t-${key.toLowerCase()}`,
			displayName,
			password: PASSWORD
		});
		if (role) await setMembership(db, council.id, user.id, role, unit ? units[unit].id : null);
		else await setMembership(db, other.id, user.id, 'member');
		const token = generateSessionToken();
		await createSession(db, token, user.id);
		people[key] = {
			id: user.id,
			username: user.username,
			displayName,
			cookie: `${SESSION_COOKIE}=${token}`
		};
	}
	await store.close();
	return {
		dir: place.dir,
		database: place.location,
		drop: place.drop,
		councilId: council.id,
		boardId: board.id,
		room: boardRoom(board.id),
		otherBoardId: otherBoard.id,
		units,
		people
	};
}
