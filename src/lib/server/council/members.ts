// The people of a council as its secretary manages them: who they are, their role and, for a unit
// representative, the unit they represent.
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';
import type { FieldErrors } from '../../forms.ts';
import { ROLES, type Role } from '../../council.ts';
import { isUnitOf } from './units.ts';

export async function listMembers(db: Db, councilId: string) {
	return listMembersWhere(db, (m) => eq(m.councilId, councilId));
}
export type Member = Awaited<ReturnType<typeof listMembers>>[number];

async function listMembersWhere(
	db: Db,
	where: (memberships: ReturnType<typeof tables>['memberships']) => SQL | undefined
) {
	const { memberships, units, users } = tables(db);
	return db
		.select({
			userId: users.id,
			username: users.username,
			displayName: users.displayName,
			role: memberships.role,
			unitId: memberships.unitId,
			unitName: units.name
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.leftJoin(units, eq(units.id, memberships.unitId))
		.where(where(memberships))
		.orderBy(asc(users.displayName), asc(users.username));
}

/** One person of the council, as listMembers shows them, or undefined. */
export async function getMember(
	db: Db,
	councilId: string,
	userId: string
): Promise<Member | undefined> {
	const found = await listMembersWhere(db, (m) =>
		and(eq(m.councilId, councilId), eq(m.userId, userId))
	);
	return found.at(0);
}

export type MemberFormField = 'role' | 'unitId';

/** Checks a role (and unit) for a member of this council: a unit representative names one of the
 *  council's units, every other role none. */
export async function validateMembership(
	db: Db,
	councilId: string,
	input: { role: string; unitId: string | null }
) {
	const errors: FieldErrors<MemberFormField> = {};
	if (!(ROLES as readonly string[]).includes(input.role))
		errors.role = { key: 'council.roleRequired' };
	else if (input.role === 'unit_rep') {
		if (!input.unitId) errors.unitId = { key: 'invite.unitRequired' };
		else if (!(await isUnitOf(db, councilId, input.unitId))) {
			errors.unitId = { key: 'invite.unitUnknown' };
		}
	}
	const ok = Object.keys(errors).length === 0;
	return {
		errors,
		ok,
		role: input.role as Role,
		unitId: input.role === 'unit_rep' ? input.unitId : null
	};
}

/** A person's own membership of a council, as stored (an administrator's included), or null. */
export async function membershipOf(db: Db, councilId: string, userId: string) {
	const { memberships, units } = tables(db);
	return (
		(await first(
			db
				.select({ role: memberships.role, unitId: memberships.unitId, unitName: units.name })
				.from(memberships)
				.leftJoin(units, eq(units.id, memberships.unitId))
				.where(and(eq(memberships.councilId, councilId), eq(memberships.userId, userId)))
		)) ?? null
	);
}

/** The units a person represents, one per council at most. */
export async function unitsRepresentedBy(db: Db, userId: string) {
	const { councils, memberships, units } = tables(db);
	return db
		.select({
			councilId: councils.id,
			councilName: councils.name,
			unitId: units.id,
			unitName: units.name
		})
		.from(memberships)
		.innerJoin(councils, eq(councils.id, memberships.councilId))
		.innerJoin(units, eq(units.id, memberships.unitId))
		.where(and(eq(memberships.userId, userId), eq(memberships.role, 'unit_rep')))
		.orderBy(asc(councils.name));
}
