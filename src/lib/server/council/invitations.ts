// Invitation links: a secretary makes a link that offers a role (and, for a unit representative,
// a unit) in the council; whoever opens it signs in or creates an account and joins. As with
// sessions, the link carries a random token and the database keeps only its SHA-256, so the link is
// shown once, when it is made, and a leaked database holds no usable link.
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';
import type { FieldErrors } from '../../forms.ts';
import { ROLES, type Role } from '../../council.ts';
import { generateSessionToken, sessionIdFromToken } from '../auth/session.ts';
import { newId } from '../db/ids.ts';
import { isUnitOf } from './units.ts';

const DAY = 24 * 60 * 60 * 1000;
/** The lifetimes a secretary may choose, in days; 7 unless another is picked. */
export const INVITE_EXPIRY_DAYS = [1, 7, 30] as const;
export type InviteExpiryDays = (typeof INVITE_EXPIRY_DAYS)[number];
export const DEFAULT_INVITE_EXPIRY_DAYS: InviteExpiryDays = 7;

export type InvitationStatus = 'active' | 'expired' | 'used_up' | 'revoked';

export interface InvitationInput {
	role: Role;
	/** The unit offered: required for unit_rep, none for any other role. */
	unitId: string | null;
	expiresInDays?: InviteExpiryDays;
	/** 1 for a single-use link; null for a link any number of people may use. */
	maxUses?: number | null;
	createdBy: string | null;
}

export type InviteFormField = 'role' | 'unitId' | 'expiresInDays' | 'uses';

/** The link's token hashed as a session token is: SHA-256, hex. */
export const invitationTokenHash = sessionIdFromToken;

/** Checks what an invitation would offer in this council: per field, the message key to show. */
export async function validateInvitation(
	db: Db,
	councilId: string,
	input: { role: string; unitId: string | null; expiresInDays?: number; maxUses?: number | null }
): Promise<FieldErrors<InviteFormField>> {
	const errors: FieldErrors<InviteFormField> = {};
	if (!(ROLES as readonly string[]).includes(input.role))
		errors.role = { key: 'invite.roleRequired' };
	else if (input.role === 'unit_rep') {
		if (!input.unitId) errors.unitId = { key: 'invite.unitRequired' };
		else if (!(await isUnitOf(db, councilId, input.unitId)))
			errors.unitId = { key: 'invite.unitUnknown' };
	}
	if (
		input.expiresInDays !== undefined &&
		!(INVITE_EXPIRY_DAYS as readonly number[]).includes(input.expiresInDays)
	) {
		errors.expiresInDays = { key: 'invite.expiryInvalid' };
	}
	if (input.maxUses != null && !(Number.isInteger(input.maxUses) && input.maxUses >= 1))
		errors.uses = { key: 'invite.usesInvalid' };
	return errors;
}

export class InvitationError extends Error {}

/** Makes a link. The plain token is returned here and nowhere else; only its hash is stored. */
export async function createInvitation(
	db: Db,
	councilId: string,
	input: InvitationInput,
	now = Date.now()
) {
	const errors = await validateInvitation(db, councilId, input);
	if (Object.keys(errors).length > 0)
		throw new InvitationError(`invalid invitation: ${Object.keys(errors).join(', ')}`);
	const token = generateSessionToken();
	const invitation = {
		id: newId(),
		tokenHash: invitationTokenHash(token),
		councilId,
		role: input.role,
		unitId: input.role === 'unit_rep' ? input.unitId : null,
		createdBy: input.createdBy,
		createdAt: new Date(now),
		expiresAt: new Date(now + (input.expiresInDays ?? DEFAULT_INVITE_EXPIRY_DAYS) * DAY),
		maxUses: input.maxUses === undefined ? 1 : input.maxUses,
		uses: 0,
		revokedAt: null
	};
	await db.insert(tables(db).invitations).values(invitation);
	return { token, invitation };
}

export function invitationStatus(
	inv: { revokedAt: Date | null; maxUses: number | null; uses: number; expiresAt: Date },
	now = Date.now()
): InvitationStatus {
	if (inv.revokedAt) return 'revoked';
	if (inv.maxUses !== null && inv.uses >= inv.maxUses) return 'used_up';
	if (now >= inv.expiresAt.getTime()) return 'expired';
	return 'active';
}

/** What a link offers and what its status is read from (invitationStatus), for a query that joins
 *  the offered unit. */
function offerAndState({ invitations, units }: ReturnType<typeof tables>) {
	return {
		role: invitations.role,
		unitId: invitations.unitId,
		unitName: units.name,
		expiresAt: invitations.expiresAt,
		maxUses: invitations.maxUses,
		uses: invitations.uses,
		revokedAt: invitations.revokedAt
	};
}

/** A council's links, newest first, each with its status. */
export async function listInvitations(db: Db, councilId: string, now = Date.now()) {
	const t = tables(db);
	const { invitations, units, users } = t;
	const found = await db
		.select({
			id: invitations.id,
			...offerAndState(t),
			createdByName: users.displayName,
			createdAt: invitations.createdAt
		})
		.from(invitations)
		.leftJoin(units, eq(units.id, invitations.unitId))
		.leftJoin(users, eq(users.id, invitations.createdBy))
		.where(eq(invitations.councilId, councilId))
		.orderBy(desc(invitations.createdAt), desc(invitations.id));
	return found.map((inv) => ({ ...inv, status: invitationStatus(inv, now) }));
}
export type InvitationRow = Awaited<ReturnType<typeof listInvitations>>[number];

/** Revokes a link of this council; false when the council has no such link. Revoking twice keeps
 *  the first time. */
