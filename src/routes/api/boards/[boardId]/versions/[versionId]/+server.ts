import { json } from '@sveltejs/kit';
import { httpError, requireBoard } from '$lib/server/http/guards.ts';
import { getVersion, versionContent } from '$lib/server/versions/versions.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { board } = await requireBoard(event);
	const { db } = event.locals.app;
	const version = await getVersion(db, board.id, event.params.versionId);
	if (!version) httpError(404, 'versions.notFound');
	return json({
		id: version.id,
		label: version.label,
		kind: version.kind,
		createdAt: version.createdAt.toISOString(),
		content: await versionContent(db, version.id)
	});
};
