// What each chart of the dashboard stacks, with the words and colours of each part. A state has one
// colour everywhere (app.css, --color-chart-*): done / kept / settled / attended green, in progress
// blue, not started / claimed / excused / late amber, overdue / absent dark red, open grey.
import type { MessageKey } from '../i18n/index.ts';

export interface SeriesSpec<K extends string = string> {
	key: K;
	/** The word in the legend, the tooltip and the table header. */
	word: MessageKey;
	color: string;
}

const colour = (name: string) => `var(--color-chart-${name})`;

export const NEED_SERIES = [
	{ key: 'open', word: 'needStatus.open', color: colour('open') },
	{ key: 'claimed', word: 'needStatus.claimed', color: colour('waiting') },
	{ key: 'settled', word: 'dashboard.settled', color: colour('done') }
] as const satisfies readonly SeriesSpec[];

export const COMMITMENT_SERIES = [
	{ key: 'done', word: 'commitmentStatus.done', color: colour('done') },
	{ key: 'in_progress', word: 'commitmentStatus.in_progress', color: colour('progress') },
	{ key: 'not_started', word: 'commitmentStatus.not_started', color: colour('waiting') },
	{ key: 'overdue', word: 'commitmentStatus.overdue', color: colour('overdue') }
] as const satisfies readonly SeriesSpec[];

/** The kinds of pledge in their order (as the figures list them: the page takes them from there,
 *  so that the browser need not load the lists' model and Yjs with it). */
export function pledgeSeries(kinds: readonly string[]): SeriesSpec[] {
	return kinds.map((kind, i) => ({ key: kind, word: `pledgeKind.${kind}` as MessageKey, color: colour(`kind-${i + 1}`) }));
}

/** 出席 counts 列席 too (both attended); the table tells them apart. */
export const ATTENDANCE_SERIES = [
	{ key: 'attended', word: 'dashboard.attended', color: colour('done') },
	{ key: 'leave', word: 'attendance.leave', color: colour('waiting') },
	{ key: 'absent', word: 'attendance.absent', color: colour('overdue') }
] as const satisfies readonly SeriesSpec[];

/** A unit's commitments over the year: kept on time, done late, not done past the due date, not yet due. */
export const SCORE_COMMITMENT_SERIES = [
	{ key: 'onTime', word: 'scorecard.col.onTime', color: colour('done') },
	{ key: 'late', word: 'scorecard.col.late', color: colour('waiting') },
	{ key: 'overdue', word: 'commitmentStatus.overdue', color: colour('overdue') },
	{ key: 'notDue', word: 'scorecard.notDue', color: colour('progress') }
] as const satisfies readonly SeriesSpec[];

/** A period's commitments: done, not done but not yet due, overdue. */
export const PERIOD_COMMITMENT_SERIES = [
	{ key: 'done', word: 'commitmentStatus.done', color: colour('done') },
	{ key: 'pending', word: 'dashboard.pending', color: colour('progress') },
	{ key: 'overdue', word: 'commitmentStatus.overdue', color: colour('overdue') }
] as const satisfies readonly SeriesSpec[];

export const RATE_SERIES = [{ key: 'rate', word: 'scorecard.col.attendanceRate', color: colour('done') }] as const satisfies readonly SeriesSpec[];

/** A share as a whole percentage, or a dash when there is nothing to divide by. */
export function percent(rate: number | null): string {
	return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}
