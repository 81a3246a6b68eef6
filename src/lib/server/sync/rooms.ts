// Room names: `board:<boardId>` holds the board document (needs, plan);
// `board:<boardId>:unit:<unitId>` holds one unit's sheet (pledges, claims, commitments); these are
// the plan, which versions, the record and agreement cover. `board:<boardId>:meetings` holds the
// board's meetings (board/model/lists/meetings.ts), kept by the secretaries. Who may read or write each room is
// decided in policy/room.ts.
const ID = '[a-z0-9]{1,64}';
const ROOM = new RegExp(`^board:(${ID})(?::unit:(${ID})|(:meetings))?$`);

export type PlanRoom =
	{ kind: 'board'; boardId: string } | { kind: 'unit'; boardId: string; unitId: string };
export type Room = PlanRoom | { kind: 'meetings'; boardId: string };

export function parseRoom(name: string): Room | null {
	const match = ROOM.exec(name);
	if (!match) return null;
	const [, boardId, unitId, meetings] = match as unknown as [
		string,
		string,
		string | undefined,
		string | undefined
	];
	return unitId
		? { kind: 'unit', boardId, unitId }
		: meetings
			? { kind: 'meetings', boardId }
			: { kind: 'board', boardId };
}

/** A room of the plan itself (the board document or a unit's sheet), or null. */
export function parsePlanRoom(name: string): PlanRoom | null {
	const room = parseRoom(name);
	return room && room.kind !== 'meetings' ? room : null;
}

export function meetingsRoom(boardId: string): string {
	return `board:${boardId}:meetings`;
}

export function boardRoom(boardId: string): string {
	return `board:${boardId}`;
}

export function unitRoom(boardId: string, unitId: string): string {
	return `board:${boardId}:unit:${unitId}`;
}
