import { describe, expect, it } from 'vitest';
import { exportAsOf } from './as-of.ts';

const now = new Date('2026-12-03T11:00:00Z');

describe('exportAsOf', () => {
	it('counts a version against its own day, in the councils’ time zone, whatever the board does now', () => {
		// Saved at 01:30 on 29 June in China, still 28 June in UTC.
		const version = { createdAt: new Date('2026-06-28T17:30:00Z') };
		for (const status of ['draft', 'agreed', 'tracking', 'archived'] as const) {
			expect(exportAsOf(version, status, now)).toEqual({ day: '2026-06-29', basis: 'version' });
		}
	});

	it('counts the live board against today, and a board in tracking as today’s follow-up', () => {
		expect(exportAsOf(null, 'draft', now)).toEqual({ day: '2026-12-03', basis: 'live' });
		expect(exportAsOf(null, 'agreed', now)).toEqual({ day: '2026-12-03', basis: 'live' });
		expect(exportAsOf(null, 'tracking', now)).toEqual({ day: '2026-12-03', basis: 'tracking' });
	});
});
