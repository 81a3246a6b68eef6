// 需求清单: what residents, grids and units ask for, in the board document `board:<boardId>`.
import { defineList } from '../descriptor.ts';
import { TITLE_MAX } from '../fields.ts';

export const NEED_CATEGORIES = [
	'elderly',
	'health',
	'education',
	'environment',
	'employment',
	'culture',
	'legal',
	'safety',
	'other'
] as const;
export const NEED_SOURCES = ['resident', 'grid', 'unit'] as const;
export const NEED_URGENCIES = ['normal', 'urgent', 'critical'] as const;
export const NEED_STATUSES = ['open', 'claimed', 'active', 'done', 'closed'] as const;

export const NEEDS = defineList({
	name: 'needs',
	fields: {
		title: { kind: 'text', required: true, max: TITLE_MAX, placeholder: true },
		details: { kind: 'text', multiline: true },
		category: { kind: 'choice', options: NEED_CATEGORIES, words: 'category' },
		source: { kind: 'choice', options: NEED_SOURCES, words: 'source' },
		raisedBy: { kind: 'text', max: 100 },
		beneficiaries: { kind: 'number', min: 0, max: 1_000_000 },
		urgency: { kind: 'choice', options: NEED_URGENCIES, words: 'urgency' },
		status: { kind: 'choice', options: NEED_STATUSES, words: 'needStatus' },
		/** 上期结转: the board this need was carried over from (with the same item id), or ''. */
		carriedFrom: { kind: 'ref', to: 'board', unlabelled: true }
	},
	card: {
		title: 'title',
		status: 'status',
		fields: [
			['category', 2],
			['urgency', 2],
			['status', 2],
			['source', 2],
			['raisedBy', 2],
			['beneficiaries', 2],
			['details', 6]
		]
	},
	export: {
		columns: [
			['title', 30],
			['category', 10],
			['source', 8],
			['raisedBy', 16],
			['beneficiaries', 10],
			['urgency', 8],
			['status', 8],
			['details', 40]
		],
		paper: [
			'number',
			'title',
			'category',
			'raisedBy',
			'beneficiaries',
			'urgency',
			'status',
			'claimedBy'
		]
	},
	import: {
		fields: [
			'title',
			'details',
			'category',
			'source',
			'raisedBy',
			'beneficiaries',
			'urgency',
			'status'
		],
		synonyms: {
			title: ['需求名称', '需求内容', '需求事项', '名称', '事项', 'title', 'name'],
			details: ['说明', '描述', '具体内容', '需求描述', '备注', 'description', 'notes'],
			category: ['分类', '需求类别', '需求类型', '类型'],
			source: ['来源', '需求来源'],
			raisedBy: ['提出人', '提出单位', '反映人'],
			beneficiaries: ['人数', '服务对象人数', '受益对象人数'],
			urgency: ['紧急', '缓急程度', '优先级', 'priority']
		}
	}
});
