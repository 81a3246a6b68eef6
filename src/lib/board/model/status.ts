// A board's life and what each stage allows: shared by the server (which enforces it) and the page.

/** 草案 draft → 会议中 meeting → 已通过 agreed → 跟踪落实 tracking → 已归档 archived. */
export const BOARD_STATUSES = ['draft', 'meeting', 'agreed', 'tracking', 'archived'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

/** Where the secretary may move a board from each status: forward, or back to reconsider. */
export const NEXT_STATUS: Record<BoardStatus, readonly BoardStatus[]> = {
	draft: ['meeting'],
	meeting: ['agreed', 'draft'],
	agreed: ['tracking', 'meeting'],
	tracking: ['archived', 'meeting'],
	archived: ['tracking']
};

/** From agreement on, the documents take no client updates: changes in tracking go through the server. */
export type LockedStatus = Extract<BoardStatus, 'agreed' | 'tracking' | 'archived'>;
export function isLocked(status: BoardStatus): status is LockedStatus {
	return status === 'agreed' || status === 'tracking' || status === 'archived';
}
