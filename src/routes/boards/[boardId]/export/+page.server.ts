import { requireBoard } from '$lib/server/http/guards.ts';
import { mayExport } from '$lib/server/policy/board.ts';
import { listVersions } from '$lib/server/versions/versions.ts';
import { readMeetingsContent } from '$lib/server/docs/board-content.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const rights = await requireBoard(event);
	return {
		board: rights.board,
		canExport: mayExport(rights, rights.board),
		meetings: (await readMeetingsContent(event.locals.app, rights.board.id)).meetings.map((m) => ({
			id: m.id,
			title: m.title,
			date: m.date
		})),
		versions: (await listVersions(event.locals.app.db, rights.board.id)).map((v) => ({
			id: v.id,
			label: v.label,
			kind: v.kind,
			createdAt: v.createdAt
		}))
	};
};
