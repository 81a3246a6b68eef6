import { error, json } from '@sveltejs/kit';
import { apiBoard } from '$lib/server/http/api.ts';
import { getVersion, versionContent } from '$lib/server/versions/versions.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const { board } = apiBoard(event);
	const { db } = event.locals.app;
	const version = getVersion(db, board.id, event.params.versionId);
	if (!version) error(404, 'not-found');
	return json({
		id: version.id,
		label: version.label,
		kind: version.kind,
		createdAt: version.createdAt.toISOString(),
		content: versionContent(db, version.id)
	});
};
