// The board's discussion (board/model/comments.ts): read by everyone in the council, observers too,
// and by nobody outside it; written by everyone of the council, observers only where the council
// allows it (as it allows them to export), also once the plan is agreed (the discussion goes on),
// until the board is archived. A comment is its author's to edit or delete; a secretary hides one,
// giving a reason. Clients never write the comments document: the server does, on their behalf,
// after these rules (so its room is read-only on the wire, room.ts).
import type { Board } from '../council/councils.ts';
import type { Comment } from '../../board/model/comments.ts';
import { isShown } from '../../board/model/comments.ts';
import { mayManageBoard } from './board.ts';
import type { CouncilRole } from './council.ts';

type Discussed = Pick<Board, 'status' | 'observersComment'>;

const open = (board: Pick<Board, 'status'>) => board.status !== 'archived';

/** Whether this person may comment on the board, answer, and resolve or reopen its threads. */
export function mayComment(who: CouncilRole, board: Discussed): boolean {
	return open(board) && (who.role !== 'observer' || board.observersComment);
}

/** Whether this person may edit or delete the comment: its author, while it is shown. */
export function mayChangeComment(
	who: CouncilRole & { userId: string },
	board: Discussed,
	comment: Pick<Comment, 'authorId' | 'deletedAt' | 'hidden'>
): boolean {
	return mayComment(who, board) && comment.authorId === who.userId && isShown(comment);
}

/** Whether this person may hide the comment from the discussion (the reason is recorded). */
export function mayHideComment(
	who: CouncilRole,
	board: Pick<Board, 'status'>,
	comment: Pick<Comment, 'deletedAt' | 'hidden'>
): boolean {
	return open(board) && mayManageBoard(who) && isShown(comment);
}
