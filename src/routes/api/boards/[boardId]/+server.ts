import { error, json } from '@sveltejs/kit';
import * as Y from 'yjs';
import { apiUser } from '$lib/server/api.ts';
import { boardAccess } from '$lib/server/access.ts';
import { boardRoom } from '$lib/server/sync/rooms.ts';
import { boardContent } from '$lib/board/content.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = apiUser(event);
	const { app } = event.locals;
	const rights = boardAccess(app.db, user, event.params.boardId);
	if (!rights.ok) error(rights.reason === 'not-found' ? 404 : 403, rights.reason);
	const { board, role } = rights;
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, app.sync.encodeState(boardRoom(board.id)));
		return json({
			id: board.id,
			title: board.title,
			period: board.period,
			council: { id: board.councilId, name: board.councilName, community: board.community },
			role,
			rooms: [boardRoom(board.id)],
			content: boardContent(doc)
		});
	} finally {
		doc.destroy();
	}
};
