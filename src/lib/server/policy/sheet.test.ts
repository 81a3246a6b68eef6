// The rights on a unit's sheet (sheet.ts) for each person of the seeded council and an
// administrator, on an open and on a locked plan, read from a real SQLite file.
import { describe, it } from 'vitest';
import type { BoardStatus } from '../../board/model/status.ts';
import { boardAccess } from './board.ts';
import { mayConfirmSheet, mayReportOnCommitment, sheetAccess } from './sheet.ts';
import { everyone, expectForEveryone, usePolicyWorld, type PersonKey } from './testing.ts';
import type { CouncilRole } from './council.ts';
import type { Board } from '../council/councils.ts';

const world = usePolicyWorld();

const ask =
	<T>(rule: (who: CouncilRole, board: Board) => T) =>
	async (person: PersonKey) => {
		const rights = await boardAccess(world().db, world().users[person], world().seeded.boardId);
		return rights.ok ? rule(rights, rights.board) : null;
	};

/** Its own unit's representative and the secretaries: hospital's sheet. */
const speakers: Record<PersonKey, boolean | null> = {
	...everyone<boolean | null>(false),
	secretary: true,
	admin: true,
	hospitalRep: true,
	outsider: null
};

describe('a unit’s sheet', () => {
	for (const status of ['draft', 'meeting'] satisfies BoardStatus[])
		it(`is written by the secretaries and its unit’s representatives while ${status}`, async () => {
			await world().setStatus(status);
			const hospital = world().seeded.units.hospital.id;
			await expectForEveryone(
				ask((who, board) => sheetAccess(who, board, hospital)),
				{
					secretary: 'write',
					member: 'read',
					observer: 'read',
					hospitalRep: 'write',
					schoolRep: 'read',
					outsider: null,
					admin: 'write'
				}
			);
		});

	for (const status of ['agreed', 'tracking', 'archived'] satisfies BoardStatus[])
		it(`is read by everyone once ${status}`, async () => {
			await world().setStatus(status);
			const hospital = world().seeded.units.hospital.id;
			await expectForEveryone(
				ask((who, board) => sheetAccess(who, board, hospital)),
				{ ...everyone<'read' | null>('read'), outsider: null }
			);
		});

	it('is confirmed and reported on by the same people, in every status', async () => {
		const hospital = world().seeded.units.hospital.id;
		for (const status of ['draft', 'tracking'] satisfies BoardStatus[]) {
			await world().setStatus(status);
			await expectForEveryone(
				ask((who) => mayConfirmSheet(who, hospital)),
				speakers
			);
			await expectForEveryone(
				ask((who) => mayReportOnCommitment(who, hospital)),
				speakers
			);
		}
	});
});
