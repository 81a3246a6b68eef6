// 资源清单: what each unit offers (a venue, funds, volunteers…), in its own sheet
// `board:<boardId>:unit:<unitId>`, which only that unit writes.
import { defineList } from '../descriptor.ts';
import { TITLE_MAX } from '../fields.ts';

export const PLEDGE_KINDS = [
	'venue',
	'funds',
	'volunteers',
	'equipment',
	'service',
	'other'
] as const;
export const PLEDGE_STATES = ['offered', 'confirmed', 'delivered'] as const;

export const PLEDGES = defineList({
	name: 'pledges',
	fields: {
		title: { kind: 'text', required: true, max: TITLE_MAX, placeholder: true },
		kind: { kind: 'choice', options: PLEDGE_KINDS, words: 'pledgeKind' },
		quantity: { kind: 'number', min: 0, max: 1_000_000_000 },
		measure: { kind: 'text', max: 20, placeholder: true },
		availability: { kind: 'text', max: 200 },
		contact: { kind: 'text', max: 100 },
		link: { kind: 'ref', to: 'need|project' },
		state: { kind: 'choice', options: PLEDGE_STATES, words: 'pledgeState' }
	},
	card: {
		title: 'title',
		status: 'state',
		fields: [
			['kind', 2],
			['quantity', 1],
			['measure', 1],
			['state', 2],
			['availability', 3],
			['contact', 3],
			['link', 6]
		]
	},
	export: {
		columns: [
			['title', 24],
			['kind', 10],
			['quantity', 8],
			['measure', 6],
			['availability', 18],
			['contact', 12],
			['link', 24],
			['state', 8]
		],
		paper: [
			'number',
			'unit',
			'title',
			'kind',
			'quantity',
			'measure',
			'availability',
			'contact',
			'state'
		]
	},
	import: {
		fields: ['title', 'kind', 'quantity', 'measure', 'availability', 'contact', 'state'],
		synonyms: {
			title: ['资源名称', '资源内容', '资源项目', '名称', '内容', 'title', 'name'],
			kind: ['资源类型', '资源类别', '类别'],
			quantity: ['数目', '规模', 'amount', 'count'],
			measure: ['计量单位', 'unit of measure'],
			availability: ['时间', '提供时间', '服务时间', '可用时间'],
			contact: ['联系方式', '联系电话', '联系人及电话', 'phone']
		}
	}
});
