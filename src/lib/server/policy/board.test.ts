// The rights on a board (board.ts) for each person of the seeded council and an administrator, in
// each of the board's statuses, read from a real SQLite file.
import { describe, expect, it } from 'vitest';
import { BOARD_STATUSES, type BoardStatus } from '../../board/model/status.ts';
import {
	boardAccess,
	documentAccess,
	mayCorrectDoneDay,
	mayExport,
	mayImport,
	mayManageBoard,
	mayPresent,
	mayReportOnProject,
	mayRestoreVersion,
	takesReports,
	type Access,
	type BoardRights
} from './board.ts';
import { everyone, expectForEveryone, usePolicyWorld, type PersonKey } from './testing.ts';

const world = usePolicyWorld();

/** The person's rights to the seeded board as it is now; null where they may not see it. */
async function rightsOf(person: PersonKey): Promise<BoardRights | null> {
	const rights = await boardAccess(world().db, world().users[person], world().seeded.boardId);
	return rights.ok ? rights : null;
}

/** A rule asked of the person's rights; null for someone who may not see the board. */
const ask =
	<T>(rule: (rights: BoardRights) => T) =>
	async (person: PersonKey) => {
		const rights = await rightsOf(person);
		return rights ? rule(rights) : null;
	};

const OPEN: BoardStatus[] = ['draft', 'meeting'];
const LOCKED: BoardStatus[] = ['agreed', 'tracking', 'archived'];

describe('boardAccess', () => {
	it('knows no unknown board, and shows a board to its own council only', async () => {
		expect(await boardAccess(world().db, world().users.secretary, 'nosuchboard')).toEqual({
			ok: false,
			reason: 'not-found'
		});
		expect(
			await boardAccess(world().db, world().users.secretary, world().seeded.otherBoardId)
		).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(
			await boardAccess(world().db, world().users.admin, world().seeded.otherBoardId)
		).toMatchObject({
			ok: true,
			role: 'secretary',
			access: 'write'
		});
	});

	it('gives each person their place in the council', async () => {
		await world().setStatus('draft');
		await expectForEveryone(
			ask((r) => ({ role: r.role, unitId: r.unitId })),
			world().places
		);
	});
});

describe('the board document', () => {
	for (const status of OPEN)
		it(`is written by all who plan, read by observers, while ${status}`, async () => {
			await world().setStatus(status);
			const expected: Record<PersonKey, Access | null> = {
				...everyone<'write' | 'read' | null>('write'),
				observer: 'read',
				outsider: null
			};
			await expectForEveryone(
				ask((r) => r.access),
				expected
			);
			await expectForEveryone(
				ask((r) => documentAccess(r, r.board)),
				expected
			);
		});

	for (const status of LOCKED)
		it(`is read by everyone once ${status}`, async () => {
			await world().setStatus(status);
			await expectForEveryone(
				ask((r) => r.access),
				{ ...everyone<'read' | null>('read'), outsider: null }
			);
		});

	it('is imported into by whoever may write it', async () => {
		await world().setStatus('draft');
		await expectForEveryone(ask(mayImport), {
			...everyone<boolean | null>(true),
			observer: false,
			outsider: null
		});
		for (const status of LOCKED) {
			await world().setStatus(status);
			await expectForEveryone(ask(mayImport), {
				...everyone<boolean | null>(false),
				outsider: null
			});
		}
	});
});

describe('running the board', () => {
	const secretariesOnly: Record<PersonKey, boolean | null> = {
		...everyone<boolean | null>(false),
		secretary: true,
		admin: true,
		outsider: null
	};

	it('is the secretaries’ in every status: status, versions, next period, presenting, done days', async () => {
		for (const status of BOARD_STATUSES) {
			await world().setStatus(status);
			await expectForEveryone(ask(mayManageBoard), secretariesOnly);
			await expectForEveryone(ask(mayPresent), secretariesOnly);
			await expectForEveryone(ask(mayCorrectDoneDay), secretariesOnly);
		}
	});

	it('restores a version only while the plan is not agreed', async () => {
		for (const status of OPEN) {
			await world().setStatus(status);
			await expectForEveryone(
				ask((r) => mayRestoreVersion(r, r.board)),
				secretariesOnly
			);
		}
		for (const status of LOCKED) {
			await world().setStatus(status);
			await expectForEveryone(
				ask((r) => mayRestoreVersion(r, r.board)),
				{ ...everyone<boolean | null>(false), outsider: null }
			);
		}
	});
});

describe('export', () => {
	it('is for all who plan with the board, and for observers where the council allows it', async () => {
		await world().setStatus('tracking');
		await world().setObserverRights({ observersExport: false });
		await expectForEveryone(
			ask((r) => mayExport(r, r.board)),
			{ ...everyone<boolean | null>(true), observer: false, outsider: null }
		);
		await world().setObserverRights({ observersExport: true });
		await expectForEveryone(
			ask((r) => mayExport(r, r.board)),
			{ ...everyone<boolean | null>(true), outsider: null }
		);
		await world().setObserverRights({ observersExport: false });
	});
});

describe('follow-up reports', () => {
	it('are taken while the plan is drafted and discussed and in tracking, not otherwise', async () => {
		expect(Object.fromEntries(BOARD_STATUSES.map((s) => [s, takesReports(s)]))).toEqual({
			draft: true,
			meeting: true,
			agreed: false,
			tracking: true,
			archived: false
		});
	});

	it('on a project are its lead unit’s and the secretaries’', async () => {
		await world().setStatus('tracking');
		const { hospital } = world().seeded.units;
		await expectForEveryone(
			ask((r) => mayReportOnProject(r, hospital.id)),
			{
				...everyone<boolean | null>(false),
				secretary: true,
				admin: true,
				hospitalRep: true,
				outsider: null
			}
		);
		// A project without a lead is no unit's: only the secretaries report on it.
		await expectForEveryone(
			ask((r) => mayReportOnProject(r, '')),
			{
				...everyone<boolean | null>(false),
				secretary: true,
				admin: true,
				outsider: null
			}
		);
	});
});
