// Room names: `board:<boardId>` holds the board document (needs, plan);
// `board:<boardId>:unit:<unitId>` holds one unit's sheet (pledges, claims, commitments); these are
// the plan, which versions, the record and agreement cover. `board:<boardId>:meetings` holds the
// board's meetings (board/model/lists/meetings.ts), kept by the secretaries; `board:<boardId>:comments`
// its discussion (board/model/comments.ts), written by the server alone. Who may read or write each
// room is decided in policy/room.ts.
const ID = '[a-z0-9]{1,64}';
const ROOM = new RegExp(`^board:(${ID})(?::unit:(${ID})|:(meetings|comments))?$`);

export type PlanRoom =
	{ kind: 'board'; boardId: string } | { kind: 'unit'; boardId: string; unitId: string };
export type Room =
	PlanRoom | { kind: 'meetings'; boardId: string } | { kind: 'comments'; boardId: string };

export function parseRoom(name: string): Room | null {
	const match = ROOM.exec(name);
	if (!match) return null;
	const [, boardId, unitId, other] = match as unknown as [
		string,
		string,
		string | undefined,
		'meetings' | 'comments' | undefined
	];
	if (unitId) return { kind: 'unit', boardId, unitId };
	if (other === 'meetings') return { kind: 'meetings', boardId };
	if (other === 'comments') return { kind: 'comments', boardId };
	return { kind: 'board', boardId };
}

/** A room of the plan itself (the board document or a unit's sheet), or null. */
export function parsePlanRoom(name: string): PlanRoom | null {
	const room = parseRoom(name);
	return room && (room.kind === 'board' || room.kind === 'unit') ? room : null;
}

export function meetingsRoom(boardId: string): string {
	return `board:${boardId}:meetings`;
}

export function commentsRoom(boardId: string): string {
	return `board:${boardId}:comments`;
}

export function boardRoom(boardId: string): string {
	return `board:${boardId}`;
}

export function unitRoom(boardId: string, unitId: string): string {
	return `board:${boardId}:unit:${unitId}`;
}
