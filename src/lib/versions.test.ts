import { describe, expect, it } from 'vitest';
import { versionName } from './versions.ts';
import { translator } from './i18n/dictionaries.ts';

const zh = translator('zh-CN');
const en = translator('en');

describe('versionName', () => {
	it('names the versions the system made from their kind and day, in the reader’s language', () => {
		// Agreed at 01:30 on 29 June in China (still 28 June in UTC), stored under its Chinese label.
		const agreed = {
			label: '审议通过 2026/6/29',
			kind: 'agreed',
			createdAt: new Date('2026-06-28T17:30:00Z')
		};
		expect(versionName(agreed, zh, 'zh-CN')).toBe('审议通过 2026年6月29日');
		expect(versionName(agreed, en, 'en')).toBe('Agreed Jun 29, 2026');
		expect(versionName({ label: 'auto', kind: 'auto' }, en, 'en')).toBe('Saved automatically');
		expect(versionName({ label: '恢复「会前草案」之前', kind: 'before_restore' }, en, 'en')).toBe(
			'Before a restore'
		);
		expect(versionName({ label: '审议通过 2026/6/29', kind: 'agreed' }, en, 'en')).toBe(
			'The agreed version'
		);
	});

	it('keeps the name a person typed, as typed', () => {
		expect(
			versionName({ label: '会前草案', kind: 'manual', createdAt: new Date() }, en, 'en')
		).toBe('会前草案');
	});
});
