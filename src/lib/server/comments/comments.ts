// The discussion's changes, made by the server for the person on whose behalf they are asked
// (board/model/comments.ts says what a discussion holds, policy/comments.ts who may do what). The
// server writes the comments document itself, so that a comment's author, unit and time are the
// signed-in person's and the server's clock, whatever a client sends; each change checks the right
// and what it changes inside the room's change, so that two at once cannot both act on what one
// of them changed (a comment deleted while it was edited, say). Live for everyone on the board at
// once, as any change of a document; on several nodes it is made by the board's owner.
import type * as Y from 'yjs';
import type { App } from '../app.ts';
import type { Board } from '../council/councils.ts';
import type { CouncilRole } from '../policy/council.ts';
import { mayChangeComment, mayComment, mayHideComment } from '../policy/comments.ts';
import { commentsRoom } from '../sync/rooms.ts';
import { newId } from '../db/ids.ts';
import { listMembers } from '../council/members.ts';
import { listUnits } from '../council/units.ts';
import { readBoardContent } from '../docs/board-content.ts';
import { recordEvent } from '../record/events.ts';
import { notifyAll, type Notice } from '../notify/notifications.ts';
import { PLAN_LISTS } from '../../board/model/lists/index.ts';
import {
	COMMENT_MAX,
	HIDE_REASON_MAX,
	MENTIONS_MAX,
	isShown,
	parseThreadKey,
	type Comment,
	type Mention,
	type ThreadTarget
} from '../../board/model/comments.ts';
import { readComment, readThreads, writeComment, writeThread } from '../../board/ydoc/comments.ts';
import type { MessageKey } from '../../i18n/index.ts';

/** Who comments: the signed-in person, with their place in the council. */
export interface Commenter extends CouncilRole {
	userId: string;
	name: string;
}

type DiscussedBoard = Pick<Board, 'id' | 'councilId' | 'title' | 'status' | 'observersComment'>;
type Deps = Pick<App, 'db' | 'docs' | 'log'>;

export type Refused = {
	ok: false;
	status: 400 | 403 | 404 | 429 | 503;
	error: MessageKey;
	params?: Record<string, number>;
};
export type CommentResult = { ok: true; comment: Comment } | Refused;

export const refused = (
	status: Refused['status'],
	error: MessageKey,
	params?: Refused['params']
): Refused => ({ ok: false, status, error, params });

/** Makes `change` on the comments document as `who`, and answers what it answers. A refusal is
 *  answered, not thrown, and writes nothing: a change that throws marks the room broken, and would
 *  close everyone's connection to it. */
async function changeDiscussion<T>(
	app: Deps,
	board: DiscussedBoard,
	who: Commenter,
	change: (doc: Y.Doc) => T | Refused
): Promise<T | Refused> {
	let result: T | Refused = refused(404, 'comments.unknownComment');
	await app.docs.change(commentsRoom(board.id), who.userId, (doc) => {
		result = change(doc);
	});
	return result;
}

/** The text of a comment as it is kept: line breaks as typed (\n), no blank edges. */
function readText(text: string): { ok: true; text: string } | Refused {
	const kept = text.replace(/\r\n?/g, '\n').trim();
	if (!kept) return refused(400, 'comments.empty');
	if (kept.length > COMMENT_MAX) return refused(400, 'field.tooLong', { max: COMMENT_MAX });
	return { ok: true, text: kept };
}

/** What a thread is on, as it is now: its title and the unit it is of (a sheet's item its unit's, a
 *  project its lead's), or null when the item is gone. */
async function threadSubject(
	app: Deps,
	board: DiscussedBoard,
	target: ThreadTarget
): Promise<{ title: string; unitId: string | null } | null> {
	if (target.kind === 'board') return { title: board.title, unitId: null };
	const content = await readBoardContent(app, board);
	const { list, itemId } = target;
	const titleField = PLAN_LISTS[list].card.title;
	const title = (item: object) => String((item as Record<string, unknown>)[titleField] ?? '');
	if (list === 'needs' || list === 'plan') {
		const item = content[list].find((i) => i.id === itemId);
		if (!item) return null;
		const lead = 'lead' in item && typeof item.lead === 'string' ? item.lead : '';
		return { title: title(item), unitId: lead || null };
	}
	for (const sheet of content.sheets) {
		const item = (sheet[list] as { id: string }[]).find((i) => i.id === itemId);
		if (item) return { title: title(item), unitId: sheet.unit.id };
	}
	return null;
}

