// What each chart of the dashboard stacks, with the words and colours of each part. A colour means one
// state in every chart, and a state has one colour: STATE_COLOURS is the only place a colour is given
// to a state, and every series names its state, not a colour. "Done" is the state of what was to be
// done and was: a commitment done (on time, where lateness is told apart), a need settled, a meeting
// attended. Kinds of pledge are categories and have colours of their own (app.css, --color-chart-*).
import type { MessageKey, WordsOf } from '../i18n/index.ts';

const colour = (name: string) => `var(--color-chart-${name})`;

/** Every state a chart shows, and its colour. */
export const STATE_COLOURS = {
	done: colour('done'),
	late: colour('late'),
	in_progress: colour('in-progress'),
	not_due: colour('not-due'),
	not_started: colour('not-started'),
	claimed: colour('claimed'),
	open: colour('open'),
	leave: colour('leave'),
	absent: colour('absent'),
	overdue: colour('overdue')
} as const;
export type ChartState = keyof typeof STATE_COLOURS;

export interface SeriesSpec<K extends string = string> {
	key: K;
	/** The word in the legend, the tooltip and the table header. */
	word: MessageKey;
	color: string;
}

/** A series showing `state`, in its colour. */
const part = <K extends string>(key: K, word: MessageKey, state: ChartState) => ({
	key,
	word,
	state,
	color: STATE_COLOURS[state]
});

export const NEED_SERIES = [
	part('open', 'needStatus.open', 'open'),
	part('claimed', 'needStatus.claimed', 'claimed'),
	part('settled', 'dashboard.settled', 'done')
];

export const COMMITMENT_SERIES = [
	part('done', 'commitmentStatus.done', 'done'),
	part('in_progress', 'commitmentStatus.in_progress', 'in_progress'),
	part('not_started', 'commitmentStatus.not_started', 'not_started'),
	part('overdue', 'commitmentStatus.overdue', 'overdue')
];

/** The kinds of pledge in their order (PLEDGE_KINDS, from the pledges' descriptor, which has no
 *  Yjs), each in its own colour. */
export function pledgeSeries(kinds: readonly WordsOf<'pledgeKind'>[]): SeriesSpec[] {
	return kinds.map((kind) => ({
		key: kind,
		word: `pledgeKind.${kind}`,
		color: colour(`kind-${kind}`)
	}));
}

/** 出席 counts 列席 too (both attended); the table tells them apart. */
export const ATTENDANCE_SERIES = [
	part('attended', 'dashboard.attended', 'done'),
	part('leave', 'attendance.leave', 'leave'),
	part('absent', 'attendance.absent', 'absent')
];

/** A unit's commitments over the year: kept on time, done late, not done past the due date, not yet due. */
export const SCORE_COMMITMENT_SERIES = [
	part('onTime', 'scorecard.col.onTime', 'done'),
	part('late', 'scorecard.col.late', 'late'),
	part('overdue', 'commitmentStatus.overdue', 'overdue'),
	part('notDue', 'scorecard.notDue', 'not_due')
];

/** A period's commitments: done, not done but not yet due, overdue. */
export const PERIOD_COMMITMENT_SERIES = [
	part('done', 'commitmentStatus.done', 'done'),
	part('pending', 'dashboard.pending', 'not_due'),
	part('overdue', 'commitmentStatus.overdue', 'overdue')
];

/** The share of meetings attended: the colour of attending. */
export const RATE_SERIES = [part('rate', 'dashboard.col.attendanceRate', 'done')];

/** Every chart's series, for the test that a colour means one state in all of them. */
export const ALL_STATE_SERIES = {
	NEED_SERIES,
	COMMITMENT_SERIES,
	ATTENDANCE_SERIES,
	SCORE_COMMITMENT_SERIES,
	PERIOD_COMMITMENT_SERIES,
	RATE_SERIES
};

/** A share as a whole percentage, or a dash when there is nothing to divide by. */
export function percent(rate: number | null): string {
	return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}
