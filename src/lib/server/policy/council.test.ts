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

const placeOf = (person: PersonKey) =>
	roleInCouncil(world().db, world().users[person], world().seeded.councilId);

describe('a place in the council', () => {
	it('is the stored membership; administrators are secretaries everywhere', () => {
		expectForEveryone(placeOf, world().places);
	});

	it('opens the council’s dashboard and scorecard to anyone in it', () => {
		expectForEveryone(
			(person) => {
				const rights = councilAccess(world().db, world().users[person], world().seeded.councilId);
				return rights.ok ? rights.council.id : rights.reason;
			},
			{ ...everyone(world().seeded.councilId), outsider: 'forbidden' }
		);
		expect(councilAccess(world().db, world().users.admin, 'nosuchcouncil')).toEqual({
			ok: false,
			reason: 'not-found'
		});
	});

	it('gives the scorecard’s file to observers only where the council allows it', () => {
		const council = getCouncil(world().db, world().seeded.councilId)!;
		const ask = (person: PersonKey) => {
			const who = placeOf(person);
			return who ? mayExport(who, council) : null;
		};
		expectForEveryone(ask, {
			...everyone<boolean | null>(true),
			observer: false,
			outsider: null
		});
		expect(mayExport({ role: 'observer', unitId: null }, { observersExport: true })).toBe(true);
	});
});

describe('managing the council', () => {
	it('is its secretaries’ and the administrators’', () => {
		expectForEveryone((person) => mayManageCouncil(placeOf(person)), {
			...everyone(false),
			secretary: true,
			admin: true
		});
	});

	it('is the administrator’s pages for administrators only', () => {
		expectForEveryone((person) => isAdministrator(world().users[person]), {
			...everyone(false),
			admin: true
		});
	});

	it('changes anyone’s membership but one’s own, except for an administrator', () => {
		const { users } = world();
		expectForEveryone((person) => mayChangeMembership(users[person], users[person].id), {
			...everyone(false),
			admin: true
		});
		expectForEveryone((person) => mayChangeMembership(users[person], users.member.id), {
			...everyone(true),
			member: false
		});
	});

	it('keeps a person’s invitation links only while they are a secretary', () => {
		expect(Object.fromEntries(ROLES.map((role) => [role, keepsInvitations(role)]))).toEqual({
			secretary: true,
			member: false,
			unit_rep: false,
			observer: false
		});
	});
});

describe('what a person is shown', () => {
	it('lists the boards of their own councils, with their role; every board for administrators', () => {
		const { boardId, otherBoardId } = world().seeded;
		expectForEveryone(
			(person) => listBoardsFor(world().db, world().users[person]).map((b) => [b.id, b.role]),
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

	it('lists the councils they manage', () => {
		const { councilId } = world().seeded;
		const other = listBoardsFor(world().db, world().users.outsider)[0]!.councilId;
		expectForEveryone(
			(person) => listManagedCouncils(world().db, world().users[person]).map((c) => c.id),
			{ ...everyone<string[]>([]), secretary: [councilId], admin: [councilId, other] }
		);
	});
});
