// Someone's place in a council, and the rights over the council itself. Everything else a person may
// do is decided from this place (board.ts, sheet.ts, meetings.ts, room.ts):
//   administrators act as secretaries in every council, with or without a membership of their own;
//   a council is managed (units, invitation links, members, boards, settings) by its secretaries;
//   no one changes their own role or leaves, except an administrator, so that a council is not left
//   without its secretary by a slip;
//   invitation links stay valid only while the secretary who made them still is one;
//   what covers all of a council's boards (its dashboard, the scorecard) is seen by anyone in it.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';
import { type Role } from '../../council.ts';
import type { SessionUser } from '../auth/session.ts';
import { getCouncil, type Council } from '../council/councils.ts';

export interface CouncilRole {
	role: Role;
	/** The unit a unit_rep represents; null for every other role. */
	unitId: string | null;
}

type Person = Pick<SessionUser, 'isAdmin'>;

/** What a stored membership (or none) makes of someone in a council. */
function placeOf(user: Person, membership: CouncilRole | null | undefined): CouncilRole | null {
	return user.isAdmin ? { role: 'secretary', unitId: null } : (membership ?? null);
}

/** A person's role in a council, or null when they have none. */
export async function roleInCouncil(
	db: Db,
	user: SessionUser,
	councilId: string
): Promise<CouncilRole | null> {
	if (user.isAdmin) return placeOf(user, null);
	const { memberships } = tables(db);
	const stored = await first(
		db
			.select({ role: memberships.role, unitId: memberships.unitId })
			.from(memberships)
			.where(and(eq(memberships.councilId, councilId), eq(memberships.userId, user.id)))
	);
	return placeOf(user, stored);
}

/** The administrator's pages: accounts, councils, memberships, set-aside rooms. */
export function isAdministrator(user: Person): boolean {
	return user.isAdmin;
}

/** Whether this person manages the council: its units, invitation links, members, boards and
 *  settings; and, on its boards, what belongs to the secretaries (board.ts). */
export function mayManageCouncil(who: CouncilRole | null): boolean {
	return who?.role === 'secretary';
}

/** Whether the links a person made stay valid in their new role (they saw each one whole). */
export function keepsInvitations(role: Role): boolean {
	return mayManageCouncil({ role, unitId: null });
}

/** Whether `user`, who manages the council, may change the role of (or remove) the member `userId`. */
export function mayChangeMembership(user: Pick<SessionUser, 'id' | 'isAdmin'>, userId: string) {
	return userId !== user.id || user.isAdmin;
}

export type CouncilAccess =
	({ ok: true; council: Council } & CouncilRole) | { ok: false; reason: 'not-found' | 'forbidden' };

/** Someone's place in a council, for what covers all its boards (the council dashboard, the
 *  scorecard): anyone with a role in it. */
export async function councilAccess(
	db: Db,
	user: SessionUser,
	councilId: string
): Promise<CouncilAccess> {
	const council = await getCouncil(db, councilId);
	if (!council) return { ok: false, reason: 'not-found' };
	const who = await roleInCouncil(db, user, council.id);
	return who ? { ok: true, council, ...who } : { ok: false, reason: 'forbidden' };
}

/** Boards a person may see, with their role: those of every council they have a place in. */
export async function listBoardsFor(db: Db, user: SessionUser) {
	const { boards, councils, memberships } = tables(db);
	const rows = await db
		.select({
			id: boards.id,
			title: boards.title,
			period: boards.period,
			status: boards.status,
			councilId: councils.id,
			councilName: councils.name,
			community: councils.community,
			role: memberships.role,
			unitId: memberships.unitId
		})
		.from(boards)
		.innerJoin(councils, eq(councils.id, boards.councilId))
		.leftJoin(
			memberships,
			and(eq(memberships.councilId, councils.id), eq(memberships.userId, user.id))
		)
		// Only the person's own councils can give them a place (administrators have one everywhere).
		.where(user.isAdmin ? undefined : isNotNull(memberships.role))
		.orderBy(asc(councils.name), asc(boards.createdAt));
	return rows.flatMap(({ role, unitId, ...board }) => {
		const who = placeOf(user, role ? { role, unitId } : null);
		return who ? [{ ...board, role: who.role }] : [];
	});
}

/** The councils a person manages (mayManageCouncil): the home page links their names to them. */
export async function listManagedCouncils(db: Db, user: SessionUser) {
	const { councils, memberships } = tables(db);
	const rows = await db
		.select({
			id: councils.id,
			name: councils.name,
			community: councils.community,
			role: memberships.role,
			unitId: memberships.unitId
		})
		.from(councils)
		.leftJoin(
			memberships,
			and(eq(memberships.councilId, councils.id), eq(memberships.userId, user.id))
		)
		.where(user.isAdmin ? undefined : isNotNull(memberships.role))
		.orderBy(asc(councils.name));
	return rows
		.filter(({ role, unitId }) => mayManageCouncil(placeOf(user, role ? { role, unitId } : null)))
		.map(({ id, name, community }) => ({ id, name, community }));
}
