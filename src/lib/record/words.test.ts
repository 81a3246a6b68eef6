import { describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n/dictionaries.ts';
import { formatDate } from '$lib/i18n/index.ts';
import type { FeedItem } from '$lib/server/record/feed.ts';
import { changeWords, personNamed, said, type RecordWords } from './words.ts';

const zh = translator('zh-CN');
const en = translator('en');
const UNITS: Record<string, string> = { hosp: '市第一人民医院', school: '幸福里小学' };
const words = (t = zh, locale: 'zh-CN' | 'en' = 'zh-CN'): RecordWords => ({
	t,
	locale,
	date: (d) => formatDate(locale, d),
	unitName: (id) => UNITS[id] ?? '',
	titleOf: (key) => ({ 'project:p1': '敬老义诊', 'need:n1': '楼道照明' })[key]
});
const rep = { role: 'unit_rep' as const, unitId: 'hosp', unitName: '市第一人民医院' };
const secretary = { role: 'secretary' as const, unitId: null, unitName: null };
const named = (who: string, as: Parameters<typeof personNamed>[1], t = zh) => {
	const { name, place } = personNamed(who, as, t);
	return name + (place ? t('feed.placed', { place }) : '');
};

describe('who the record names', () => {
	it('names a person once, with the unit they represent', () => {
		expect(named('孙倩', rep)).toBe('孙倩（市第一人民医院）');
		// The unit written into the name is not said twice, nor a short form of it.
		expect(named('孙倩（市第一人民医院）', rep)).toBe('孙倩（市第一人民医院）');
		expect(named('孙倩(第一人民医院)', rep)).toBe('孙倩（市第一人民医院）');
		expect(named('Sun Qian (市第一人民医院)', rep, en)).toBe('Sun Qian (市第一人民医院)');
	});

	it('names a secretary by her role, whatever sheet she changed; her own words about herself come first', () => {
		expect(named('李敏', secretary)).toBe('李敏（书记/秘书）');
		expect(named('李敏（社区党委书记）', secretary)).toBe('李敏（社区党委书记，书记/秘书）');
		expect(named('王建国', { role: 'member', unitId: null, unitName: null })).toBe(
			'王建国（成员）'
		);
		expect(named('Li Min', secretary, en)).toBe('Li Min (Secretary)');
		// Someone no longer in the council: the name as it is.
		expect(named('赵强（已离任）', null)).toBe('赵强（已离任）');
	});
});

const change = (over: Partial<Extract<FeedItem, { kind: 'change' }>>): FeedItem => ({
	kind: 'change',
	at: new Date(0),
	userId: 'u',
	who: '李敏',
	as: secretary,
	unitId: null,
	list: 'needs',
	action: 'changed',
	itemId: 'n1',
	title: '楼道照明',
	sheet: null,
	fields: [],
	alsoAdded: [],
	...over
});

describe('what the record says was changed', () => {
	it('tells old → new for a status, a date, a unit and a project, and names a long field alone', () => {
		expect(changeWords('needs', { field: 'status', from: 'open', to: 'claimed' }, words())).toBe(
			'状态：待认领 → 已认领'
		);
		expect(
			changeWords('commitments', { field: 'due', from: '2026-12-01', to: '2026-12-31' }, words())
		).toBe('完成时限：2026年12月1日 → 2026年12月31日');
		expect(changeWords('commitments', { field: 'due', from: '', to: '2026-12-31' }, words())).toBe(
			'完成时限：无 → 2026年12月31日'
		);
		expect(changeWords('plan', { field: 'lead', from: 'hosp', to: 'school' }, words())).toBe(
			'牵头单位：市第一人民医院 → 幸福里小学'
		);
		expect(changeWords('commitments', { field: 'project', from: '', to: 'p1' }, words())).toBe(
			'关联项目：无 → 敬老义诊'
		);
		expect(changeWords('needs', { field: 'details' }, words())).toBe('详细说明');
		// Changed and changed back within one burst: the field alone.
		expect(changeWords('needs', { field: 'status', from: 'open', to: 'open' }, words())).toBe(
			'状态'
		);
		expect(
			changeWords('needs', { field: 'status', from: 'open', to: 'claimed' }, words(en, 'en'))
		).toBe('Status: Open → Claimed');
	});

	it('says them in the sentence; names alone run on', () => {
		const status = { field: 'status', from: 'open', to: 'claimed' };
		expect(said(change({ fields: [status, { field: 'details' }] }), words())).toBe(
			'修改需求：楼道照明（状态：待认领 → 已认领；详细说明）'
		);
		expect(said(change({ fields: [{ field: 'details' }, { field: 'raisedBy' }] }), words())).toBe(
			'修改需求：楼道照明（详细说明、提出人/单位）'
		);
	});

	it('says whose sheet it was when someone not of that unit changed it, and not otherwise', () => {
		const onSheet = {
			list: 'commitments' as const,
			title: '每月义诊',
			sheet: 'hosp',
			unitId: 'hosp',
			fields: [{ field: 'status', from: 'in_progress', to: 'done' }]
		};
		expect(said(change({ ...onSheet, as: secretary }), words())).toBe(
			'修改市第一人民医院的承诺：每月义诊（完成情况：进行中 → 已完成）'
		);
		expect(said(change({ ...onSheet, as: rep, who: '孙倩' }), words())).toBe(
			'修改承诺：每月义诊（完成情况：进行中 → 已完成）'
		);
	});
});
