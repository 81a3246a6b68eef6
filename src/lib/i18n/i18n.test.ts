import { describe, expect, it } from 'vitest';
import { formatDate, pickLocale, translator } from './index.ts';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';

describe('i18n', () => {
	it('defaults to Chinese and honours the switch', () => {
		expect(pickLocale(undefined)).toBe('zh-CN');
		expect(pickLocale('fr')).toBe('zh-CN');
		expect(pickLocale('en')).toBe('en');
	});

	it('translates every key into English, with parameters', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
		for (const value of Object.values(en)) expect(value.trim()).not.toBe('');
		expect(translator('zh-CN')('login.rateLimited', { minutes: 15 })).toBe(
			'登录尝试次数过多，请 15 分钟后再试'
		);
		expect(translator('en')('board.count', { count: 3 })).toBe('3 items');
		expect(translator('en')('board.count', { count: 1 })).toBe('1 item');
		expect(translator('en')('dashboard.daysLate', { days: 1 })).toBe('1 day overdue');
		expect(translator('zh-CN')('dashboard.daysLate', { days: 1 })).toBe('已逾期 1 天');
	});

	it('formats dates in the reader’s locale', () => {
		expect(formatDate('zh-CN', '2026-11-22')).toBe('2026年11月22日');
		expect(formatDate('en', '2026-11-22')).toBe('Nov 22, 2026');
		expect(formatDate('en', 'garbage')).toBe('garbage');
	});
});
