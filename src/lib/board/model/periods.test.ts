import { describe, expect, it } from 'vitest';
import { boardYear, inPeriodOrder, periodMonth, periodName } from './periods.ts';

const board = (
	id: string,
	period: string,
	made: string,
	previousBoardId: string | null = null
) => ({ id, period, createdAt: new Date(made), previousBoardId });

describe('periods', () => {
	it('names a period in English where it is one a council writes, else as typed', () => {
		expect(periodName('2026年第三季度', 'en')).toBe('2026 Q3');
		expect(periodName('2026年下半年', 'en')).toBe('2026 H2');
		expect(periodName('2026年10月', 'en')).toBe('Oct 2026');
		expect(periodName('2026年第三季度', 'zh-CN')).toBe('2026年第三季度');
		expect(periodName('暑期', 'en')).toBe('暑期');
	});

	it('reads the part of the year a period names', () => {
		expect(periodMonth('2026年第三季度')).toBe(9);
		expect(periodMonth('2026年第4季度')).toBe(12);
		expect(periodMonth('2026 Q1')).toBe(3);
		expect(periodMonth('2026年上半年')).toBe(6);
		expect(periodMonth('2026年下半年')).toBe(12);
		expect(periodMonth('2026年10月')).toBe(10);
		expect(periodMonth('2026年度')).toBe(13);
	});

	it('orders boards by their periods, not by when they were made, and each after the board it was made from', () => {
		const boards = [
			board('q4', '2026年第四季度', '2026-10-01'),
			board('q3', '2026年第三季度', '2026-10-02'),
			board('y25', '2025年度', '2026-10-03'),
			board('q1', '2027年第一季度', '2026-12-30')
		];
		expect(inPeriodOrder(boards).map((b) => b.id)).toEqual(['y25', 'q3', 'q4', 'q1']);
		// Made from the Q4 board, so after it whatever its period says; a loop of links changes nothing.
		const carried = [...boards, board('next', '2026年第二季度', '2027-01-02', 'q4')];
		expect(inPeriodOrder(carried).map((b) => b.id)).toEqual(['y25', 'q3', 'q4', 'next', 'q1']);
		const loop = [
			board('a', '2026年第一季度', '2026-01-01', 'b'),
			board('b', '2026年第二季度', '2026-04-01', 'a')
		];
		expect(
			inPeriodOrder(loop)
				.map((b) => b.id)
				.sort()
		).toEqual(['a', 'b']);
	});
});

describe('the year of a board', () => {
	it('places a board in the year its period names', () => {
		expect(boardYear({ period: '2026年第四季度', createdAt: new Date('2027-01-02') })).toBe(2026);
		expect(boardYear({ period: '春季', createdAt: new Date('2027-03-02') })).toBe(2027);
	});
});
