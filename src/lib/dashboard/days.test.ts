import { describe, expect, it } from 'vitest';
import { daysBetween } from './days.ts';

describe('daysBetween', () => {
	it('counts calendar days, across months and a leap day', () => {
		expect(daysBetween('2026-11-30', '2026-12-02')).toBe(2);
		expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
		expect(daysBetween('2026-12-02', '2026-12-02')).toBe(0);
	});
});
