import { describe, expect, it } from 'vitest';
import { formatMoment } from './format.ts';

describe('formatMoment', () => {
	const now = new Date('2026-12-02T06:00:00Z'); // 14:00 in Shanghai
	it('shows a moment of today as its time of day, in the council’s time zone', () => {
		expect(formatMoment('zh-CN', '2026-12-02T00:55:00Z', now)).toBe('08:55');
		expect(formatMoment('en', '2026-12-02T00:55:00Z', now)).toBe('8:55 AM');
	});

	it('adds the date to a moment of another day, by the council’s calendar', () => {
		// 16 days before, and 23:30 the evening before (15:30 UTC is still "today" in UTC).
		expect(formatMoment('zh-CN', '2026-11-16T01:00:00Z', now)).toBe('2026年11月16日 09:00');
		expect(formatMoment('zh-CN', '2026-12-01T15:30:00Z', now)).toBe('2026年12月1日 23:30');
		expect(formatMoment('en', '2026-11-16T01:00:00Z', now)).toBe('Nov 16, 2026, 9:00 AM');
	});
});
