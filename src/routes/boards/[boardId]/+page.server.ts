import { fail } from '@sveltejs/kit';
import { mayCorrectDoneDay, mayManageBoard } from '$lib/server/policy/board.ts';
import { mayConfirmSheet, mayReportOnCommitment } from '$lib/server/policy/sheet.ts';
import { correctDoneDay, doneDaysOf } from '$lib/server/board/figures.ts';
import { pageRooms } from '$lib/server/docs/board-rooms.ts';
import { httpError, requireBoard } from '$lib/server/http/guards.ts';
import { listUnits } from '$lib/server/council/units.ts';
import {
	changeStatus,
	confirmSheet,
	listConfirmations,
	participatingUnits
} from '$lib/server/board/agreement.ts';
import { userNames } from '$lib/server/auth/accounts.ts';
import { trackFormAction } from '$lib/server/board/tracking.ts';
import { commentFormAction, type CommentAction } from '$lib/server/comments/actions.ts';
import { getBoard } from '$lib/server/council/councils.ts';
import { nextBoardOf } from '$lib/server/board/next-period.ts';
import { BOARD_STATUSES, NEXT_STATUS, type BoardStatus } from '$lib/board/model/status.ts';
import { translator } from '$lib/i18n/dictionaries.ts';
import { formatDay } from '$lib/format.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db } = event.locals.app;
	const { user, ...rights } = await requireBoard(event);
	const confirmed = await listConfirmations(db, rights.board.id);
	const names = await userNames(
		db,
		confirmed.map((c) => c.userId)
	);
	const rooms = await pageRooms(db, rights);
	return {
		board: rights.board,
		role: rights.role,
		canManage: mayManageBoard(rights),
		...rooms,
		// What this person reports on here (policy's rules, mayReportOnCommitment/-Project): the board
		// offers reports once it is in tracking; before that its fields are edited directly. A secretary
		// reports on everything, also a project with no lead or whose lead unit is gone.
		reports:
			rights.board.status === 'tracking'
				? {
						all: mayManageBoard(rights),
						units: rooms.units.filter((u) => mayReportOnCommitment(rights, u.id)).map((u) => u.id)
					}
				: { all: false, units: [] },
		agreement: {
			participating: (await participatingUnits(db, rights.board.councilId)).map((u) => u.id),
			confirmations: confirmed.map((c) => ({
				unitId: c.unitId,
				by: c.userId ? (names.get(c.userId) ?? '') : '',
				at: c.createdAt
			})),
			next: NEXT_STATUS[rights.board.status]
		},
		myUnitId: rights.unitId,
		// The days the server recorded commitments done (`unitId:itemId` → day), shown to secretaries to correct.
		doneDays: mayCorrectDoneDay(rights)
			? Object.fromEntries(await doneDaysOf(db, rights.board.id))
			: {},
		me: { id: user.id, name: user.displayName },
		// The board this one continues, and the one that continues it (下一期).
		previous: linkTo(
			rights.board.previousBoardId ? await getBoard(db, rights.board.previousBoardId) : undefined
		),
		next: linkTo(await nextBoardOf(db, rights.board.id))
	};
};

const linkTo = (board: { id: string; title: string; period: string } | undefined) =>
	board ? { id: board.id, title: board.title, period: board.period } : null;

/** The discussion's forms, each answered by comments/actions.ts. */
const discussion = (action: CommentAction) => async (event: Parameters<Actions[string]>[0]) => {
	const { user, ...rights } = await requireBoard(event);
	return commentFormAction(event.locals.app, user, rights, action, await event.request.formData());
};

export const actions: Actions = {
	comment: discussion('comment'),
	editComment: discussion('editComment'),
	deleteComment: discussion('deleteComment'),
	hideComment: discussion('hideComment'),
	resolveThread: discussion('resolveThread'),

	/** In tracking: a representative reports the status (and progress) of its unit's commitment or project. */
	track: async (event) => {
		const { user, ...rights } = await requireBoard(event);
		return await trackFormAction(event.locals.app, user, rights, await event.request.formData());
	},

	/** A secretary corrects the day the server recorded a commitment done (it is recorded). */
	doneDay: async (event) => {
		const { user, ...rights } = await requireBoard(event);
		if (!mayCorrectDoneDay(rights)) httpError(403, 'doneDay.secretaryOnly');
		const form = await event.request.formData();
		const input = {
			unitId: String(form.get('unitId') ?? ''),
			itemId: String(form.get('itemId') ?? ''),
			day: String(form.get('day') ?? '')
		};
		const result = await correctDoneDay(event.locals.app, rights.board, user.id, input);
		if (!result.ok) {
			if (result.status === 404) httpError(404, result.error);
			return fail(result.status, {
				doneDay: { itemId: input.itemId, value: input.day, error: result.error }
			});
		}
		return { doneDayCorrected: input.itemId };
	},

	/** A unit's representative (or a secretary, for any unit) confirms the unit's sheet. */
	confirm: async (event) => {
		const { user, ...rights } = await requireBoard(event);
		const { db } = event.locals.app;
		const unitId = String((await event.request.formData()).get('unitId') ?? '');
		const unit = (await listUnits(db, rights.board.councilId)).find((u) => u.id === unitId);
		if (!unit) httpError(404, 'board.unknownUnit');
		if (!mayConfirmSheet(rights, unit.id)) httpError(403, 'agreement.notYourUnit');
		const result = await confirmSheet(db, rights.board, unit, user.id);
		if (!result.ok) return fail(409, { agreementError: 'agreement.locked' as const });
		return { confirmed: unit.name };
	},

	/** The secretary moves the board to another status; agreeing without every confirmation needs a reason. */
	status: async (event) => {
		const { user, ...rights } = await requireBoard(event);
		if (!mayManageBoard(rights)) httpError(403, 'versions.secretaryOnly');
		const form = await event.request.formData();
		const to = String(form.get('to') ?? '') as BoardStatus;
		const reason = String(form.get('reason') ?? '').slice(0, 500);
		if (!BOARD_STATUSES.includes(to))
			return fail(400, { agreementError: 'agreement.notAllowed' as const });
		const t = translator(event.locals.locale);
		const result = await changeStatus(event.locals.app, rights.board, to, user.id, {
			reason,
			// Stored for the API; pages name it from its kind and day (versionName).
			agreedLabel: t('agreement.agreedVersion', {
				date: formatDay(event.locals.locale, new Date())
			})
		});
		if (!result.ok && result.error === 'reasonRequired')
			return fail(400, { reasonRequired: result.unconfirmed, to });
		if (!result.ok) return fail(409, { agreementError: 'agreement.notAllowed' as const });
		return { statusChanged: to };
	}
};
