// Follow mode: a secretary presents (the projector view, or the board page with 演示 on) and says in
// their presence on the board document what they are showing: `showing: { view, item, meeting }`.
// Whoever chooses to follow sees the same view and the same item scrolled into view. The server lets
// only secretaries present (server/sync/awareness.ts); followers never publish `showing`.
// This module is the vocabulary: which views there are, how they map between the projector and the
// board page, and reading what another client sent (which may be anything).

/** The projector's views (tabs). */
export const PROJECTOR_VIEWS = ['agenda', 'plan', 'matching'] as const;
export type ProjectorView = (typeof PROJECTOR_VIEWS)[number];

/** The board page's tabs. */
export const BOARD_TABS = [
	'needs',
	'pledges',
	'plan',
	'commitments',
	'matching',
	'meetings'
] as const;
export type BoardTab = (typeof BOARD_TABS)[number];

/** What can be shown: a projector view, or a board tab the projector does not have. The 会议 tab
 *  is shown as `agenda`, the projector's name for the meeting. */
export const SHOWN_VIEWS = [
	'agenda',
	'plan',
	'matching',
	'needs',
	'pledges',
	'commitments'
] as const;
export type ShownView = (typeof SHOWN_VIEWS)[number];

export interface Showing {
	view: ShownView;
	/** The id of the item at the top of the presenter's screen, or null. */
	item: string | null;
	/** The meeting on the presenter's screen, or null. */
	meeting: string | null;
}

export function tabForView(view: ShownView): BoardTab {
	return view === 'agenda' ? 'meetings' : view;
}

export function viewForTab(tab: BoardTab): ShownView {
	return tab === 'meetings' ? 'agenda' : tab;
}

/** The projector view for what is shown, or null when the projector has none (needs, pledges, commitments). */
export function projectorViewFor(view: ShownView): ProjectorView | null {
	return (PROJECTOR_VIEWS as readonly string[]).includes(view) ? (view as ProjectorView) : null;
}

const ID = /^[a-z0-9]{1,64}$/;

/** Another client's `showing`, if it is one: anything else reads as nothing shown. */
export function readShowing(value: unknown): Showing | null {
	if (!value || typeof value !== 'object') return null;
	const { view, item, meeting } = value as Record<string, unknown>;
	if (!(SHOWN_VIEWS as readonly unknown[]).includes(view)) return null;
	const id = (v: unknown) => (typeof v === 'string' && ID.test(v) ? v : null);
	return { view: view as ShownView, item: id(item), meeting: id(meeting) };
}

export function sameShowing(a: Showing | null, b: Showing | null): boolean {
	return (
		a === b || (!!a && !!b && a.view === b.view && a.item === b.item && a.meeting === b.meeting)
	);
}
