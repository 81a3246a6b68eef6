// 我的工作: a unit representative's commitments, claims and projects across its council's boards,
// with their status to update in place (the same follow-up report as on the board, tracking.ts).
import { requireBoard, requireUser } from '$lib/server/http/guards.ts';
import { takesReports } from '$lib/server/policy/board.ts';
import { myWork } from '$lib/server/board/my-work.ts';
import { trackFormAction } from '$lib/server/board/tracking.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const work = await myWork(event.locals.app, user.id);
	return {
		work: work.map((unit) => ({
			...unit,
			boards: unit.boards.map((b) => ({ ...b, takesReports: takesReports(b.status) }))
		}))
	};
};

export const actions: Actions = {
	track: async (event) => {
		requireUser(event); // before the form is read
		const form = await event.request.formData();
		// The board is the form's: this page reports on the boards of every council of the person.
		const { user, ...rights } = await requireBoard(event, String(form.get('boardId') ?? ''));
		return await trackFormAction(event.locals.app, user, rights, form);
	}
};
