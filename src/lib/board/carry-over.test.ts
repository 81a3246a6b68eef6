import { describe, expect, it } from 'vitest';
import { nextPeriod } from './carry-over.ts';

describe('nextPeriod', () => {
	it('names the period after this one as councils write periods', () => {
		expect(nextPeriod('2026年第三季度')).toBe('2026年第四季度');
		expect(nextPeriod('2026年第四季度')).toBe('2027年第一季度');
		expect(nextPeriod('2026年第4季度')).toBe('2027年第一季度');
		expect(nextPeriod('2026年上半年')).toBe('2026年下半年');
		expect(nextPeriod('2026年下半年')).toBe('2027年上半年');
		expect(nextPeriod('2026 Q4')).toBe('2027 Q1');
		expect(nextPeriod('2026年')).toBe('2027年');
		expect(nextPeriod('2026年度')).toBe('2027年度');
		expect(nextPeriod('春季')).toBe('');
	});
});
