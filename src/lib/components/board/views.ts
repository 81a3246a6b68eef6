// How each list is shown: which fields, in what order and width, and which words name its choices.
// The lists themselves (fields, kinds, rules) are in $lib/board/lists.ts.
import { COMMITMENTS, NEEDS, OPTION_WORDS, PLAN, PLEDGES } from '$lib/board/ydoc/lists.ts';
import { DECISIONS, MEETINGS } from '$lib/board/ydoc/meetings.ts';
import type { ListSpec } from '$lib/board/ydoc/list.ts';
import { isMessageKey, type MessageKey, type Translate } from '$lib/i18n/index.ts';

export type ListKey = 'needs' | 'plan' | 'pledges' | 'commitments';
/** Every list shown as cards: the plan's, and the meetings' (the agenda's rows use the same fields). */
export type CardKey = ListKey | 'meetings' | 'decisions' | 'agenda';

export interface FieldView {
	name: string;
	/** Columns out of 6 on wide screens. */
	span: 1 | 2 | 3 | 6;
}

export interface ListView {
	key: CardKey;
	spec: ListSpec;
	/** The field shown as the item's heading. */
	title: string;
	/** The field whose value colours the card's edge. */
	status?: string;
	fields: FieldView[];
}

const f = (name: string, span: FieldView['span'] = 2): FieldView => ({ name, span });

export const VIEWS: Record<ListKey, ListView> = {
	needs: {
		key: 'needs',
		spec: NEEDS,
		title: 'title',
		status: 'status',
		fields: [
			f('category'),
			f('urgency'),
			f('status'),
			f('source'),
			f('raisedBy'),
			f('beneficiaries'),
			f('details', 6)
		]
	},
	plan: {
		key: 'plan',
		spec: PLAN,
		title: 'title',
		status: 'status',
		fields: [
			f('lead'),
			f('category'),
			f('status'),
			f('start'),
			f('end'),
			f('beneficiaries'),
			f('place', 3),
			f('partners', 3),
			f('needs', 3),
			f('pledges', 3),
			f('description', 6),
			f('progress', 3),
			f('evidence', 3)
		]
	},
	pledges: {
		key: 'pledges',
		spec: PLEDGES,
		title: 'title',
		status: 'state',
		fields: [
			f('kind'),
			f('quantity', 1),
			f('measure', 1),
			f('state'),
			f('availability', 3),
			f('contact', 3),
			f('link', 6)
		]
	},
	commitments: {
		key: 'commitments',
		spec: COMMITMENTS,
		title: 'content',
		status: 'status',
		fields: [
			f('responsible'),
			f('due', 1),
			f('status'),
			f('doneOn', 1),
			f('project', 6),
			f('notes', 3),
			f('evidence', 3)
		]
	}
};

/** The meetings tab: a meeting's particulars, and each decision with the projects it concerns. */
export const MEETING_VIEWS = {
	meetings: {
		key: 'meetings',
		spec: MEETINGS,
		title: 'title',
		fields: [
			f('date'),
			f('time'),
			f('place'),
			f('chair', 3),
			f('recorder', 3),
			f('guests', 6),
			f('summary', 6)
		]
	},
	decisions: { key: 'decisions', spec: DECISIONS, title: 'content', fields: [f('projects', 6)] }
} satisfies Record<string, ListView>;

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
			const prefix = OPTION_WORDS[`${view.key}.${name}`];
			const shown =
				name === view.status && status && isMessageKey(`${prefix}.${status}`) ? status : value;
			return kind === 'choice' && prefix && shown
				? words.t(`${prefix}.${shown}` as MessageKey)
				: '';
		})
		.filter(Boolean)
		.join(' · ');
}
