import { describe, expect, it } from 'vitest';
import { latestCopies, nextPeriod } from './carry-over.ts';

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

describe('latestCopies', () => {
	const item = (id: string, carriedFrom = '', note = '') => ({ id, carriedFrom, note });
	// What 下一期 recorded: Q3's b came from Q2, Q4's a and b from Q3.
	const recorded = new Map([
		['q3:b', 'q2'],
		['q4:a', 'q3'],
		['q4:b', 'q3']
	]);
	const from = (boardId: string, itemId: string) => recorded.get(`${boardId}:${itemId}`);
	it('keeps each item where the latest board has it, along a chain of periods; an id merely shared stands for itself', () => {
		const kept = latestCopies(
			[
				{ boardId: 'q2', items: [item('a', '', 'q2'), item('b', '', 'q2')] },
				// Q3 was imported from a file: its `a` has Q2's id but was not carried from Q2.
				{ boardId: 'q3', items: [item('a', '', 'q3'), item('b', 'q2', 'q3')] },
				{ boardId: 'q4', items: [item('a', 'q3', 'q4'), item('b', 'q3', 'q4')] }
			],
			from
		);
		expect(kept.map((k) => `${k.boardId}:${k.item.id}:${k.item.note}`).sort()).toEqual([
			'q2:a:q2',
			'q4:a:q4',
			'q4:b:q4'
		]);
	});

	it('takes provenance from the server’s record only: a copy that names a board in `carriedFrom` stands for itself', () => {
		const kept = latestCopies(
			[
				{ boardId: 'q2', items: [item('a', '', 'q2')] },
				// Written on Q3 by hand, claiming to be Q2's a.
				{ boardId: 'q3', items: [item('a', 'q2', 'forged')] }
			],
			from
		);
		expect(kept.map((k) => `${k.boardId}:${k.item.note}`).sort()).toEqual(['q2:q2', 'q3:forged']);
	});
});
