// The sync upgrade's rights per room, against a real migrated SQLite file: who reads and who writes
// the board document, each unit's sheet and the meetings, and who may present.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore } from '../db/testing.ts';
import { tables } from '../db/index.ts';
import { createUser } from '../auth/accounts.ts';
import { createBoard, createCouncil, getBoard, setMembership } from '../council/councils.ts';
import type { SessionUser } from '../auth/session.ts';
import { createUnit } from '../council/units.ts';
import { boardRoom, commentsRoom, meetingsRoom, unitRoom } from '../sync/rooms.ts';
import { roomAccess } from './room.ts';
import { eq } from 'drizzle-orm';
import type { BoardStatus } from '../../board/model/status.ts';
import { everyone, expectForEveryone, type PersonKey, usePolicyWorld } from './testing.ts';

/** A socket let into the room, to write or to read; presenting (follow mode) is a secretary's. */
const granted = (access: 'write' | 'read', mayPresent = false) => ({
	ok: true,
	access,
	mayPresent
});

describe('roomAccess', () => {
	let t: Awaited<ReturnType<typeof tempStore>>;
	let board: { id: string };
	let otherBoard: { id: string };
	let hospital: { id: string };
	let school: { id: string };
	let otherUnit: { id: string };
	const users: Record<string, SessionUser> = {};

	beforeEach(async () => {
		t = await tempStore();
		const council = await createCouncil(t.db, {
			name: '幸福里社区党建联席会',
			community: '幸福里社区'
		});
		const other = await createCouncil(t.db, { name: '另一个联席会', community: '另一个社区' });
		board = await createBoard(t.db, {
			councilId: council.id,
			title: '计划',
			period: '2026年第四季度'
		});
		otherBoard = await createBoard(t.db, {
			councilId: other.id,
			title: '计划',
			period: '2026年第四季度'
		});
		hospital = await createUnit(t.db, council.id, { name: '市第一人民医院', kind: 'hospital' });
		school = await createUnit(t.db, council.id, { name: '实验小学', kind: 'school' });
		otherUnit = await createUnit(t.db, other.id, { name: '别处的单位', kind: 'company' });
		for (const [name, role] of [
			['sec', 'secretary'],
			['mem', 'member'],
			['rep', 'unit_rep'],
			['obs', 'observer'],
			['none', null]
		] as const) {
			const u = await createUser(t.db, {
				username: name,
				displayName: name,
				password: 'password1'
			});
			if (role)
				await setMembership(t.db, council.id, u.id, role, role === 'unit_rep' ? hospital.id : null);
			users[name] = { id: u.id, username: name, displayName: name, isAdmin: false };
		}
		const admin = await createUser(t.db, {
			username: 'admin',
			displayName: 'admin',
			password: 'password1',
			isAdmin: true
		});
		users.admin = { id: admin.id, username: 'admin', displayName: 'admin', isAdmin: true };
	});
	afterEach(() => t.cleanup());

	it('lets secretaries and members write, observers read', async () => {
		expect(await roomAccess(t.db, users.sec!, boardRoom(board.id))).toMatchObject(
			granted('write', true)
		);
		expect(await roomAccess(t.db, users.mem!, boardRoom(board.id))).toMatchObject(granted('write'));
		expect(await roomAccess(t.db, users.obs!, boardRoom(board.id))).toMatchObject(granted('read'));
	});

	it('lets a unit representative write the board and its own sheet, and only read the others', async () => {
		expect(await roomAccess(t.db, users.rep!, boardRoom(board.id))).toMatchObject(granted('write'));
		expect(await roomAccess(t.db, users.rep!, unitRoom(board.id, hospital.id))).toMatchObject(
			granted('write')
		);
		expect(await roomAccess(t.db, users.rep!, unitRoom(board.id, school.id))).toMatchObject(
			granted('read')
		);
	});

	it('lets secretaries write every sheet, members and observers read them', async () => {
		for (const unit of [hospital, school]) {
			expect(await roomAccess(t.db, users.sec!, unitRoom(board.id, unit.id))).toMatchObject(
				granted('write', true)
			);
			expect(await roomAccess(t.db, users.mem!, unitRoom(board.id, unit.id))).toMatchObject(
				granted('read')
			);
			expect(await roomAccess(t.db, users.obs!, unitRoom(board.id, unit.id))).toMatchObject(
				granted('read')
			);
		}
	});

	it('knows no sheet of a unit from another council or of no unit', async () => {
		expect(await roomAccess(t.db, users.sec!, unitRoom(board.id, otherUnit.id))).toEqual({
			ok: false,
			status: 404
		});
		expect(await roomAccess(t.db, users.sec!, unitRoom(board.id, 'nosuchunit'))).toEqual({
			ok: false,
			status: 404
		});
		expect(await roomAccess(t.db, users.none!, unitRoom(board.id, hospital.id))).toEqual({
			ok: false,
			status: 403
		});
	});

	it('forbids people outside the council', async () => {
		expect(await roomAccess(t.db, users.none!, boardRoom(board.id))).toEqual({
			ok: false,
			status: 403
		});
		expect(await roomAccess(t.db, users.sec!, boardRoom(otherBoard.id))).toEqual({
			ok: false,
			status: 403
		});
	});

	it('lets administrators in everywhere', async () => {
		expect(await roomAccess(t.db, users.admin!, boardRoom(otherBoard.id))).toMatchObject(
			granted('write', true)
		);
	});

	it('lets only secretaries write the meetings, also once the plan is agreed, until it is archived', async () => {
		const room = meetingsRoom(board.id);
		expect(await roomAccess(t.db, users.sec!, room)).toMatchObject(granted('write', true));
		for (const name of ['mem', 'rep', 'obs'] as const)
			expect(await roomAccess(t.db, users[name]!, room)).toMatchObject(granted('read'));
		expect(await roomAccess(t.db, users.none!, room)).toEqual({ ok: false, status: 403 });
		const { boards } = tables(t.db);
		await t.db.update(boards).set({ status: 'tracking' }).where(eq(boards.id, board.id));
		expect(await roomAccess(t.db, users.sec!, room)).toMatchObject(granted('write', true));
		expect(await roomAccess(t.db, users.sec!, boardRoom(board.id))).toMatchObject({
			ok: true,
			access: 'read',
			mayPresent: true,
			status: 'tracking'
		});
		await t.db.update(boards).set({ status: 'archived' }).where(eq(boards.id, board.id));
		expect(await roomAccess(t.db, users.sec!, room)).toMatchObject({
			ok: true,
			access: 'read',
			mayPresent: true,
			status: 'archived'
		});
	});

	it('lets everyone of the council read the discussion and no one write it: the server does', async () => {
		const room = commentsRoom(board.id);
		for (const name of ['sec', 'mem', 'rep', 'obs', 'admin'] as const)
			expect(await roomAccess(t.db, users[name]!, room), name).toMatchObject({
				ok: true,
				access: 'read'
			});
		expect(await roomAccess(t.db, users.none!, room)).toEqual({ ok: false, status: 403 });
		expect(await roomAccess(t.db, users.sec!, commentsRoom(otherBoard.id))).toEqual({
			ok: false,
			status: 403
		});
	});

	it('lets secretaries and administrators present, on every room of the board, and no one else', async () => {
		for (const room of [
			boardRoom(board.id),
			meetingsRoom(board.id),
			unitRoom(board.id, hospital.id)
		]) {
			for (const name of ['sec', 'admin'] as const)
				expect(await roomAccess(t.db, users[name]!, room), `${name} ${room}`).toMatchObject({
					ok: true,
					mayPresent: true
				});
			for (const name of ['mem', 'rep', 'obs'] as const)
				expect(await roomAccess(t.db, users[name]!, room), `${name} ${room}`).toMatchObject({
					ok: true,
					mayPresent: false
				});
		}
	});

	it('answers 404 for unknown boards and malformed names', async () => {
		expect(await roomAccess(t.db, users.sec!, boardRoom('nosuchboard'))).toEqual({
			ok: false,
			status: 404
		});
		expect(await roomAccess(t.db, users.sec!, 'board:../x')).toEqual({ ok: false, status: 404 });
	});

	it('follows membership changes at once', async () => {
		await setMembership(t.db, (await getBoard(t.db, board.id))!.councilId, users.obs!.id, 'member');
		expect(await roomAccess(t.db, users.obs!, boardRoom(board.id))).toMatchObject(granted('write'));
	});
});

