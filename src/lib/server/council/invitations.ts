// Invitation links: a secretary makes a link that offers a role (and, for a unit representative,
// a unit) in the council; whoever opens it signs in or creates an account and joins. As with
// sessions, the link carries a random token and the database keeps only its SHA-256, so the link is
// shown once, when it is made, and a leaked database holds no usable link.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import type { FieldErrors } from '../../forms.ts';
import { councils, invitations, memberships, units, users } from '../db/schema.ts';
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
export function validateInvitation(
	db: Db,
	councilId: string,
	input: { role: string; unitId: string | null; expiresInDays?: number; maxUses?: number | null }
): FieldErrors<InviteFormField> {
	const errors: FieldErrors<InviteFormField> = {};
	if (!(ROLES as readonly string[]).includes(input.role))
		errors.role = { key: 'invite.roleRequired' };
	else if (input.role === 'unit_rep') {
		if (!input.unitId) errors.unitId = { key: 'invite.unitRequired' };
		else if (!isUnitOf(db, councilId, input.unitId)) errors.unitId = { key: 'invite.unitUnknown' };
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
export function createInvitation(
	db: Db,
	councilId: string,
	input: InvitationInput,
	now = Date.now()
) {
	const errors = validateInvitation(db, councilId, input);
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
	db.insert(invitations).values(invitation).run();
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
const OFFER_AND_STATE = {
	role: invitations.role,
	unitId: invitations.unitId,
	unitName: units.name,
	expiresAt: invitations.expiresAt,
	maxUses: invitations.maxUses,
	uses: invitations.uses,
	revokedAt: invitations.revokedAt
};

/** A council's links, newest first, each with its status. */
export function listInvitations(db: Db, councilId: string, now = Date.now()) {
	return db
		.select({
			id: invitations.id,
			...OFFER_AND_STATE,
			createdByName: users.displayName,
			createdAt: invitations.createdAt
		})
		.from(invitations)
		.leftJoin(units, eq(units.id, invitations.unitId))
		.leftJoin(users, eq(users.id, invitations.createdBy))
		.where(eq(invitations.councilId, councilId))
		.orderBy(desc(invitations.createdAt), desc(invitations.id))
		.all()
		.map((inv) => ({ ...inv, status: invitationStatus(inv, now) }));
}
export type InvitationRow = ReturnType<typeof listInvitations>[number];

/** Revokes a link of this council; false when the council has no such link. Revoking twice keeps
 *  the first time. */
export function revokeInvitation(
	db: Db,
	councilId: string,
	invitationId: string,
	now = Date.now()
): boolean {
	const found = db
		.select({ id: invitations.id })
		.from(invitations)
		.where(and(eq(invitations.id, invitationId), eq(invitations.councilId, councilId)))
		.get();
	if (!found) return false;
	db.update(invitations)
		.set({ revokedAt: new Date(now) })
		.where(and(eq(invitations.id, invitationId), isNull(invitations.revokedAt)))
		.run();
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

/** Reads with the database or inside a transaction. */
type Reader = Pick<Db, 'select'>;

function offerByHash(db: Reader, tokenHash: string) {
	return db
		.select({
			invitationId: invitations.id,
			councilId: invitations.councilId,
			councilName: councils.name,
			community: councils.community,
			...OFFER_AND_STATE
		})
		.from(invitations)
		.innerJoin(councils, eq(councils.id, invitations.councilId))
		.leftJoin(units, eq(units.id, invitations.unitId))
		.where(eq(invitations.tokenHash, tokenHash))
		.get();
}

/** What a link offers, if it can still be used. */
export function inspectInvitation(db: Db, token: string, now = Date.now()): Inspection {
	if (!token || token.length > 128) return { ok: false };
	const row = offerByHash(db, invitationTokenHash(token));
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
export function acceptInvitation(
	db: Db,
	token: string,
	userId: string,
	now = Date.now()
): Acceptance {
	if (!token || token.length > 128) return { ok: false };
	const tokenHash = invitationTokenHash(token);
	return db.transaction(
		(tx) => {
			const row = offerByHash(tx, tokenHash);
			if (!row) return { ok: false };
			const { maxUses: _m, uses: _u, revokedAt: _r, ...offer } = row;
			const previous = membershipIn(tx, offer.councilId, userId);
			if (previous && previous.role === offer.role && previous.unitId === offer.unitId) {
				return { ok: true, offer, previous, changed: false };
			}
			// Immediate: no other writer can use the link between this check and the count.
			if (invitationStatus(row, now) !== 'active') return { ok: false };
			tx.update(invitations)
				.set({ uses: sql`${invitations.uses} + 1` })
				.where(eq(invitations.id, offer.invitationId))
				.run();
			// One membership per person and council (its primary key): a person represents at most
			// one unit in a council, and a new role replaces the old one.
			tx.insert(memberships)
				.values({ councilId: offer.councilId, userId, role: offer.role, unitId: offer.unitId })
				.onConflictDoUpdate({
					target: [memberships.councilId, memberships.userId],
					set: { role: offer.role, unitId: offer.unitId }
				})
				.run();
			return { ok: true, offer, previous, changed: true };
		},
		{ behavior: 'immediate' }
	);
}

function membershipIn(db: Reader, councilId: string, userId: string) {
	return (
		db
			.select({ role: memberships.role, unitId: memberships.unitId })
			.from(memberships)
			.where(and(eq(memberships.councilId, councilId), eq(memberships.userId, userId)))
			.get() ?? null
	);
}

/** The council of a link (in any state) whose role this person already holds, else null. */
export function invitationHeldBy(db: Db, token: string, userId: string): string | null {
	if (!token || token.length > 128) return null;
	const row = offerByHash(db, invitationTokenHash(token));
	const held = row && membershipIn(db, row.councilId, userId);
	return held && held.role === row.role && held.unitId === row.unitId ? row.councilId : null;
}

/** Revokes the links a person made in a council, when they stop being its secretary: they saw
 *  each link whole when they made it, and could otherwise use one to come back. */
export function revokeInvitationsBy(
	db: Db,
	councilId: string,
	userId: string,
	now = Date.now()
): void {
	db.update(invitations)
		.set({ revokedAt: new Date(now) })
		.where(
			and(
				eq(invitations.councilId, councilId),
				eq(invitations.createdBy, userId),
				isNull(invitations.revokedAt)
			)
		)
		.run();
}
