// Reading and writing the comments document `board:<boardId>:comments` (../model/comments.ts says
// what it holds). Only the server writes it, each comment as one plain value replaced whole (no
// one edits another's text, so nothing needs merging by character); the pages read it, and read it
// warily, as anything from a document.
import * as Y from 'yjs';
import type { Comment, Mention, ThreadState } from '../model/comments.ts';

/** The document's roots: what the sync server lets an update of this room touch. */
export const COMMENT_MAPS = ['comments', 'threads'] as const;

const comments = (doc: Y.Doc) => doc.getMap<unknown>('comments');
const threads = (doc: Y.Doc) => doc.getMap<unknown>('threads');

export function writeComment(doc: Y.Doc, comment: Comment): void {
	comments(doc).set(comment.id, { ...comment, mentions: comment.mentions.map((m) => ({ ...m })) });
}

export function readComment(doc: Y.Doc, id: string): Comment | null {
	return asComment(id, comments(doc).get(id));
}

/** Every comment, oldest first. */
export function readComments(doc: Y.Doc): Comment[] {
	const out: Comment[] = [];
	for (const [id, value] of comments(doc)) {
		const comment = asComment(id, value);
		if (comment) out.push(comment);
	}
	return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function writeThread(doc: Y.Doc, key: string, state: ThreadState): void {
	threads(doc).set(key, { resolved: state.resolved && { ...state.resolved } });
}

export function readThreads(doc: Y.Doc): Map<string, ThreadState> {
	const out = new Map<string, ThreadState>();
	for (const [key, value] of threads(doc)) {
		const resolved = isRecord(value) && isRecord(value.resolved) ? value.resolved : null;
		out.set(key, {
			resolved:
				resolved && typeof resolved.at === 'number'
					? { byName: String(resolved.byName ?? ''), at: resolved.at }
					: null
		});
	}
	return out;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const numberOrNull = (value: unknown) => (typeof value === 'number' ? value : null);
const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

function asMention(value: unknown): Mention | null {
	if (!isRecord(value) || typeof value.id !== 'string') return null;
	return value.kind === 'person' || value.kind === 'unit'
		? { kind: value.kind, id: value.id }
		: null;
}

function asComment(id: string, value: unknown): Comment | null {
	if (!isRecord(value) || typeof value.thread !== 'string' || typeof value.createdAt !== 'number')
		return null;
	const hidden = isRecord(value.hidden) ? value.hidden : null;
	return {
		id,
		thread: value.thread,
		replyTo: stringOrNull(value.replyTo),
		authorId: String(value.authorId ?? ''),
		authorName: String(value.authorName ?? ''),
		authorUnitId: stringOrNull(value.authorUnitId),
		text: String(value.text ?? ''),
		mentions: Array.isArray(value.mentions)
			? value.mentions.map(asMention).filter((m): m is Mention => m !== null)
			: [],
		createdAt: value.createdAt,
		editedAt: numberOrNull(value.editedAt),
		deletedAt: numberOrNull(value.deletedAt),
		hidden:
			hidden && typeof hidden.at === 'number'
				? {
						byName: String(hidden.byName ?? ''),
						reason: String(hidden.reason ?? ''),
						at: hidden.at
					}
				: null
	};
}
