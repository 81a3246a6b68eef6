import { describe, expect, it } from 'vitest';
import { checkInTiming, checkInWindow, councilInstant, startOf } from './check-in-window.ts';

describe('a meeting’s start, as people write it', () => {
	it('reads the first time of day written, with its part of the day', () => {
		expect(startOf('14:30')).toEqual({ hour: 14, minute: 30 });
		expect(startOf('14：30')).toEqual({ hour: 14, minute: 30 });
		expect(startOf('下午2:30–4:00')).toEqual({ hour: 14, minute: 30 });
		expect(startOf('上午9点')).toEqual({ hour: 9, minute: 0 });
		expect(startOf('下午3点半')).toEqual({ hour: 15, minute: 30 });
		expect(startOf('中午12点')).toEqual({ hour: 12, minute: 0 });
		expect(startOf('9:00-11:00')).toEqual({ hour: 9, minute: 0 });
		expect(startOf('2:30 PM')).toEqual({ hour: 14, minute: 30 });
		expect(startOf('12:15 am')).toEqual({ hour: 0, minute: 15 });
	});

	it('reads nothing where there is no time of day', () => {
		for (const time of ['', '下午', '待定', '25:00', '9:75'])
			expect(startOf(time), time).toBeNull();
	});
});

describe('the check-in window', () => {
	it('is in the council’s time zone (Shanghai, UTC+8)', () => {
		expect(councilInstant('2026-12-02', 9, 0).toISOString()).toBe('2026-12-02T01:00:00.000Z');
		expect(councilInstant('2026-12-02', 24, 0).toISOString()).toBe('2026-12-02T16:00:00.000Z');
		expect(councilInstant('2026-12-31', 24, 0).toISOString()).toBe('2026-12-31T16:00:00.000Z');
	});

	it('opens two hours before the start and closes at the end of the meeting’s day', () => {
		expect(checkInWindow({ date: '2026-12-02', time: '下午2:30–4:00' })).toEqual({
			opens: new Date('2026-12-02T04:30:00Z'), // 12:30 in Shanghai
			closes: new Date('2026-12-02T16:00:00Z') // midnight
		});
	});

	it('opens at the start of the day when no start is written, or the start is early in the morning', () => {
		const dayStart = new Date('2026-12-01T16:00:00Z');
		expect(checkInWindow({ date: '2026-12-02', time: '' })?.opens).toEqual(dayStart);
		expect(checkInWindow({ date: '2026-12-02', time: '全天' })?.opens).toEqual(dayStart);
		expect(checkInWindow({ date: '2026-12-02', time: '1:00' })?.opens).toEqual(dayStart);
	});

	it('does not exist for a meeting without a date', () => {
		expect(checkInWindow({ date: '', time: '14:30' })).toBeNull();
		expect(checkInTiming({ date: '', time: '14:30' }, new Date())).toBe('undated');
	});

	it('tells early, open and over apart, at their edges', () => {
		const meeting = { date: '2026-12-02', time: '14:30' };
		expect(checkInTiming(meeting, new Date('2026-11-16T04:30:00Z'))).toBe('early'); // 16 days before
		expect(checkInTiming(meeting, new Date('2026-12-02T04:29:59Z'))).toBe('early');
		expect(checkInTiming(meeting, new Date('2026-12-02T04:30:00Z'))).toBe('open');
		expect(checkInTiming(meeting, new Date('2026-12-02T15:59:59Z'))).toBe('open');
		expect(checkInTiming(meeting, new Date('2026-12-02T16:00:00Z'))).toBe('closed');
	});
});
