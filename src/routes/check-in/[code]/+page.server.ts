// 签到: the page a meeting's QR code opens on a phone. Not signed in → the sign-in page, then back
// here. It shows where the code leads (council, meeting, the person's unit) and checks in only when
// the person presses 签到 (a POST: link previewers and prefetchers open links with GET, and must not
// check anyone in). An unknown or expired code is one answer (404), whichever it was.
import { error, fail } from '@sveltejs/kit';
import { keepLinkPrivate } from '$lib/server/secret-link.ts';
import { requireUser } from '$lib/server/guards.ts';
import { checkInWith, checkedInAs, inspectCheckIn, type CheckInRefusal } from '$lib/server/check-in.ts';
import type { Actions, PageServerLoad } from './$types';

const STATUS: Record<CheckInRefusal, 403 | 404 | 409> = { invalid: 404, notRep: 403, archived: 409 };

export const load: PageServerLoad = (event) => {
	keepLinkPrivate(event);
	const user = requireUser(event);
	const place = inspectCheckIn(event.locals.app, event.params.code, user);
	if (!place.ok && place.reason === 'invalid') error(404, 'checkIn.invalid');
	const about = place.board && place.meeting
		? {
				boardId: place.board.id,
				council: place.board.councilName,
				meeting: { title: place.meeting.title, date: place.meeting.date, time: place.meeting.time, place: place.meeting.place }
			}
		: null;
	if (!place.ok) return { about, refusal: place.reason, unit: null, checkedInAt: null };
	return {
		about,
		refusal: null,
		unit: place.unit.name,
		// Already checked in (the link opened again): say so rather than offer the button as if not.
		checkedInAt: checkedInAs(place.attendance, user.displayName) ? place.attendance!.checkedInAt : null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const result = checkInWith(event.locals.app, event.params.code, user);
		if (!result.ok) return fail(STATUS[result.reason], { refusal: result.reason });
		return { checkedInAt: result.at.toISOString() };
	}
};