/** The mentions of people and units of this council, each once; anything else is dropped. */
async function councilMentions(app: Deps, councilId: string, asked: Mention[]) {
	if (asked.length === 0) return [];
	const people = new Set((await listMembers(app.db, councilId)).map((m) => m.userId));
	const units = new Set((await listUnits(app.db, councilId)).map((u) => u.id));
	const seen = new Set<string>();
	return asked
		.filter((m) => (m.kind === 'person' ? people : units).has(m.id))
		.filter((m) => !seen.has(`${m.kind}:${m.id}`) && !!seen.add(`${m.kind}:${m.id}`))
		.slice(0, MENTIONS_MAX);
}

export interface NewComment {
	thread: string;
	text: string;
	replyTo?: string | null;
	mentions?: Mention[];
}

export async function postComment(
	app: Deps,
	board: DiscussedBoard,
	who: Commenter,
	input: NewComment,
	now = Date.now()
): Promise<CommentResult> {
	if (!mayComment(who, board)) return refused(403, 'comments.notAllowed');
	const target = parseThreadKey(input.thread);
	const subject = target && (await threadSubject(app, board, target));
	if (!target || !subject) return refused(404, 'comments.unknownThread');
	const text = readText(input.text);
	if (!text.ok) return text;
	const comment: Comment = {
		id: newId(),
		thread: input.thread,
		replyTo: input.replyTo || null,
		authorId: who.userId,
		authorName: who.name,
		authorUnitId: who.role === 'unit_rep' ? who.unitId : null,
		text: text.text,
		mentions: await councilMentions(app, board.councilId, input.mentions ?? []),
		createdAt: now,
		editedAt: null,
		deletedAt: null,
		hidden: null
	};
	let answered: Comment | null = null;
	const result = await changeDiscussion(app, board, who, (doc) => {
		answered = comment.replyTo ? readComment(doc, comment.replyTo) : null;
		if (comment.replyTo && answered?.thread !== comment.thread)
			return refused(404, 'comments.unknownComment');
		writeComment(doc, comment);
		return { ok: true as const, comment };
	});
	if (result.ok)
		// The comment stands whatever happens here: a failure to tell is logged, not the poster's.
		await tellOf(app, board, target, subject, comment, answered).catch((err: unknown) =>
			app.log.error({ err, board: board.id, comment: comment.id }, 'could not notify of a comment')
		);
	return result;
}

/** Tells those a new comment concerns, each once and of what concerns them most: the people named
 *  (or everyone of a unit named), then the author of the comment it answers, then the
 *  representatives of the unit the item is of. Never its own author. */
async function tellOf(
	app: Deps,
	board: DiscussedBoard,
	target: ThreadTarget,
	subject: { title: string; unitId: string | null },
	comment: Comment,
	answered: Comment | null
) {
	const members = await listMembers(app.db, board.councilId);
	const repsOf = (unitId: string | null) =>
		members.filter((m) => m.role === 'unit_rep' && m.unitId === unitId).map((m) => m.userId);
	// Only people of the council now: someone who has left is told nothing of it any more.
	const inCouncil = new Set(members.map((m) => m.userId));
	const told = new Set([comment.authorId]);
	const fresh = (ids: string[]) =>
		ids.filter((id) => inCouncil.has(id) && !told.has(id) && !!told.add(id));
	const mentioned = fresh(
		comment.mentions.flatMap((m) => (m.kind === 'person' ? [m.id] : repsOf(m.id)))
	);
	const replied = fresh(answered ? [answered.authorId] : []);
	const ofUnit = fresh(repsOf(subject.unitId));
	const about = {
		councilId: board.councilId,
		boardId: board.id,
		target:
			target.kind === 'board'
				? ({ kind: 'board' } as const)
				: {
						kind: 'item' as const,
						list: target.list,
						itemId: target.itemId,
						...(subject.unitId && (target.list === 'pledges' || target.list === 'commitments')
							? { unitId: subject.unitId }
							: {})
					}
	};
	const params = { actor: comment.authorName, title: subject.title };
	const unitName = members.find((m) => m.unitId === subject.unitId)?.unitName ?? '';
	const batch: { notice: Notice; userIds: string[] }[] = [
		{
			notice: { ...about, kind: 'mention', params, dedupeKey: `mention:${comment.id}` },
			userIds: mentioned
		},
		{
			notice: { ...about, kind: 'reply', params, dedupeKey: `reply:${comment.id}` },
			userIds: replied
		},
		{
			notice: {
				...about,
				kind: 'comment-on-my-unit',
				params: { ...params, unit: unitName },
				dedupeKey: `comment-on-my-unit:${comment.id}`
			},
			userIds: ofUnit
		}
	];
	await notifyAll(
		app.db,
		batch.filter((b) => b.userIds.length > 0)
	);
}

