// The world the policy tests ask their questions in: the seeded council of the integration tests
// (tests/helpers/seed.ts: a secretary, members, an observer, a representative of each of two units,
// and an outsider who belongs to another council) in a real migrated store, plus an
// administrator. Each test reads a rule for every one of them at once, as a table.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { PASSWORD, seed, type Seeded } from '../../../../tests/helpers/seed.ts';
import { openStore, tables, type Db } from '../db/index.ts';
import { createUser } from '../auth/accounts.ts';
import type { SessionUser } from '../auth/session.ts';
import type { BoardStatus } from '../../board/model/status.ts';
import type { Role } from '../../council.ts';

/** hospitalRep represents the unit `hospital`, schoolRep the other unit of the council. */
export const PEOPLE = [
	'secretary',
	'member',
	'observer',
	'hospitalRep',
	'schoolRep',
	'outsider',
	'admin'
] as const;
export type PersonKey = (typeof PEOPLE)[number];

export interface PolicyWorld {
	db: Db;
	seeded: Seeded;
	users: Record<PersonKey, SessionUser>;
	/** Each person's place in the council as seeded: an administrator is a secretary everywhere,
	 *  the outsider has none. */
	places: Record<PersonKey, { role: Role; unitId: string | null } | null>;
	setStatus(status: BoardStatus): Promise<void>;
	/** The council's settings of what observers may do besides reading. */
	setObserverRights(
		rights: Partial<{ observersExport: boolean; observersComment: boolean }>
	): Promise<void>;
	cleanup(): Promise<void>;
}

const asUser = (person: Omit<SessionUser, 'isAdmin'>, isAdmin = false): SessionUser => ({
	id: person.id,
	username: person.username,
	displayName: person.displayName,
	isAdmin
});

export async function policyWorld(): Promise<PolicyWorld> {
	const seeded = await seed();
	const store = await openStore(seeded.database);
	const { db } = store;
	const { boards, councils } = tables(db);
	const admin = await createUser(db, {
		username: 't-admin',
		displayName: '管理员',
		password: PASSWORD,
		isAdmin: true
	});
	const { people } = seeded;
	const { hospital, school } = seeded.units;
	return {
		db,
		seeded,
		places: {
			secretary: { role: 'secretary', unitId: null },
			member: { role: 'member', unitId: null },
			observer: { role: 'observer', unitId: null },
			hospitalRep: { role: 'unit_rep', unitId: hospital.id },
			schoolRep: { role: 'unit_rep', unitId: school.id },
			outsider: null,
			admin: { role: 'secretary', unitId: null }
		},
		users: {
			secretary: asUser(people.secretary),
			member: asUser(people.member),
			observer: asUser(people.observer),
			hospitalRep: asUser(people.hospitalRep),
			schoolRep: asUser(people.schoolRep),
			outsider: asUser(people.outsider),
			admin: asUser(admin, true)
		},
		async setStatus(status) {
			await db.update(boards).set({ status }).where(eq(boards.id, seeded.boardId));
		},
		async setObserverRights(rights) {
			await db.update(councils).set(rights).where(eq(councils.id, seeded.councilId));
		},
		async cleanup() {
			await store.close();
			await seeded.drop();
		}
	};
}

/** Asks `rule` of every person and compares the answers with `expected`, all in one table. */
export async function expectForEveryone<T>(
	rule: (person: PersonKey) => T | Promise<T>,
	expected: Record<PersonKey, NoInfer<T>>
): Promise<void> {
	const answers = Object.fromEntries(
		await Promise.all(PEOPLE.map(async (person) => [person, await rule(person)]))
	);
	expect(answers).toEqual(expected);
}

/** The same answer for every person. */
export const everyone = <T>(answer: T): Record<PersonKey, T> => ({
	secretary: answer,
	member: answer,
	observer: answer,
	hospitalRep: answer,
	schoolRep: answer,
	outsider: answer,
	admin: answer
});

/** The world of one test file: made before its tests, its database removed after them. */
export function usePolicyWorld(): () => PolicyWorld {
	let world: PolicyWorld | undefined;
	beforeAll(async () => {
		world = await policyWorld();
	});
	afterAll(() => world?.cleanup());
	return () => {
		if (!world) throw new Error('the policy world is made before the tests run');
		return world;
	};
}
