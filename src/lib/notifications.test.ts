// How a notification reads, in either language, from the values it was stored with.
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, notificationText } from './notifications.ts';
import { translator } from './i18n/dictionaries.ts';
import { zhCN } from './i18n/zh-CN.ts';
import { en } from './i18n/en.ts';
import { LOCALES } from './i18n/index.ts';

const read = (locale: 'zh-CN' | 'en', n: Parameters<typeof notificationText>[2]) =>
	notificationText(translator(locale), locale, n);

describe('notification text', () => {
	it('has words for every kind in both languages', () => {
		for (const kind of NOTIFICATION_KINDS) {
			expect(zhCN).toHaveProperty([`notification.${kind}`]);
			expect(en).toHaveProperty([`notification.${kind}`]);
		}
	});

	it('fills a commitment due in days, with its date in the reader’s format', () => {
		const due = {
			kind: 'commitment-due' as const,
			params: { unit: '市第一人民医院', title: '每月义诊', date: '2026-11-22', days: 7 }
		};
		expect(read('zh-CN', due)).toBe(
			'市第一人民医院的承诺“每月义诊”将于2026年11月22日到期，还有 7 天'
		);
		expect(read('en', due)).toBe(
			'市第一人民医院’s commitment “每月义诊” is due on Nov 22, 2026, in 7 days'
		);
		expect(read('en', { ...due, params: { ...due.params, days: 1 } })).toContain('in 1 day');
		// On the day itself it says today.
		expect(read('zh-CN', { ...due, params: { ...due.params, days: 0 } })).toBe(
			'市第一人民医院的承诺“每月义诊”今天（2026年11月22日）到期'
		);
	});

	it('names a board status in words, and a meeting’s missing time and place', () => {
		expect(
			read('zh-CN', { kind: 'plan-status', params: { board: '四季度计划', status: 'agreed' } })
		).toBe('计划板“四季度计划”的状态变为“已通过”');
		const meeting = {
			kind: 'meeting-tomorrow' as const,
			params: { meeting: '联席会议', date: '2026-11-16', time: '', place: '' }
		};
		expect(read('zh-CN', meeting)).toBe(
			'明天（2026年11月16日）召开“联席会议”：时间待定，地点：待定'
		);
		expect(read('en', meeting)).toBe(
			'“联席会议” meets tomorrow (Nov 16, 2026): time to be set, at a place to be set'
		);
		for (const locale of LOCALES)
			expect(
				read(locale, {
					kind: 'meeting-tomorrow',
					params: { ...meeting.params, time: '14:30', place: '社区党群服务中心' }
				})
			).toMatch(/14:30.*社区党群服务中心/);
	});
});
