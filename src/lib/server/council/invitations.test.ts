import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tempDatabase } from '../db/testing.ts';
import { twoCouncils } from './testing.ts';
import { invitations } from '../db/schema.ts';
import { createUser } from '../auth/accounts.ts';
import { setMembership } from './councils.ts';
import { roleInCouncil } from '../policy/council.ts';
import { createUnit, deleteUnit } from './units.ts';
import {
	acceptInvitation,
	createInvitation,
	inspectInvitation,
	InvitationError,
	invitationTokenHash,
	listInvitations,
	invitationHeldBy,
	revokeInvitation,
	revokeInvitationsBy,
	validateInvitation
} from './invitations.ts';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 9, 1, 2, 0, 0);
let t: ReturnType<typeof tempDatabase>;
let councilId: string;
let otherCouncilId: string;
let hospitalId: string;
let otherUnitId: string;
let secretaryId: string;
const people: string[] = [];

beforeEach(async () => {
	t = tempDatabase();
	({ councilId, otherCouncilId } = await twoCouncils(t.db));
	hospitalId = (await createUnit(t.db, councilId, { name: '市第一人民医院', kind: 'hospital' })).id;
	otherUnitId = (await createUnit(t.db, otherCouncilId, { name: '明月湾小学', kind: 'school' })).id;
	secretaryId = (
		await createUser(t.db, { username: 'li.min', displayName: '李敏', password: 'password-1' })
	).id;
	await setMembership(t.db, councilId, secretaryId, 'secretary');
	people.length = 0;
	for (const name of ['sun', 'zheng', 'he']) {
		people.push(
			(await createUser(t.db, { username: name, displayName: name, password: 'password-1' })).id
		);
	}
});
afterEach(async () => t.cleanup());

const asUser = async (id: string) => ({ id, username: id, displayName: id, isAdmin: false });
const invite = async (input: Partial<Parameters<typeof createInvitation>[2]> = {}, now = NOW) =>
	await createInvitation(
		t.db,
		councilId,
		{ role: 'member', unitId: null, createdBy: secretaryId, ...input },
		now
	);

