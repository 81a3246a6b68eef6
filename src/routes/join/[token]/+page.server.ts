// An invitation link. It shows what it offers (council, role, unit, expiry); a signed-in person
// accepts it, anyone else signs in first or creates an account here. A link that cannot be used
// (unknown, expired, revoked, used up) answers 404 with one message for all: whether it ever existed
// is not told.
import { TransactionRollbackError } from 'drizzle-orm';
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { keepLinkPrivate } from '$lib/server/http/secret-link.ts';
import { findUserByUsername, insertUser, UsernameTaken } from '$lib/server/auth/accounts.ts';
import { readAccountForm } from '$lib/server/auth/account-form.ts';
import { hashPassword } from '$lib/server/auth/password.ts';
import { limitWait } from '$lib/server/auth/rate-limit.ts';
import { endSession, startSession } from '$lib/server/auth/sign-in.ts';
import { listCouncilBoards } from '$lib/server/council/councils.ts';
import {
	acceptInvitation,
	inspectInvitation,
	invitationHeldBy,
	type Acceptance
} from '$lib/server/council/invitations.ts';
import { membershipOf } from '$lib/server/council/members.ts';
import { recordEvent } from '$lib/server/record/events.ts';
import type { Actions, PageServerLoad } from './$types';
import { httpError } from '$lib/server/http/guards.ts';

type JoinEvent = Pick<RequestEvent, 'locals' | 'url'> & { params: { token: string } };

const loginHref = (token: string) => `/login?next=${encodeURIComponent(`/join/${token}`)}`;

/** Where someone goes once they belong to the council: its first board, else home. */
async function councilHome(event: JoinEvent, councilId: string): Promise<never> {
	const first = (await listCouncilBoards(event.locals.app.db, councilId))[0];
	redirect(303, first ? `/boards/${first.id}` : '/');
}

export const load: PageServerLoad = async (event) => {
	keepLinkPrivate(event);
	const { db } = event.locals.app;
	const user = event.locals.user;
	const inspection = await inspectInvitation(db, event.params.token);
	if (!inspection.ok) {
		// Used up by this very person (say, reopened after joining): take them to the council.
		const held = user && (await invitationHeldBy(db, event.params.token, user.id));
		if (held) await councilHome(event, held);
		httpError(404, 'join.invalidTitle');
	}
	const offer = inspection.offer;
	return {
		offer: {
			councilName: offer.councilName,
			community: offer.community,
			role: offer.role,
			unitId: offer.unitId,
			unitName: offer.unitName,
			expiresAt: offer.expiresAt
		},
		current: user ? await membershipOf(db, offer.councilId, user.id) : null,
		loginHref: loginHref(event.params.token)
	};
};

/** After a use of the link: open boards of this person reconnect with their new rights. */
async function joined(
	event: JoinEvent,
	user: { id: string; displayName: string },
	result: Acceptance
): Promise<never> {
	if (!result.ok) httpError(404, 'join.invalidTitle');
	if (result.changed) {
		await event.locals.app.sync.closeConnectionsOf({ userId: user.id });
		const { offer } = result;
		await recordEvent(event.locals.app.db, { councilId: offer.councilId, boardId: null }, user.id, {
			type: 'membership',
			subjectId: user.id,
			subject: user.displayName,
			role: offer.role,
			unitName: offer.unitName,
			via: 'invitation'
		});
	}
	return councilHome(event, result.offer.councilId);
}

export const actions: Actions = {
	accept: async (event) => {
		const user = event.locals.user;
		if (!user) redirect(303, loginHref(event.params.token));
		await joined(
			event,
			user,
			await acceptInvitation(event.locals.app.db, event.params.token, user.id)
		);
	},

	register: async (event) => {
		const { app } = event.locals;
		if (event.locals.user) redirect(303, `/join/${event.params.token}`);
		if (!(await inspectInvitation(app.db, event.params.token)).ok)
			httpError(404, 'join.invalidTitle');
		const account = await readAccountForm(app.db, await event.request.formData());
		if (!account.ok) return fail(400, { values: account.values, errors: account.errors });
		const ip = event.getClientAddress();
		const wait = await limitWait(app.signupLimiter.attempt(ip));
		// The limits cannot be checked (Redis is away): no account is made uncounted.
		if (wait === 'unavailable')
			return fail(503, { values: account.values, errors: {}, unavailable: true });
		if (wait > 0)
			return fail(429, {
				values: account.values,
				errors: {},
				rateLimitedMinutes: Math.ceil(wait / 60_000)
			});

		const passwordHash = await hashPassword(account.password);
		// Hashing took a while: the username and the link are checked again, and the account is made
		// and joins in one transaction, so no half-done sign-up is left behind.
		const outcome = await app.db
			.transaction(async (tx) => {
				if (!(await inspectInvitation(tx, event.params.token)).ok)
					return { invalid: true as const };
				if (await findUserByUsername(tx, account.values.username)) return { taken: true as const };
				const user = await insertUser(tx, {
					username: account.values.username,
					displayName: account.values.displayName,
					passwordHash
				});
				const result = await acceptInvitation(tx, event.params.token, user.id);
				// The link was used up meanwhile (on another node): no account is left behind.
				if (!result.ok) tx.rollback();
				return { user, result };
			})
			.catch((err: unknown) => {
				if (err instanceof TransactionRollbackError) return { invalid: true as const };
				// Taken by someone signing up at the same moment, after the check above.
				if (err instanceof UsernameTaken) return { taken: true as const };
				throw err;
			});
		if ('invalid' in outcome) httpError(404, 'join.invalidTitle');
		if ('taken' in outcome)
			return fail(400, {
				values: account.values,
				errors: { username: { key: 'field.usernameTaken' as const } }
			});
		app.log.info({ user: outcome.user.username }, 'account created from an invitation link');
		await startSession(event, outcome.user.id);
		await joined(event, outcome.user, outcome.result);
	},

	signOut: async (event) => {
		await endSession(event);
		redirect(303, `/join/${event.params.token}`);
	}
};
