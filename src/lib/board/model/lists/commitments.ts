// 承诺: what each unit promises to do by when, in its own sheet `board:<boardId>:unit:<unitId>`.
import { defineList } from '../descriptor.ts';

export const COMMITMENT_STATUSES = ['not_started', 'in_progress', 'done'] as const;

export const COMMITMENTS = defineList({
	name: 'commitments',
	fields: {
		content: { kind: 'text', required: true, max: 500, placeholder: true },
		responsible: { kind: 'text', max: 100 },
		due: { kind: 'date' },
		project: { kind: 'ref', to: 'project' },
		/** 逾期 is shown, never set: not done and due before today (isOverdue). */
		status: {
			kind: 'choice',
			options: COMMITMENT_STATUSES,
			words: 'commitmentStatus',
			shown: ['overdue']
		},
		/** 实际完成日期: written when the status becomes done (and cleared when it leaves it), so that
		 *  "kept on time" can be told later; a secretary may correct it. */
		doneOn: { kind: 'date', stamp: { field: 'status', value: 'done' } },
		notes: { kind: 'text', multiline: true },
		evidence: { kind: 'text', multiline: true, placeholder: true },
		carriedFrom: { kind: 'ref', to: 'board', unlabelled: true }
	},
	card: {
		title: 'content',
		status: 'status',
		fields: [
			['responsible', 2],
			['due', 1],
			['status', 2],
			['doneOn', 1],
			['project', 6],
			['notes', 3],
			['evidence', 3]
		]
	},
	export: {
		columns: [
			['content', 32],
			['responsible', 10],
			['due', 12],
			['project', 24],
			['status', 10],
			['doneOn', 12],
			['notes', 36],
			['evidence', 24]
		],
		paper: ['number', 'unit', 'content', 'responsible', 'due', 'project', 'status']
	},
	import: {
		fields: ['content', 'responsible', 'due', 'status', 'notes', 'evidence'],
		synonyms: {
			content: ['承诺内容', '内容', '事项', '承诺'],
			due: ['时限', '截止日期', '完成时间', '完成日期', 'due date', 'deadline'],
			status: ['状态', '进度', 'status'],
			notes: ['进展', '备注', 'notes']
		}
	}
});
