// The people of a council as its secretary manages them: who they are, their role and, for a unit
// representative, the unit they represent.
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import type { FieldErrors } from '../../forms.ts';
import { councils, memberships, units, users } from '../db/schema.ts';
import { ROLES, type Role } from '../../council.ts';
import { isUnitOf } from './units.ts';

export function listMembers(db: Db, councilId: string) {
	return listMembersWhere(db, eq(memberships.councilId, councilId));
}
export type Member = ReturnType<typeof listMembers>[number];

function listMembersWhere(db: Db, where: SQL | undefined) {
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
		.where(where)
		.orderBy(asc(users.displayName), asc(users.username))
		.all();
}

/** One person of the council, as listMembers shows them, or undefined. */
export function getMember(db: Db, councilId: string, userId: string): Member | undefined {
	return listMembersWhere(
		db,
		and(eq(memberships.councilId, councilId), eq(memberships.userId, userId))
	).at(0);
}

export type MemberFormField = 'role' | 'unitId';

/** Checks a role (and unit) for a member of this council: a unit representative names one of the
 *  council's units, every other role none. */
export function validateMembership(
	db: Db,
	councilId: string,
	input: { role: string; unitId: string | null }
) {
	const errors: FieldErrors<MemberFormField> = {};
	if (!(ROLES as readonly string[]).includes(input.role))
		errors.role = { key: 'council.roleRequired' };
	else if (input.role === 'unit_rep') {
		if (!input.unitId) errors.unitId = { key: 'invite.unitRequired' };
		else if (!isUnitOf(db, councilId, input.unitId)) {
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
export function membershipOf(db: Db, councilId: string, userId: string) {
	return (
		db
			.select({ role: memberships.role, unitId: memberships.unitId, unitName: units.name })
			.from(memberships)
			.leftJoin(units, eq(units.id, memberships.unitId))
			.where(and(eq(memberships.councilId, councilId), eq(memberships.userId, userId)))
			.get() ?? null
	);
}

/** The units a person represents, one per council at most. */
export function unitsRepresentedBy(db: Db, userId: string) {
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
		.orderBy(asc(councils.name))
		.all();
}
