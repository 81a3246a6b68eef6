// An invitation link. It shows what it offers (council, role, unit, expiry); a signed-in person
// accepts it, anyone else signs in first or creates an account here. A link that cannot be used
// (unknown, expired, revoked, used up) answers 404 with one message for all: whether it ever existed
// is not told.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { createUser } from '$lib/server/accounts.ts';
import { readAccountForm } from '$lib/server/account-form.ts';
import { endSession, startSession } from '$lib/server/auth/sign-in.ts';
import { listCouncilBoards } from '$lib/server/councils.ts';
import { acceptInvitation, inspectInvitation } from '$lib/server/invitations.ts';
import { membershipOf } from '$lib/server/members.ts';
import type { Actions, PageServerLoad } from './$types';

type JoinEvent = Pick<RequestEvent, 'locals' | 'setHeaders'> & { params: { token: string } };

function offerOr404(event: JoinEvent) {
	// The token is in the address: keep it out of caches and of other sites' Referer headers.
	event.setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	const inspection = inspectInvitation(event.locals.app.db, event.params.token);
	if (!inspection.ok) error(404, 'invitation not valid');
	return inspection.offer;
}

export const load: PageServerLoad = (event) => {
	const offer = offerOr404(event);
	const user = event.locals.user;
	const current = user ? membershipOf(event.locals.app.db, offer.councilId, user.id) : null;
	return {
		offer: {
			councilName: offer.councilName,
			community: offer.community,
			role: offer.role,
			unitId: offer.unitId,
			unitName: offer.unitName,
			expiresAt: offer.expiresAt
		},
		current,
		loginHref: `/login?next=${encodeURIComponent(`/join/${event.params.token}`)}`
	};
};

/** Uses the link for the signed-in person and goes to the council's first board (else home). */
function accept(event: RequestEvent & { params: { token: string } }, userId: string): never {
	const { db, sync } = event.locals.app;
	const result = acceptInvitation(db, event.params.token, userId);
	if (!result.ok) error(404, 'invitation not valid');
	// Open boards of this person reconnect with their new rights.
	if (result.changed) sync.closeConnectionsOf({ userId });
	const first = listCouncilBoards(db, result.offer.councilId)[0];
	redirect(303, first ? `/boards/${first.id}` : '/');
}

export const actions: Actions = {
	accept: async (event) => {
		offerOr404(event);
		const user = event.locals.user;
		if (!user) redirect(303, `/login?next=${encodeURIComponent(`/join/${event.params.token}`)}`);
		accept(event, user.id);
	},

	register: async (event) => {
		offerOr404(event);
		if (event.locals.user) redirect(303, `/join/${event.params.token}`);
		const db = event.locals.app.db;
		const account = readAccountForm(db, await event.request.formData());
		if (!account.ok) return fail(400, { values: account.values, errors: account.errors });
		const user = await createUser(db, { ...account.values, password: account.password });
		event.locals.app.log.info({ user: user.username }, 'account created from an invitation link');
		startSession(event, user.id);
		accept(event, user.id);
	},

	signOut: async (event) => {
		endSession(event);
		redirect(303, `/join/${event.params.token}`);
	}
};
