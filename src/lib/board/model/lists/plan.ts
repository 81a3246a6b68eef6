// 项目清单: the activity plan, in the board document `board:<boardId>`; each project led by a unit,
// answering needs and using pledges.
import { defineList } from '../descriptor.ts';
import { TITLE_MAX } from '../fields.ts';
import { NEED_CATEGORIES } from './needs.ts';

export const PLAN_STATUSES = ['preparing', 'active', 'done', 'cancelled'] as const;

export const PLAN = defineList({
	name: 'plan',
	fields: {
		title: { kind: 'text', required: true, max: TITLE_MAX, placeholder: true },
		description: { kind: 'text', multiline: true },
		category: { kind: 'choice', options: NEED_CATEGORIES, words: 'category' },
		needs: { kind: 'refs', to: 'need' },
		lead: { kind: 'ref', to: 'unit' },
		partners: { kind: 'refs', to: 'unit' },
		start: { kind: 'date' },
		end: { kind: 'date', notBefore: 'start' },
		place: { kind: 'text', max: 100 },
		beneficiaries: { kind: 'number', min: 0, max: 1_000_000 },
		pledges: { kind: 'refs', to: 'pledge' },
		/** 逾期 is shown, never set: a project past its end date and not done (isProjectOverdue). */
		status: { kind: 'choice', options: PLAN_STATUSES, words: 'status', shown: ['overdue'] },
		/** Follow-up: what has been done, as the lead unit reports it. */
		progress: { kind: 'text', multiline: true },
		/** 佐证: where the proof is (photos, sign-in sheets, ledger numbers). */
		evidence: { kind: 'text', multiline: true, placeholder: true },
		carriedFrom: { kind: 'ref', to: 'board', unlabelled: true }
	},
	card: {
		title: 'title',
		status: 'status',
		fields: [
			['lead', 2],
			['category', 2],
			['status', 2],
			['start', 2],
			['end', 2],
			['beneficiaries', 2],
			['place', 3],
			['partners', 3],
			['needs', 3],
			['pledges', 3],
			['description', 6],
			['progress', 3],
			['evidence', 3]
		]
	},
	export: {
		columns: [
			['title', 28],
			['category', 10],
			['lead', 18],
			['partners', 24],
			['start', 12],
			['end', 12],
			['place', 18],
			['pledges', 28],
			['beneficiaries', 10],
			['needs', 24],
			['status', 8],
			['progress', 30],
			['evidence', 24],
			['description', 36]
		],
		paper: ['number', 'title', 'lead', 'partners', 'start', 'end', 'place', 'pledges', 'status']
	}
});
