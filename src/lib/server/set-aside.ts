// The administrator's view of the rooms the sync server set aside (their stored documents could not
// be opened; see `setAsideDocs` in the schema): which board each belonged to, why, and how much was
// kept, so that someone can look at the rows before anything is done with them.
import { eq, inArray } from 'drizzle-orm';
import { tables, type Db } from './db/index.ts';
import type { SetAsideRoom } from './sync/storage.ts';
import { parseRoom } from './sync/rooms.ts';

export interface SetAsideReport extends SetAsideRoom {
	/** The board the room belongs to, while it exists. */
	board: { id: string; title: string; council: string } | null;
}

export async function setAsideReport(db: Db, rooms: SetAsideRoom[]): Promise<SetAsideReport[]> {
	const { boards, councils } = tables(db);
	const boardOf = new Map(rooms.map((r) => [r.room, parseRoom(r.room)?.boardId]));
	const boardIds = [...new Set([...boardOf.values()].filter((id) => id !== undefined))];
	const found = boardIds.length
		? await db
				.select({ id: boards.id, title: boards.title, council: councils.name })
				.from(boards)
				.innerJoin(councils, eq(councils.id, boards.councilId))
				.where(inArray(boards.id, boardIds))
		: [];
	const byId = new Map(found.map((b) => [b.id, b]));
	return rooms.map((r) => ({ ...r, board: byId.get(boardOf.get(r.room) ?? '') ?? null }));
}