/** Changes a comment of the board after `allowed` says this person may, else refuses. */
function changeComment(
	app: Deps,
	board: DiscussedBoard,
	who: Commenter,
	id: string,
	allowed: (comment: Comment) => boolean,
	change: (comment: Comment) => Comment
): Promise<CommentResult> {
	return changeDiscussion(app, board, who, (doc) => {
		const comment = readComment(doc, id);
		if (!comment || !isShown(comment)) return refused(404, 'comments.unknownComment');
		if (!allowed(comment)) return refused(403, 'comments.notYours');
		const changed = change(comment);
		writeComment(doc, changed);
		return { ok: true as const, comment: changed };
	});
}

export async function editComment(
	app: Deps,
	board: DiscussedBoard,
	who: Commenter,
	id: string,
	input: { text: string; mentions?: Mention[] },
	now = Date.now()
): Promise<CommentResult> {
	const text = readText(input.text);
	if (!text.ok) return text;
	const mentions = await councilMentions(app, board.councilId, input.mentions ?? []);
	return changeComment(
		app,
		board,
		who,
		id,
		(comment) => mayChangeComment(who, board, comment),
		(comment) => ({ ...comment, text: text.text, mentions, editedAt: now })
	);
}

export function deleteComment(
	app: Deps,
	board: DiscussedBoard,
	who: Commenter,
	id: string,
	now = Date.now()
): Promise<CommentResult> {
	return changeComment(
		app,
		board,
		who,
		id,
		(comment) => mayChangeComment(who, board, comment),
		// What was said leaves the document; that something was said, and answered, stays.
		(comment) => ({ ...comment, text: '', mentions: [], deletedAt: now })
	);
}

/** A secretary hides a comment: its text leaves the document (it is hidden because it should not
 *  be read: a person's details, say, so the record keeps that it was hidden, by whom and why, not
 *  what it said). */
export async function hideComment(
	app: Deps,
	board: DiscussedBoard,
	who: Commenter,
	id: string,
	reason: string,
	now = Date.now()
): Promise<CommentResult> {
	const why = reason.trim();
	if (!why) return refused(400, 'comments.reasonRequired');
	if (why.length > HIDE_REASON_MAX) return refused(400, 'field.tooLong', { max: HIDE_REASON_MAX });
	const result = await changeComment(
		app,
		board,
		who,
		id,
		(comment) => mayHideComment(who, board, comment),
		(comment) => ({
			...comment,
			text: '',
			mentions: [],
			hidden: { byName: who.name, reason: why, at: now }
		})
	);
	if (result.ok)
		await recordEvent(
			app.db,
			{ councilId: board.councilId, boardId: board.id },
			who.userId,
			{
				type: 'commentHidden',
				commentId: id,
				thread: result.comment.thread,
				author: result.comment.authorName,
				reason: why
			},
			new Date(now)
		);
	return result;
}

/** Resolves a thread (已解决), or opens it again. */
export async function resolveThread(
	app: Deps,
	board: DiscussedBoard,
	who: Commenter,
	thread: string,
	resolved: boolean,
	now = Date.now()
): Promise<{ ok: true } | Refused> {
	if (!mayComment(who, board)) return refused(403, 'comments.notAllowed');
	const target = parseThreadKey(thread);
	if (!target || !(await threadSubject(app, board, target)))
		return refused(404, 'comments.unknownThread');
	return changeDiscussion(app, board, who, (doc) => {
		const state = readThreads(doc).get(thread);
		if (!!state?.resolved === resolved) return { ok: true as const };
		writeThread(doc, thread, { resolved: resolved ? { byName: who.name, at: now } : null });
		return { ok: true as const };
	});
}