describe('roomAccess for everyone, in every status', () => {
	const world = usePolicyWorld();

	/** What the upgrade grants: `write`/`read` (+ `present`), or the refusal's status. */
	const granted = async (person: PersonKey, room: string) => {
		const access = await roomAccess(world().db, world().users[person], room);
		return access.ok ? `${access.access}${access.mayPresent ? '+present' : ''}` : access.status;
	};

	const table = async (status: BoardStatus) => {
		await world().setStatus(status);
		const { boardId, units } = world().seeded;
		const rooms = {
			board: boardRoom(boardId),
			hospitalSheet: unitRoom(boardId, units.hospital.id),
			schoolSheet: unitRoom(boardId, units.school.id),
			meetings: meetingsRoom(boardId)
		};
		return async (person: PersonKey) =>
			Object.fromEntries(
				await Promise.all(
					Object.entries(rooms).map(async ([key, room]) => [key, await granted(person, room)])
				)
			);
	};

	it('grants each document to its writers while the plan is open', async () => {
		for (const status of ['draft', 'meeting'] satisfies BoardStatus[])
			await expectForEveryone(await table(status), {
				secretary: {
					board: 'write+present',
					hospitalSheet: 'write+present',
					schoolSheet: 'write+present',
					meetings: 'write+present'
				},
				member: { board: 'write', hospitalSheet: 'read', schoolSheet: 'read', meetings: 'read' },
				observer: { board: 'read', hospitalSheet: 'read', schoolSheet: 'read', meetings: 'read' },
				hospitalRep: {
					board: 'write',
					hospitalSheet: 'write',
					schoolSheet: 'read',
					meetings: 'read'
				},
				schoolRep: {
					board: 'write',
					hospitalSheet: 'read',
					schoolSheet: 'write',
					meetings: 'read'
				},
				outsider: { board: 403, hospitalSheet: 403, schoolSheet: 403, meetings: 403 },
				admin: {
					board: 'write+present',
					hospitalSheet: 'write+present',
					schoolSheet: 'write+present',
					meetings: 'write+present'
				}
			});
	});

	it('keeps only the meetings writable, for the secretaries, once the plan is agreed', async () => {
		const reader = { board: 'read', hospitalSheet: 'read', schoolSheet: 'read', meetings: 'read' };
		const secretary = {
			board: 'read+present',
			hospitalSheet: 'read+present',
			schoolSheet: 'read+present',
			meetings: 'write+present'
		};
		for (const status of ['agreed', 'tracking'] satisfies BoardStatus[])
			await expectForEveryone(await table(status), {
				...everyone(reader),
				secretary,
				admin: secretary,
				outsider: { board: 403, hospitalSheet: 403, schoolSheet: 403, meetings: 403 }
			});
	});

	it('makes everything read-only once the board is archived', async () => {
		const reader = { board: 'read', hospitalSheet: 'read', schoolSheet: 'read', meetings: 'read' };
		const secretary = {
			board: 'read+present',
			hospitalSheet: 'read+present',
			schoolSheet: 'read+present',
			meetings: 'read+present'
		};
		await expectForEveryone(await table('archived'), {
			...everyone(reader),
			secretary,
			admin: secretary,
			outsider: { board: 403, hospitalSheet: 403, schoolSheet: 403, meetings: 403 }
		});
	});
});
