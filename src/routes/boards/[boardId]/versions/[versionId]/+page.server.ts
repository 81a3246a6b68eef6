import { httpError, requireBoard } from '$lib/server/http/guards.ts';
import { readBoardContent } from '$lib/server/docs/board-content.ts';
import { getVersion, listVersions, versionContent } from '$lib/server/versions/versions.ts';
import { diffContent } from '$lib/board/reports/diff.ts';
import type { BoardContent } from '$lib/board/ydoc/content.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { board } = await requireBoard(event);
	const { app } = event.locals;
	const version = await getVersion(app.db, board.id, event.params.versionId);
	if (!version) httpError(404, 'versions.notFound');
	const content = await versionContent(app.db, version.id);

	// Compared with now, or with another version of this board (the older one first).
	const compare = event.url.searchParams.get('compare');
	let comparison = null;
	const titles = new Map<string, string>();
	const nameItems = (c: BoardContent) => {
		for (const n of c.needs) titles.set(`need:${n.id}`, n.title);
		for (const p of c.plan) titles.set(`project:${p.id}`, p.title);
	};
	nameItems(content);
	if (compare === 'now') {
		const now = await readBoardContent(app, board);
		nameItems(now);
		comparison = { other: null, diff: diffContent(content, now) };
	} else if (compare) {
		const other = await getVersion(app.db, board.id, compare);
		if (!other) httpError(404, 'versions.notFound');
		const otherContent = await versionContent(app.db, other.id);
		nameItems(otherContent);
		const older = other.createdAt < version.createdAt;
		comparison = {
			other: {
				id: other.id,
				label: other.label,
				kind: other.kind,
				createdAt: other.createdAt,
				older
			},
			diff: older ? diffContent(otherContent, content) : diffContent(content, otherContent)
		};
	}
	return {
		board,
		version,
		content,
		comparison,
		/** Titles of needs and projects, for naming claims. */
		titles: Object.fromEntries(titles),
		others: (await listVersions(app.db, board.id))
			.filter((v) => v.id !== version.id)
			.map((v) => ({ id: v.id, label: v.label, kind: v.kind, createdAt: v.createdAt }))
	};
};
