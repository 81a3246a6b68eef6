// A board's discussion (讨论), in its own document `board:<boardId>:comments`, which only the server
// writes: a comment's author, time and unit are the signed-in person's as the server saw them, never
// something a client wrote. Each need, project, pledge and commitment has a thread, and so has the
// board as a whole; a comment may answer another of its thread and name (@) people and units.
// Its author edits or deletes it; a secretary hides it, with a reason kept in the record; anyone who
// may comment resolves a thread or opens it again. The discussion goes on once the plan is agreed.

/** The lists whose items have threads. */
export const COMMENTED_LISTS = ['needs', 'plan', 'pledges', 'commitments'] as const;
export type CommentedList = (typeof COMMENTED_LISTS)[number];

/** Characters in one comment (about a page). */
export const COMMENT_MAX = 2000;
/** Characters in a secretary's reason for hiding one. */
export const HIDE_REASON_MAX = 200;
/** Names (@) in one comment. */
export const MENTIONS_MAX = 20;

/** What a thread is on: the board as a whole, or one item of a list. */
export type ThreadTarget =
	{ kind: 'board' } | { kind: 'item'; list: CommentedList; itemId: string };

const ITEM_THREAD = /^(needs|plan|pledges|commitments)\/([A-Za-z0-9_-]{1,64})$/;

/** A thread's key in the document: `board`, or `<list>/<itemId>`. */
export function threadKey(target: ThreadTarget): string {
	return target.kind === 'board' ? 'board' : `${target.list}/${target.itemId}`;
}

export function parseThreadKey(key: string): ThreadTarget | null {
	if (key === 'board') return { kind: 'board' };
	const match = ITEM_THREAD.exec(key);
	return match ? { kind: 'item', list: match[1] as CommentedList, itemId: match[2]! } : null;
}

/** Someone named in a comment: a person of the council, or a unit (all its representatives). */
export type Mention = { kind: 'person'; id: string } | { kind: 'unit'; id: string };

export interface Comment {
	id: string;
	thread: string;
	/** The comment it answers, of the same thread. */
	replyTo: string | null;
	authorId: string;
	authorName: string;
	/** The unit its author represented when writing it. */
	authorUnitId: string | null;
	/** Empty once deleted or hidden. */
	text: string;
	mentions: Mention[];
	/** Milliseconds since the epoch, the server's clock. */
	createdAt: number;
	editedAt: number | null;
	deletedAt: number | null;
	hidden: { byName: string; reason: string; at: number } | null;
}

/** A thread's state besides its comments. */
export interface ThreadState {
	resolved: { byName: string; at: number } | null;
}

/** Whether a comment is still there to read (neither deleted nor hidden). */
export const isShown = (comment: Pick<Comment, 'deletedAt' | 'hidden'>) =>
	comment.deletedAt === null && comment.hidden === null;

/** The comments others wrote after `seenAt`: what shows a thread as unread to this person. */
export function unreadCount(
	comments: Pick<Comment, 'authorId' | 'createdAt' | 'deletedAt' | 'hidden'>[],
	personId: string,
	seenAt: number
): number {
	return comments.filter((c) => c.authorId !== personId && c.createdAt > seenAt && isShown(c))
		.length;
}
