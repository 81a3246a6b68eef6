// Invitation links against a real store: what is kept of the token, how long a link lasts, what it
// offers, and who joins with it, once or many times.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tempStore } from '../db/testing.ts';
import { tables } from '../db/index.ts';
import { twoCouncils } from './testing.ts';
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
let t: Awaited<ReturnType<typeof tempStore>>;
let councilId: string;
let otherCouncilId: string;
let hospitalId: string;
let otherUnitId: string;
let secretaryId: string;
const people: string[] = [];

beforeEach(async () => {
	t = await tempStore();
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
afterEach(() => t.cleanup());

const asUser = (id: string) => ({ id, username: id, displayName: id, isAdmin: false });
const invite = (input: Partial<Parameters<typeof createInvitation>[2]> = {}, now = NOW) =>
	createInvitation(
		t.db,
		councilId,
		{ role: 'member', unitId: null, createdBy: secretaryId, ...input },
		now
	);

describe('invitation links', () => {
	it('store only the SHA-256 of the token, which is shown once', async () => {
		const { token, invitation } = await invite();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		const { invitations } = tables(t.db);
		const row = (
			await t.db.select().from(invitations).where(eq(invitations.id, invitation.id))
		)[0]!;
		expect(row.tokenHash).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
		expect(row.tokenHash).toBe(invitationTokenHash(token));
		expect(JSON.stringify(row)).not.toContain(token);
		// The list a secretary sees has no token and no hash.
		expect(JSON.stringify(await listInvitations(t.db, councilId, NOW))).not.toContain(
			row.tokenHash
		);
		expect((await invite()).token).not.toBe(token);
	});

	it('last 7 days unless 1 or 30 is chosen, and no longer', async () => {
		const { token, invitation } = await invite();
		expect(invitation.expiresAt.getTime()).toBe(NOW + 7 * DAY);
		expect((await invite({ expiresInDays: 1 })).invitation.expiresAt.getTime()).toBe(NOW + DAY);
		expect((await invite({ expiresInDays: 30 })).invitation.expiresAt.getTime()).toBe(
			NOW + 30 * DAY
		);
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

	it('show what they offer: council, role, unit, expiry', async () => {
		const { token } = await invite({ role: 'unit_rep', unitId: hospitalId });
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

	it('can be revoked, after which nobody joins with them', async () => {
		const { token, invitation } = await invite({ maxUses: null });
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
		expect(await revokeInvitation(t.db, otherCouncilId, (await invite()).invitation.id, NOW)).toBe(
			false
		);
	});

	it('single-use: the first person joins, the link is then used up', async () => {
		const { token, invitation } = await invite({ role: 'observer' });
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
		const { token } = await invite({ role: 'member', maxUses: null });
		for (const id of people) expect((await acceptInvitation(t.db, token, id, NOW)).ok).toBe(true);
		for (const id of people)
			expect((await roleInCouncil(t.db, asUser(id), councilId))?.role).toBe('member');
		expect((await listInvitations(t.db, councilId, NOW))[0]).toMatchObject({
			uses: 3,
			maxUses: null,
			status: 'active'
		});

		const limited = await invite({ role: 'observer', maxUses: 2 }, NOW + 1);
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

	it('need a unit of this council for a unit representative, and none for other roles', async () => {
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
		await expect(invite({ role: 'unit_rep', unitId: null })).rejects.toThrow(InvitationError);
		await expect(invite({ role: 'unit_rep', unitId: otherUnitId })).rejects.toThrow(
			InvitationError
		);
		// A unit named for another role is dropped, not stored.
		expect((await invite({ role: 'member', unitId: hospitalId })).invitation.unitId).toBeNull();
	});

	it('make a representative of the unit, and change the role of someone already in the council', async () => {
		await setMembership(t.db, councilId, people[0]!, 'member');
		const { token } = await invite({ role: 'unit_rep', unitId: hospitalId });
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

	it('change nothing and count no use for someone who already has that role', async () => {
		await setMembership(t.db, councilId, people[0]!, 'observer');
		const { token } = await invite({ role: 'observer' });
		expect(await acceptInvitation(t.db, token, people[0]!, NOW)).toMatchObject({
			ok: true,
			changed: false
		});
		expect((await listInvitations(t.db, councilId, NOW))[0]).toMatchObject({
			uses: 0,
			status: 'active'
		});
	});

	it('tell the person who used a link up that they hold its role, on a second submit or when reopened', async () => {
		const { token } = await invite({ role: 'observer' });
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
		const mine = await invite({ role: 'secretary', maxUses: null });
		const theirs = await invite({ role: 'member', createdBy: other });
		await revokeInvitationsBy(t.db, councilId, secretaryId, NOW);
		expect(await inspectInvitation(t.db, mine.token, NOW)).toEqual({ ok: false });
		expect((await inspectInvitation(t.db, theirs.token, NOW)).ok).toBe(true);
	});

	it('go with their unit when it is deleted', async () => {
		const { token } = await invite({ role: 'unit_rep', unitId: hospitalId });
		expect((await acceptInvitation(t.db, token, people[0]!, NOW)).ok).toBe(true);
		const pending = await invite({ role: 'unit_rep', unitId: hospitalId, maxUses: null });
		expect(await deleteUnit(t.db, councilId, hospitalId)).toEqual({ repUserIds: [people[0]] });
		expect(await inspectInvitation(t.db, pending.token, NOW)).toEqual({ ok: false });
		expect(await listInvitations(t.db, councilId, NOW)).toEqual([]);
		expect(await roleInCouncil(t.db, asUser(people[0]!), councilId)).toBeNull();
	});
});
