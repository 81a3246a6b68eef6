// The projector view of a board (投影): for everyone who may see the board, without the app's
// header. Secretaries also get the meeting's check-in code (made here when the meeting has none, or
// its last one expired), which nobody else is given: its QR code is for the room's screen. A meeting
// without a date, or whose day is over, has no code (check-in-window.ts); the screen says why.
import { fail } from '@sveltejs/kit';
import { mayManageBoard } from '$lib/server/policy/board.ts';
import { mayIssueCheckInCode } from '$lib/server/policy/meetings.ts';
import { pageRooms } from '$lib/server/docs/board-rooms.ts';
import { httpError, requireBoard, requireBoardSecretary } from '$lib/server/http/guards.ts';
import { readMeetingsContent } from '$lib/server/docs/board-content.ts';
import { checkInCode, type CheckInCode } from '$lib/server/board/check-in.ts';
import { projectedMeeting } from '$lib/board/model/meetings.ts';
import { todayIn } from '$lib/board/model/fields.ts';
import type { Actions, PageServerLoad } from './$types';

/** The code as the projector shows it: the link a phone opens, and until when it works. */
const shown = (code: CheckInCode, origin: string) => ({
	meetingId: code.meetingId,
	url: `${origin}/check-in/${code.code}`,
	expiresAt: code.expiresAt
});

export const load: PageServerLoad = async (event) => {
	// The code is in the page: keep it out of caches.
	event.setHeaders({ 'cache-control': 'no-store' });
	const { db } = event.locals.app;
	const { user, ...rights } = await requireBoard(event);
	const { board } = rights;
	const secretary = mayManageBoard(rights);
	const meetings = (await readMeetingsContent(event.locals.app, board.id)).meetings;
	const meeting = projectedMeeting(meetings, event.url.searchParams.get('meeting'), todayIn());
	const code =
		meeting && mayIssueCheckInCode(rights, board)
			? await checkInCode(db, { boardId: board.id, meeting, userId: user.id })
			: null;
	return {
		/** The root layout leaves its header out. */
		chrome: false as const,
		board,
		role: rights.role,
		secretary,
		...(await pageRooms(db, rights)),
		meetingId: meeting?.id ?? null,
		checkIn: code ? shown(code, event.url.origin) : null,
		me: { id: user.id, name: user.displayName }
	};
};

export const actions: Actions = {
	/** 更换签到码: a new code for the meeting; the old one stops working at once. */
	newCode: async (event) => {
		const { user, ...rights } = await requireBoardSecretary(event);
		const { board } = rights;
		const meetingId = String((await event.request.formData()).get('meeting') ?? '');
		// A secretary's, on a board not archived (its meetings are closed).
		if (!mayIssueCheckInCode(rights, board))
			return fail(409, { codeError: 'checkIn.archived' as const });
		const meeting = (await readMeetingsContent(event.locals.app, board.id)).meetings.find(
			(m) => m.id === meetingId
		);
		if (!meeting) httpError(404, 'error.notFound');
		if (
			!(await checkInCode(
				event.locals.app.db,
				{ boardId: board.id, meeting, userId: user.id },
				{ renew: true }
			))
		)
			return fail(409, { codeError: 'checkIn.closedNoCode' as const });
		return { replaced: meetingId };
	}
};
