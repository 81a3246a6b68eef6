// The rights on a board's meetings (meetings.ts) for each person of the seeded council and an
// administrator, in each of the board's statuses, read from a real SQLite file.
import { describe, it } from 'vitest';
import { BOARD_STATUSES } from '../../board/model/status.ts';
import { roleInCouncil, type CouncilRole } from './council.ts';
import {
	checkInRight,
	mayIssueCheckInCode,
	meetingsAccess,
	type CheckInRight
} from './meetings.ts';
import { everyone, expectForEveryone, usePolicyWorld, type PersonKey } from './testing.ts';
import { getBoard, type Board } from '../council/councils.ts';

const world = usePolicyWorld();

/** The rule for the person's place in the seeded council (null for the outsider). */
const ask =
	<T>(rule: (who: CouncilRole | null, board: Board) => T) =>
	async (person: PersonKey) =>
		rule(
			await roleInCouncil(world().db, world().users[person], world().seeded.councilId),
			(await getBoard(world().db, world().seeded.boardId))!
		);

const keptBy = <T>(secretaries: T, others: T) => ({
	...everyone(others),
	secretary: secretaries,
	admin: secretaries
});

describe('the meetings', () => {
	for (const status of BOARD_STATUSES.filter((s) => s !== 'archived'))
		it(`are kept by the secretaries while ${status}, and read by everyone else`, async () => {
			await world().setStatus(status);
			await expectForEveryone(
				ask((who, board) => (who ? meetingsAccess(who, board) : null)),
				{ ...keptBy<'write' | 'read' | null>('write', 'read'), outsider: null }
			);
			await expectForEveryone(
				ask((who, board) => (who ? mayIssueCheckInCode(who, board) : null)),
				{ ...keptBy<boolean | null>(true, false), outsider: null }
			);
		});

	it('are read by everyone once the board is archived, and no code is shown', async () => {
		await world().setStatus('archived');
		await expectForEveryone(
			ask((who, board) => (who ? meetingsAccess(who, board) : null)),
			{ ...everyone<'read' | null>('read'), outsider: null }
		);
		await expectForEveryone(
			ask((who, board) => (who ? mayIssueCheckInCode(who, board) : null)),
			{ ...everyone<boolean | null>(false), outsider: null }
		);
	});
});

describe('checking in', () => {
	it('is a representative’s, for their own unit; the outsider is told nothing', async () => {
		const { hospital, school } = world().seeded.units;
		for (const status of BOARD_STATUSES.filter((s) => s !== 'archived')) {
			await world().setStatus(status);
			await expectForEveryone(ask(checkInRight), {
				secretary: { ok: false, reason: 'notRep' },
				member: { ok: false, reason: 'notRep' },
				observer: { ok: false, reason: 'notRep' },
				hospitalRep: { ok: true, unitId: hospital.id },
				schoolRep: { ok: true, unitId: school.id },
				outsider: { ok: false, reason: 'outsider' },
				admin: { ok: false, reason: 'notRep' }
			});
		}
	});

	it('is closed on an archived board, for everyone of the council', async () => {
		await world().setStatus('archived');
		await expectForEveryone(ask(checkInRight), {
			...everyone<CheckInRight>({ ok: false, reason: 'archived' }),
			outsider: { ok: false, reason: 'outsider' }
		});
	});
});
