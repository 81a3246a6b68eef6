// The board page's discussion forms (?/comment, ?/editComment, ?/deleteComment, ?/hideComment,
// ?/resolveThread), read and answered in one place: a refusal goes back with what was typed, so the
// page shows it beside the field and nothing typed is lost. Only the fields named here are read: an
// author, unit or time in the form is not one of them (the server sets those, comments.ts).
import { fail } from '@sveltejs/kit';
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/session.ts';
import type { BoardRights } from '../policy/board.ts';
import type { Mention } from '../../board/model/comments.ts';
import { limitWait } from '../auth/rate-limit.ts';
import {
	deleteComment,
	editComment,
	hideComment,
	postComment,
	resolveThread,
	refused,
	type Commenter,
	type Refused
} from './comments.ts';

export type CommentAction =
	'comment' | 'editComment' | 'deleteComment' | 'hideComment' | 'resolveThread';

const field = (form: FormData, name: string) => String(form.get(name) ?? '');

/** `mention` fields, each `person:<id>` or `unit:<id>`, as the page's name list adds them. */
function mentionsOf(form: FormData): Mention[] {
	return form.getAll('mention').flatMap((value): Mention[] => {
		const [kind, id] = String(value).split(':');
		return (kind === 'person' || kind === 'unit') && id ? [{ kind, id }] : [];
	});
}

export async function commentFormAction(
	app: Pick<App, 'db' | 'docs' | 'log' | 'commentLimiter'>,
	user: SessionUser,
	rights: BoardRights,
	action: CommentAction,
	form: FormData
) {
	const who: Commenter = {
		userId: user.id,
		name: user.displayName,
		role: rights.role,
		unitId: rights.unitId
	};
	const { board } = rights;
	const thread = field(form, 'thread');
	const commentId = field(form, 'commentId');
	const text = field(form, 'text');
	const answer = (result: { ok: true } | Refused) =>
		result.ok
			? { comment: { action, thread, commentId } }
			: fail(result.status, {
					comment: {
						action,
						thread,
						commentId,
						text,
						reason: field(form, 'reason'),
						error: result.error,
						params: result.params
					}
				});
	// What is written is counted (across nodes, where Redis counts): posting and editing.
	if (action === 'comment' || action === 'editComment') {
		const wait = await limitWait(app.commentLimiter.attempt(user.id));
		if (wait === 'unavailable') return answer(refused(503, 'comments.unavailable'));
		if (wait > 0)
			return answer(refused(429, 'comments.tooFast', { minutes: Math.ceil(wait / 60_000) }));
	}
	switch (action) {
		case 'comment':
			return answer(
				await postComment(app, board, who, {
					thread,
					text,
					replyTo: field(form, 'replyTo') || null,
					mentions: mentionsOf(form)
				})
			);
		case 'editComment':
			return answer(
				await editComment(app, board, who, commentId, { text, mentions: mentionsOf(form) })
			);
		case 'deleteComment':
			return answer(await deleteComment(app, board, who, commentId));
		case 'hideComment':
			return answer(await hideComment(app, board, who, commentId, field(form, 'reason')));
		case 'resolveThread':
			return answer(
				await resolveThread(app, board, who, thread, field(form, 'resolved') === 'true')
			);
	}
}
