import { describe, expect, it } from 'vitest';
import { AutoVersionClock, autoVersionsToDrop } from './auto-versions.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('AutoVersionClock', () => {
	it('makes a board due once idle after a change, and hourly while changes keep coming', () => {
		const clock = new AutoVersionClock({ idleMs: 10 * MIN, maxMs: 60 * MIN });
		clock.changed('board:b1', 0);
		clock.changed('board:b1:unit:u1', 5 * MIN);
		expect(clock.due(14 * MIN)).toEqual([]);
		expect(clock.due(15 * MIN)).toEqual(['b1']);
		expect(clock.due(16 * MIN)).toEqual([]); // clean again until the next change

		for (let t = 20 * MIN; t <= 80 * MIN; t += MIN) {
			clock.changed('board:b2', t);
			const due = clock.due(t);
			if (t === 80 * MIN) expect(due).toEqual(['b2']);
			else expect(due).toEqual([]);
		}
	});

	it('ignores rooms that are not a board’s', () => {
		const clock = new AutoVersionClock({ idleMs: 1, maxMs: 2 });
		clock.changed('bench:1', 0);
		expect(clock.due(10)).toEqual([]);
	});
});

describe('autoVersionsToDrop', () => {
	const at = (id: string, ms: number) => ({ id, createdAt: new Date(ms) });
	// A Wednesday at noon, China Standard Time.
	const now = Date.UTC(2026, 10, 18, 4, 0, 0);

	it('keeps the last day whole, one a day for a month, one a week before that', () => {
		const versions = [
			at('fresh1', now - 1 * 60 * MIN),
			at('fresh2', now - 23 * 60 * MIN),
			at('day2-late', now - DAY - 1 * 60 * MIN),
			at('day2-early', now - DAY - 2 * 60 * MIN),
			at('day5', now - 5 * DAY),
			at('old-mon', now - 37 * DAY + 1 * 60 * MIN), // same week as the next (Tue/Wed before)
			at('old-tue', now - 36 * DAY),
			at('older', now - 60 * DAY)
		];
		expect(autoVersionsToDrop(versions, now).sort()).toEqual(['day2-early', 'old-mon']);
	});
});
