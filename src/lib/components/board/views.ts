// How each list is shown as cards, read from its descriptor ($lib/board/model/lists/): the heading
// field, the field that colours the card's edge, and the fields below in order and width; and the
// card's folded line.
import { optionKey, type CardList, type Span } from '$lib/board/model/descriptor.ts';
import { DECISIONS, MEETINGS, PLAN_LISTS, type ListKey } from '$lib/board/model/lists/index.ts';
import type { Translate } from '$lib/i18n/index.ts';

export type { ListKey };

export interface FieldView {
	name: string;
	/** Columns out of 6 on wide screens. */
	span: Span;
}

export interface ListView {
	/** The list's name: the cards' test ids and element ids begin with it. */
	key: string;
	spec: CardList;
	/** The field shown as the item's heading. */
	title: string;
	/** The field whose value colours the card's edge. */
	status?: string;
	fields: FieldView[];
}

function viewOf(list: CardList): ListView {
	const { title, status, fields } = list.card;
	return {
		key: list.name,
		spec: list,
		title,
		status,
		fields: fields.map(([name, span]) => ({ name, span }))
	};
}

export const VIEWS: Record<ListKey, ListView> = {
	needs: viewOf(PLAN_LISTS.needs),
	plan: viewOf(PLAN_LISTS.plan),
	pledges: viewOf(PLAN_LISTS.pledges),
	commitments: viewOf(PLAN_LISTS.commitments)
};

/** The meetings tab: a meeting's particulars, and each decision with the projects it concerns. */
export const MEETING_VIEWS = { meetings: viewOf(MEETINGS), decisions: viewOf(DECISIONS) };

/** Card edge colour per status value (any list). */
export const STATUS_TONE: Record<string, string> = {
	open: 'border-l-danger',
	claimed: 'border-l-amber-400',
	active: 'border-l-blue-500',
	preparing: 'border-l-amber-400',
	offered: 'border-l-amber-400',
	confirmed: 'border-l-blue-500',
	in_progress: 'border-l-blue-500',
	not_started: 'border-l-amber-400',
	overdue: 'border-l-danger',
	done: 'border-l-ok',
	delivered: 'border-l-ok',
	closed: 'border-l-ink-muted',
	cancelled: 'border-l-ink-muted'
};

/**
 * An item in one line: its choices and dates, in the order of its fields. `status`, when given, is
 * the status as the board shows it (a need some unit claimed reads as claimed).
 */
export function itemSummary(
	view: ListView,
	item: Record<string, unknown>,
	words: { t: Translate; date: (iso: string) => string },
	status?: string
): string {
	return view.fields
		.map(({ name }) => {
			const kind = view.spec.fields[name]?.kind;
			const value = item[name];
			if (kind === 'date') return value ? words.date(value as string) : '';
			const shownKey = name === view.status ? optionKey(view.spec, name, status) : undefined;
			const key = shownKey ?? optionKey(view.spec, name, value);
			return key ? words.t(key) : '';
		})
		.filter(Boolean)
		.join(' · ');
}
