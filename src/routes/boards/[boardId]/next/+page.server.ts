// 下一期: a secretary makes the next period's board from this one, seeing first what will carry over.
import { fail, redirect } from '@sveltejs/kit';
import { requireBoardSecretary } from '$lib/server/http/guards.ts';
import { readBoardContent } from '$lib/server/docs/board-content.ts';
import { createNextBoard, nextBoardOf } from '$lib/server/board/next-period.ts';
import { carriedContent, nextPeriod } from '$lib/board/reports/carry-over.ts';
import { readBoardNames } from '$lib/server/council/councils.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { board } = await requireBoardSecretary(event);
	const carried = carriedContent(await readBoardContent(event.locals.app, board));
	return {
		board,
		carried,
		existing: (await nextBoardOf(event.locals.app.db, board.id)) ?? null,
		suggested: { title: board.title, period: nextPeriod(board.period) }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { user, board } = await requireBoardSecretary(event);
		const form = await event.request.formData();
		const { values, errors } = readBoardNames(form);
		if (Object.keys(errors).length) return fail(400, { values, errors, existing: null });
		const result = await createNextBoard(event.locals.app, board, values, user.id);
		if (!result.ok) return fail(409, { values, errors, existing: result.existing });
		redirect(303, `/boards/${result.boardId}`);
	}
};
