// Someone's place in a council and the rights over the council itself (council.ts), for each person
// of the seeded council and an administrator, read from a real SQLite file.
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../council.ts';
import { getCouncil } from '../council/councils.ts';
import {
	councilAccess,
	isAdministrator,
	keepsInvitations,
	listBoardsFor,
	listManagedCouncils,
	mayChangeMembership,
	mayManageCouncil,
	roleInCouncil
} from './council.ts';
import { mayExport } from './board.ts';
import { everyone, expectForEveryone, usePolicyWorld, type PersonKey } from './testing.ts';

const world = usePolicyWorld();

const placeOf = async (person: PersonKey) =>
	roleInCouncil(world().db, world().users[person], world().seeded.councilId);

describe('a place in the council', () => {
	it('is the stored membership; administrators are secretaries everywhere', async () => {
		await expectForEveryone(placeOf, world().places);
	});

	it('opens the council’s dashboard and scorecard to anyone in it', async () => {
		await expectForEveryone(
			async (person) => {
				const rights = await councilAccess(
					world().db,
					world().users[person],
					world().seeded.councilId
				);
				return rights.ok ? rights.council.id : rights.reason;
			},
			{ ...everyone(world().seeded.councilId), outsider: 'forbidden' }
		);
		expect(await councilAccess(world().db, world().users.admin, 'nosuchcouncil')).toEqual({
			ok: false,
			reason: 'not-found'
		});
	});

	it('gives the scorecard’s file to observers only where the council allows it', async () => {
		const council = (await getCouncil(world().db, world().seeded.councilId))!;
		const ask = async (person: PersonKey) => {
			const who = await placeOf(person);
			return who ? mayExport(who, council) : null;
		};
		await expectForEveryone(ask, {
			...everyone<boolean | null>(true),
			observer: false,
			outsider: null
		});
		expect(mayExport({ role: 'observer', unitId: null }, { observersExport: true })).toBe(true);
	});
});

describe('managing the council', () => {
	it('is its secretaries’ and the administrators’', async () => {
		await expectForEveryone(async (person) => mayManageCouncil(await placeOf(person)), {
			...everyone(false),
			secretary: true,
			admin: true
		});
	});

	it('is the administrator’s pages for administrators only', async () => {
		await expectForEveryone((person) => isAdministrator(world().users[person]), {
			...everyone(false),
			admin: true
		});
	});

	it('changes anyone’s membership but one’s own, except for an administrator', async () => {
		const { users } = world();
		await expectForEveryone((person) => mayChangeMembership(users[person], users[person].id), {
			...everyone(false),
			admin: true
		});
		await expectForEveryone((person) => mayChangeMembership(users[person], users.member.id), {
			...everyone(true),
			member: false
		});
	});

	it('keeps a person’s invitation links only while they are a secretary', async () => {
		expect(Object.fromEntries(ROLES.map((role) => [role, keepsInvitations(role)]))).toEqual({
			secretary: true,
			member: false,
			unit_rep: false,
			observer: false
		});
	});
});

describe('what a person is shown', () => {
	it('lists the boards of their own councils, with their role; every board for administrators', async () => {
		const { boardId, otherBoardId } = world().seeded;
		await expectForEveryone(
			async (person) =>
				(await listBoardsFor(world().db, world().users[person])).map((b) => [b.id, b.role]),
			{
				secretary: [[boardId, 'secretary']],
				member: [[boardId, 'member']],
				observer: [[boardId, 'observer']],
				hospitalRep: [[boardId, 'unit_rep']],
				schoolRep: [[boardId, 'unit_rep']],
				outsider: [[otherBoardId, 'member']],
				admin: [
					[boardId, 'secretary'],
					[otherBoardId, 'secretary']
				]
			}
		);
	});

	it('lists the councils they manage', async () => {
		const { councilId } = world().seeded;
		const other = (await listBoardsFor(world().db, world().users.outsider))[0]!.councilId;
		await expectForEveryone(
			async (person) =>
				(await listManagedCouncils(world().db, world().users[person])).map((c) => c.id),
			{ ...everyone<string[]>([]), secretary: [councilId], admin: [councilId, other] }
		);
	});
});
