import { describe, expect, it } from 'vitest';
import {
	projectorViewFor,
	readShowing,
	sameShowing,
	tabForView,
	viewForTab,
	BOARD_TABS
} from './follow.ts';

describe('follow mode', () => {
	it('maps the projector’s views to the board’s tabs and back', () => {
		expect(tabForView('agenda')).toBe('meetings');
		expect(tabForView('plan')).toBe('plan');
		expect(tabForView('matching')).toBe('matching');
		for (const tab of BOARD_TABS) expect(tabForView(viewForTab(tab))).toBe(tab);
		expect(projectorViewFor('plan')).toBe('plan');
		expect(projectorViewFor('needs')).toBeNull();
	});

	it('reads only a well-formed showing from another client', () => {
		expect(readShowing({ view: 'plan', item: 'abc123', meeting: 'm1' })).toEqual({
			view: 'plan',
			item: 'abc123',
			meeting: 'm1'
		});
		expect(readShowing({ view: 'agenda' })).toEqual({ view: 'agenda', item: null, meeting: null });
		expect(readShowing({ view: 'plan', item: '"]<script>', meeting: 7 })).toEqual({
			view: 'plan',
			item: null,
			meeting: null
		});
		for (const value of [null, undefined, 'plan', 3, [], { view: 'admin' }, { view: 'meetings' }])
			expect(readShowing(value)).toBeNull();
	});

	it('compares what is shown', () => {
		expect(
			sameShowing(
				{ view: 'plan', item: 'a', meeting: null },
				{ view: 'plan', item: 'a', meeting: null }
			)
		).toBe(true);
		expect(
			sameShowing(
				{ view: 'plan', item: 'a', meeting: null },
				{ view: 'plan', item: 'b', meeting: null }
			)
		).toBe(false);
		expect(sameShowing(null, null)).toBe(true);
		expect(sameShowing(null, { view: 'plan', item: null, meeting: null })).toBe(false);
	});
});
