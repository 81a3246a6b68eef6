import { json } from '@sveltejs/kit';
import { requireBoard } from '$lib/server/http/guards.ts';
import { listVersions } from '$lib/server/versions/versions.ts';
import { userNames } from '$lib/server/auth/accounts.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { board } = await requireBoard(event);
	const { db } = event.locals.app;
	const list = await listVersions(db, board.id);
	const names = await userNames(
		db,
		list.map((v) => v.authorId)
	);
	return json({
		versions: list.map((v) => ({
			id: v.id,
			label: v.label,
			kind: v.kind,
			author: v.authorId ? { id: v.authorId, name: names.get(v.authorId) ?? '' } : null,
			createdAt: v.createdAt.toISOString()
		}))
	});
};
