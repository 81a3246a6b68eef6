// POST /api/boards/<boardId>/import with a multipart `file` (.xlsx or .csv): reads the spreadsheet and
// answers its sheets as rows of cells, or why it cannot be read. It writes nothing: the browser maps
// the columns, shows the preview and adds the rows to the live board itself, as one change its
// person can undo; the sync server checks that change's rights like any other.
import { json } from '@sveltejs/kit';
import { httpError, requireBoard } from '$lib/server/http/guards.ts';
import { mayImport } from '$lib/server/policy/board.ts';
import { limitWait } from '$lib/server/auth/rate-limit.ts';
import { IMPORT_MAX_BYTES, readSpreadsheet } from '$lib/server/files/import-file.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const rights = await requireBoard(event);
	if (!mayImport(rights)) httpError(403, 'error.forbidden');
	const { importLimiter } = event.locals.app;
	const key = rights.user.id;
	const wait = await limitWait(importLimiter.attempt(key));
	// The limits cannot be checked (Redis is away): nothing is read uncounted ("try again later").
	if (wait === 'unavailable') return json({ problem: 'server' }, { status: 503 });
	if (wait > 0)
		return json({ problem: 'tooOften', minutes: Math.ceil(wait / 60_000) }, { status: 429 });

	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length > IMPORT_MAX_BYTES + 64 * 1024)
		return json({ problem: 'tooLarge', max: IMPORT_MAX_BYTES }, { status: 413 });
	const file = (await event.request.formData().catch(() => null))?.get('file');
	if (!(file instanceof File)) return json({ problem: 'noFile' }, { status: 400 });
	if (file.size > IMPORT_MAX_BYTES)
		return json({ problem: 'tooLarge', max: IMPORT_MAX_BYTES }, { status: 413 });

	const read = await readSpreadsheet(new Uint8Array(await file.arrayBuffer()));
	if (!read.ok) {
		const { ok: _ok, ...problem } = read;
		event.locals.app.log.info(
			{ boardId: rights.board.id, userId: key, problem: problem.problem },
			'import refused'
		);
		return json(problem, { status: problem.problem === 'tooLarge' ? 413 : 400 });
	}
	return json({ sheets: read.sheets }, { headers: { 'cache-control': 'no-store' } });
};
