import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ALL_STATE_SERIES, STATE_COLOURS, pledgeSeries } from './series.ts';
import { PLEDGE_KINDS } from '../board/model/lists/index.ts';

describe('chart colours', () => {
	it('mean one state in every chart, and each state has one colour', () => {
		const statesOf = new Map<string, Set<string>>();
		for (const series of Object.values(ALL_STATE_SERIES)) {
			for (const part of series) {
				expect(part.color).toBe(STATE_COLOURS[part.state]);
				statesOf.set(part.color, (statesOf.get(part.color) ?? new Set()).add(part.state));
			}
		}
		for (const [colour, states] of statesOf) expect([...states], colour).toHaveLength(1);
		// Not-yet-due (未到期) is not in progress (进行中): they used to share blue.
		expect(STATE_COLOURS.not_due).not.toBe(STATE_COLOURS.in_progress);
	});

	it('are distinct values in app.css: no two states, and no kind of pledge, drawn alike', () => {
		const css = readFileSync(new URL('../../app.css', import.meta.url), 'utf8');
		const value = (variable: string) =>
			new RegExp(`${variable.replace(/[()]/g, '')}:\\s*(#[0-9a-f]{6})`, 'i')
				.exec(css)?.[1]
				?.toLowerCase();
		const used = [
			...Object.values(STATE_COLOURS),
			...pledgeSeries(PLEDGE_KINDS).map((s) => s.color)
		].map((v) => value(v.slice(4, -1)));
		for (const hex of used) expect(hex).toMatch(/^#[0-9a-f]{6}$/);
		expect(new Set(used).size).toBe(used.length);
	});
});
