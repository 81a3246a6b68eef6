import { describe, expect, it } from 'vitest';
import {
	formatDate,
	pickLocale,
	type MessageKey,
	type MessageParams,
	type Placeholders
} from './index.ts';
import { translator } from './dictionaries.ts';
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

	it('fills the same placeholders in English as in Chinese, for every key', () => {
		// A plural form ({days|day|days}) names its number again: the set of names is what must agree.
		const names = (text: string) =>
			[...new Set([...text.matchAll(/\{(\w+)(?:\|[^}]*)?\}/g)].map((m) => m[1]))].sort().join();
		const keys = Object.keys(zhCN) as MessageKey[];
		expect(keys.filter((key) => names(en[key]) !== names(zhCN[key]))).toEqual([]);
	});

	it('types each key’s params from its Chinese text', () => {
		const what: MessageParams<'已认领 {what}'> = { what: '助浴' };
		const days: Placeholders<'已逾期 {days} 天，{days|day|days}'> = 'days';
		expect([what.what, days]).toEqual(['助浴', 'days']);
		const t = translator('zh-CN');
		// Each line fails to compile (svelte-check runs over tests), so the directive holds; were the
		// line to compile, the unused directive would fail the check instead.
		// @ts-expect-error: login.rateLimited needs {minutes}
		expect(t('login.rateLimited')).toContain('{minutes}');
		// @ts-expect-error: a placeholder the message has not
		expect(t('login.rateLimited', { minute: 15 })).toContain('{minutes}');
		// @ts-expect-error: a message without placeholders takes no params
		expect(t('nav.boards', { count: 1 })).toBe('我的计划板');
	});
});