export async function revokeInvitation(
	db: Db,
	councilId: string,
	invitationId: string,
	now = Date.now()
): Promise<boolean> {
	const { invitations } = tables(db);
	const found = await first(
		db
			.select({ id: invitations.id })
			.from(invitations)
			.where(and(eq(invitations.id, invitationId), eq(invitations.councilId, councilId)))
	);
	if (!found) return false;
	await db
		.update(invitations)
		.set({ revokedAt: new Date(now) })
		.where(and(eq(invitations.id, invitationId), isNull(invitations.revokedAt)));
	return true;
}

/** What a valid link offers, as its page shows it. */
export interface Offer {
	invitationId: string;
	councilId: string;
	councilName: string;
	community: string;
	role: Role;
	unitId: string | null;
	unitName: string | null;
	expiresAt: Date;
}

/** A link that cannot be used says only that: whether it is unknown, expired, used up or revoked is
 *  not told to whoever holds it. */
export type Inspection = { ok: true; offer: Offer } | { ok: false };

async function offerByHash(db: Db, tokenHash: string) {
	const t = tables(db);
	const { councils, invitations, units } = t;
	return first(
		db
			.select({
				invitationId: invitations.id,
				councilId: invitations.councilId,
				councilName: councils.name,
				community: councils.community,
				...offerAndState(t)
			})
			.from(invitations)
			.innerJoin(councils, eq(councils.id, invitations.councilId))
			.leftJoin(units, eq(units.id, invitations.unitId))
			.where(eq(invitations.tokenHash, tokenHash))
	);
}

/** What a link offers, if it can still be used. */
export async function inspectInvitation(
	db: Db,
	token: string,
	now = Date.now()
): Promise<Inspection> {
	if (!token || token.length > 128) return { ok: false };
	const row = await offerByHash(db, invitationTokenHash(token));
	if (!row || invitationStatus(row, now) !== 'active') return { ok: false };
	const { maxUses: _m, uses: _u, revokedAt: _r, ...offer } = row;
	return { ok: true, offer };
}

export type Acceptance =
	| {
			ok: true;
			offer: Offer;
			/** The person's role in the council before, if they were a member: accepting changed it. */
			previous: { role: Role; unitId: string | null } | null;
			/** False when the person already had exactly this role: nothing changed, no use was counted. */
			changed: boolean;
	  }
	| { ok: false };

/** Uses a link: in one transaction, checks it again (revoked, expired, used up), counts the use and
 *  gives the person the offered role in the council (replacing the role they had there). Someone who
 *  already has exactly the offered role is told so whatever the link's state (a second submit of the
 *  same form, a link reopened after it was used up). The caller closes the person's open sync
 *  connections, which then reconnect with the new rights. */
export async function acceptInvitation(
	db: Db,
	token: string,
	userId: string,
	now = Date.now()
): Promise<Acceptance> {
	if (!token || token.length > 128) return { ok: false };
	const { invitations, memberships } = tables(db);
	const tokenHash = invitationTokenHash(token);
	return db.transaction(async (tx): Promise<Acceptance> => {
		const row = await offerByHash(tx, tokenHash);
		if (!row) return { ok: false };
		const { maxUses: _m, uses: _u, revokedAt: _r, ...offer } = row;
		const previous = await membershipIn(tx, offer.councilId, userId);
		if (previous && previous.role === offer.role && previous.unitId === offer.unitId) {
			return { ok: true, offer, previous, changed: false };
		}
		// The use is counted only where the link is still usable, in the statement that counts it:
		// of two people taking the last use at once (on any node), one gets it.
		const counted = await tx
			.update(invitations)
			.set({ uses: sql`${invitations.uses} + 1` })
			.where(
				and(
					eq(invitations.id, offer.invitationId),
					isNull(invitations.revokedAt),
					gt(invitations.expiresAt, new Date(now)),
					or(isNull(invitations.maxUses), lt(invitations.uses, invitations.maxUses))
				)
			)
			.returning({ id: invitations.id });
		if (counted.length === 0) return { ok: false };
		// One membership per person and council (its primary key): a person represents at most
		// one unit in a council, and a new role replaces the old one.
		await tx
			.insert(memberships)
			.values({ councilId: offer.councilId, userId, role: offer.role, unitId: offer.unitId })
			.onConflictDoUpdate({
				target: [memberships.councilId, memberships.userId],
				set: { role: offer.role, unitId: offer.unitId }
			});
		return { ok: true, offer, previous, changed: true };
	});
}

async function membershipIn(db: Db, councilId: string, userId: string) {
	const { memberships } = tables(db);
	return (
		(await first(
			db
				.select({ role: memberships.role, unitId: memberships.unitId })
				.from(memberships)
				.where(and(eq(memberships.councilId, councilId), eq(memberships.userId, userId)))
		)) ?? null
	);
}

/** The council of a link (in any state) whose role this person already holds, else null. */
export async function invitationHeldBy(
	db: Db,
	token: string,
	userId: string
): Promise<string | null> {
	if (!token || token.length > 128) return null;
	const row = await offerByHash(db, invitationTokenHash(token));
	const held = row && (await membershipIn(db, row.councilId, userId));
	return held && held.role === row.role && held.unitId === row.unitId ? row.councilId : null;
}

/** Revokes the links a person made in a council, when they stop being its secretary: they saw
 *  each link whole when they made it, and could otherwise use one to come back. */
export async function revokeInvitationsBy(
	db: Db,
	councilId: string,
	userId: string,
	now = Date.now()
): Promise<void> {
	const { invitations } = tables(db);
	await db
		.update(invitations)
		.set({ revokedAt: new Date(now) })
		.where(
			and(
				eq(invitations.councilId, councilId),
				eq(invitations.createdBy, userId),
				isNull(invitations.revokedAt)
			)
		);
}