describe('invitation links', () => {
	it('store only the SHA-256 of the token, which is shown once', () => {
		const { token, invitation } = invite();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		const row = t.db.select().from(invitations).where(eq(invitations.id, invitation.id)).get()!;
		expect(row.tokenHash).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
		expect(row.tokenHash).toBe(invitationTokenHash(token));
		expect(JSON.stringify(row)).not.toContain(token);
		// The list a secretary sees has no token and no hash.
		expect(JSON.stringify(await listInvitations(t.db, councilId, NOW))).not.toContain(
			row.tokenHash
		);
		expect(invite().token).not.toBe(token);
	});

	it('last 7 days unless 1 or 30 is chosen, and no longer', () => {
		const { token, invitation } = invite();
		expect(invitation.expiresAt.getTime()).toBe(NOW + 7 * DAY);
		expect(invite({ expiresInDays: 1 }).invitation.expiresAt.getTime()).toBe(NOW + DAY);
		expect(invite({ expiresInDays: 30 }).invitation.expiresAt.getTime()).toBe(NOW + 30 * DAY);
		expect((await inspectInvitation(t.db, token, NOW + 7 * DAY - 1)).ok).toBe(true);
		expect(await inspectInvitation(t.db, token, NOW + 7 * DAY)).toEqual({ ok: false });
		expect(await acceptInvitation(t.db, token, people[0]!, NOW + 7 * DAY)).toEqual({ ok: false });
		expect(await roleInCouncil(t.db, asUser(people[0]!), councilId)).toBeNull();
		expect(
			(await listInvitations(t.db, councilId, NOW + 8 * DAY)).find((i) => i.id === invitation.id)
				?.status
		).toBe('expired');
		expect(
			await validateInvitation(t.db, councilId, { role: 'member', unitId: null, expiresInDays: 3 })
		).toEqual({
			expiresInDays: { key: 'invite.expiryInvalid' }
		});
	});

	it('show what they offer: council, role, unit, expiry', () => {
		const { token } = invite({ role: 'unit_rep', unitId: hospitalId });
		expect(await inspectInvitation(t.db, token, NOW)).toMatchObject({
			ok: true,
			offer: {
				councilId,
				councilName: '幸福里社区党建联席会',
				role: 'unit_rep',
				unitId: hospitalId,
				unitName: '市第一人民医院',
				expiresAt: new Date(NOW + 7 * DAY)
			}
		});
		expect(await inspectInvitation(t.db, 'no-such-token', NOW)).toEqual({ ok: false });
		expect(await inspectInvitation(t.db, '', NOW)).toEqual({ ok: false });
	});

	it('can be revoked, after which nobody joins with them', () => {
		const { token, invitation } = invite({ maxUses: null });
		expect(await revokeInvitation(t.db, councilId, invitation.id, NOW + 1000)).toBe(true);
		expect(await inspectInvitation(t.db, token, NOW + 2000)).toEqual({ ok: false });
		expect(await acceptInvitation(t.db, token, people[0]!, NOW + 2000)).toEqual({ ok: false });
		const row = (await listInvitations(t.db, councilId, NOW + 2000))[0]!;
		expect(row).toMatchObject({ status: 'revoked', uses: 0, revokedAt: new Date(NOW + 1000) });
		// Revoking again keeps the first time; another council cannot revoke it.
		expect(await revokeInvitation(t.db, councilId, invitation.id, NOW + 5000)).toBe(true);
		expect((await listInvitations(t.db, councilId, NOW))[0]!.revokedAt).toEqual(
			new Date(NOW + 1000)
		);
		expect(await revokeInvitation(t.db, otherCouncilId, invite().invitation.id, NOW)).toBe(false);
	});

	it('single-use: the first person joins, the link is then used up', () => {
		const { token, invitation } = invite({ role: 'observer' });
		const first = await acceptInvitation(t.db, token, people[0]!, NOW);
		expect(first).toMatchObject({
			ok: true,
			previous: null,
			changed: true,
			offer: { role: 'observer', councilId }
		});
		expect(await roleInCouncil(t.db, asUser(people[0]!), councilId)).toEqual({
			role: 'observer',
			unitId: null
		});
		expect(await acceptInvitation(t.db, token, people[1]!, NOW)).toEqual({ ok: false });
		expect(await inspectInvitation(t.db, token, NOW)).toEqual({ ok: false });
		expect(await roleInCouncil(t.db, asUser(people[1]!), councilId)).toBeNull();
		expect(
			(await listInvitations(t.db, councilId, NOW)).find((i) => i.id === invitation.id)
		).toMatchObject({ uses: 1, maxUses: 1, status: 'used_up' });
	});

	it('multi-use: any number of people join, each counted; up to a limit when one is set', async () => {
		const { token } = invite({ role: 'member', maxUses: null });
		for (const id of people) expect((await acceptInvitation(t.db, token, id, NOW)).ok).toBe(true);
		for (const id of people)
			expect((await roleInCouncil(t.db, asUser(id), councilId))?.role).toBe('member');
		expect((await listInvitations(t.db, councilId, NOW))[0]).toMatchObject({
			uses: 3,
			maxUses: null,
			status: 'active'
		});

		const limited = invite({ role: 'observer', maxUses: 2 }, NOW + 1);
		const more: string[] = [];
		for (const name of ['a1', 'a2', 'a3'])
			more.push(
				(await createUser(t.db, { username: name, displayName: name, password: 'password-1' })).id
			);
		expect((await acceptInvitation(t.db, limited.token, more[0]!, NOW + 2)).ok).toBe(true);
		expect((await acceptInvitation(t.db, limited.token, more[1]!, NOW + 2)).ok).toBe(true);
		expect(await acceptInvitation(t.db, limited.token, more[2]!, NOW + 2)).toEqual({ ok: false });
		expect((await listInvitations(t.db, councilId, NOW + 2))[0]).toMatchObject({
			uses: 2,
			maxUses: 2,
			status: 'used_up'
		});
	});

	it('need a unit of this council for a unit representative, and none for other roles', () => {
		expect(await validateInvitation(t.db, councilId, { role: 'unit_rep', unitId: null })).toEqual({
			unitId: { key: 'invite.unitRequired' }
		});
		expect(
			await validateInvitation(t.db, councilId, { role: 'unit_rep', unitId: otherUnitId })
		).toEqual({
			unitId: { key: 'invite.unitUnknown' }
		});
		expect(
			await validateInvitation(t.db, councilId, { role: 'unit_rep', unitId: 'nosuchunit' })
		).toEqual({ unitId: { key: 'invite.unitUnknown' } });
		expect(await validateInvitation(t.db, councilId, { role: 'chair', unitId: null })).toEqual({
			role: { key: 'invite.roleRequired' }
		});
		expect(
			await validateInvitation(t.db, councilId, { role: 'unit_rep', unitId: hospitalId })
		).toEqual({});
		expect(async () => invite({ role: 'unit_rep', unitId: null })).toThrow(InvitationError);
		expect(async () => invite({ role: 'unit_rep', unitId: otherUnitId })).toThrow(InvitationError);
		// A unit named for another role is dropped, not stored.
		expect(invite({ role: 'member', unitId: hospitalId }).invitation.unitId).toBeNull();
	});

	it('make a representative of the unit, and change the role of someone already in the council', () => {
		await setMembership(t.db, councilId, people[0]!, 'member');
		const { token } = invite({ role: 'unit_rep', unitId: hospitalId });
		const result = await acceptInvitation(t.db, token, people[0]!, NOW);
		expect(result).toMatchObject({
			ok: true,
			changed: true,
			previous: { role: 'member', unitId: null }
		});
		expect(await roleInCouncil(t.db, asUser(people[0]!), councilId)).toEqual({
			role: 'unit_rep',
			unitId: hospitalId
		});
	});

	it('change nothing and count no use for someone who already has that role', () => {
		await setMembership(t.db, councilId, people[0]!, 'observer');
		const { token } = invite({ role: 'observer' });
		expect(await acceptInvitation(t.db, token, people[0]!, NOW)).toMatchObject({
			ok: true,
			changed: false
		});
		expect((await listInvitations(t.db, councilId, NOW))[0]).toMatchObject({
			uses: 0,
			status: 'active'
		});
	});

	it('tell the person who used a link up that they hold its role, on a second submit or when reopened', () => {
		const { token } = invite({ role: 'observer' });
		expect((await acceptInvitation(t.db, token, people[0]!, NOW)).ok).toBe(true);
		expect(await acceptInvitation(t.db, token, people[0]!, NOW)).toMatchObject({
			ok: true,
			changed: false
		});
		expect(await invitationHeldBy(t.db, token, people[0]!)).toBe(councilId);
		expect(await invitationHeldBy(t.db, token, people[1]!)).toBeNull();
		expect(await acceptInvitation(t.db, token, people[1]!, NOW)).toEqual({ ok: false });
	});

	it('made by someone are revoked when they stop being a secretary; others’ stay', async () => {
		const other = (
			await createUser(t.db, { username: 'wang', displayName: '王', password: 'password-1' })
		).id;
		await setMembership(t.db, councilId, other, 'secretary');
		const mine = invite({ role: 'secretary', maxUses: null });
		const theirs = invite({ role: 'member', createdBy: other });
		await revokeInvitationsBy(t.db, councilId, secretaryId, NOW);
		expect(await inspectInvitation(t.db, mine.token, NOW)).toEqual({ ok: false });
		expect((await inspectInvitation(t.db, theirs.token, NOW)).ok).toBe(true);
	});

	it('go with their unit when it is deleted', () => {
		const { token } = invite({ role: 'unit_rep', unitId: hospitalId });
		expect((await acceptInvitation(t.db, token, people[0]!, NOW)).ok).toBe(true);
		const pending = invite({ role: 'unit_rep', unitId: hospitalId, maxUses: null });
		expect(await deleteUnit(t.db, councilId, hospitalId)).toEqual({ repUserIds: [people[0]] });
		expect(await inspectInvitation(t.db, pending.token, NOW)).toEqual({ ok: false });
		expect(await listInvitations(t.db, councilId, NOW)).toEqual([]);
		expect(await roleInCouncil(t.db, asUser(people[0]!), councilId)).toBeNull();
	});
});
