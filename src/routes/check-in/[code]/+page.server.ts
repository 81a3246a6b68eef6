// 签到: the page a meeting's QR code opens on a phone. Not signed in → the sign-in page, then back
// here. It shows where the code leads (council, meeting, the person's unit) and checks in only when
// the person presses 签到 (a POST: link previewers and prefetchers open links with GET, and must not
// check anyone in). An unknown or expired code is one answer (404), whichever it was. Outside the
// meeting's check-in window (check-in-window.ts) the page says when check-in opens, or that it is
// over, and the POST is refused the same way (409), so a browser without JavaScript is told too.
import { fail } from '@sveltejs/kit';
import { keepLinkPrivate } from '$lib/server/http/secret-link.ts';
import { httpError, requireUser } from '$lib/server/http/guards.ts';
import {
	checkInWith,
	checkedInAs,
	inspectCheckIn,
	type CheckInRefusal
} from '$lib/server/board/check-in.ts';
import type { Actions, PageServerLoad } from './$types';

const STATUS: Record<CheckInRefusal, 403 | 404 | 409> = {
	invalid: 404,
	notRep: 403,
	archived: 409,
	undated: 409,
	early: 409,
	closed: 409
};

export const load: PageServerLoad = async (event) => {
	keepLinkPrivate(event);
	const user = requireUser(event);
	const place = await inspectCheckIn(event.locals.app, event.params.code, user);
	if (!place.ok && place.reason === 'invalid') httpError(404, 'checkIn.invalidTitle');
	const about =
		place.board && place.meeting
			? {
					boardId: place.board.id,
					council: place.board.councilName,
					meeting: {
						title: place.meeting.title,
						date: place.meeting.date,
						time: place.meeting.time,
						place: place.meeting.place
					}
				}
			: null;
	const unit = 'unit' in place ? place.unit.name : null;
	// Already checked in (the link opened again, maybe after the day): say so rather than offer the
	// button as if not, or refuse as if nothing had happened.
	const attendance = 'attendance' in place ? place.attendance : null;
	const checkedInAt =
		attendance && checkedInAs(attendance, user.displayName) ? attendance.checkedInAt : null;
	const opensAt = 'opensAt' in place ? (place.opensAt?.toISOString() ?? null) : null;
	return { about, refusal: place.ok ? null : place.reason, opensAt, unit, checkedInAt };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const result = await checkInWith(event.locals.app, event.params.code, user);
		if (!result.ok)
			return fail(STATUS[result.reason], {
				refusal: result.reason,
				opensAt: result.opensAt?.toISOString() ?? null
			});
		return { checkedInAt: result.at.toISOString() };
	}
};
