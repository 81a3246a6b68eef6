// What a list's fields are, with no Yjs: the kinds of field (FieldSpec), an item's shape typed from
// its list (Item<S>), and the checks that read plain values (problems, dates, numbers). The lists
// themselves are described in lists/; the Yjs engine that stores them is ../ydoc/list.ts.
import { COUNCIL_TIME_ZONE } from '../../format.ts';

export type FieldSpec =
	| { kind: 'text'; required?: boolean; max?: number; multiline?: boolean }
	| { kind: 'choice'; options: readonly string[] }
	/** `stamp`: the day is written when the choice field `stamp.field` becomes `stamp.value`, and
	 *  cleared when it leaves it (a commitment's 实际完成日期 follows its status). */
	| { kind: 'date'; notBefore?: string; stamp?: { field: string; value: string } }
	| { kind: 'number'; min?: number; max?: number }
	/** One id (of a unit, need or project), or '' for none. */
	| { kind: 'ref'; to: RefTarget }
	/** A set of ids. */
	| { kind: 'refs'; to: RefTarget };

/** What a link points to. A pledge is named `<unitId>/<pledgeId>` because it lives in a unit's sheet;
 *  `need|project` links hold `need:<id>` or `project:<id>`. */
export type RefTarget =
	'unit' | 'need' | 'project' | 'pledge' | 'need|project' | 'meeting' | 'board';

export interface ListSpec {
	/** The name of the Y.Map in its document. */
	name: string;
	fields: Record<string, FieldSpec>;
}

type ValueOf<F extends FieldSpec> = F extends { kind: 'text' | 'date' | 'ref' }
	? string
	: F extends { kind: 'choice'; options: readonly (infer O)[] }
		? O
		: F extends { kind: 'number' }
			? number | null
			: F extends { kind: 'refs' }
				? string[]
				: never;

export type Item<S extends ListSpec> = { id: string; order: string } & {
	[K in keyof S['fields']]: ValueOf<S['fields'][K]>;
};
/** An item as plain content carries it (the read API, exports, versions): in list order, without
 *  its fractional key. Rules and reports take this shape, so live items and plain ones both fit. */
export type Plain<T> = Omit<T, 'order'>;
export type ItemInput<S extends ListSpec> = Partial<Omit<Item<S>, 'id' | 'order'>>;

/** The fields of a spec that are edited as Y.Text; any name for a spec not known until run time
 *  (a card's, whose list is a prop), where the engine checks the field's kind itself. */
export type TextField<S extends ListSpec> = string extends keyof S['fields']
	? string
	: {
			[K in keyof S['fields']]: S['fields'][K] extends { kind: 'text' } ? K : never;
		}[keyof S['fields']] &
			string;

export type Problem =
	'required' | 'tooLong' | 'notANumber' | 'tooSmall' | 'tooLarge' | 'notADate' | 'endBeforeStart';

export const TITLE_MAX = 200;

/** How long a text field may be: its own `max`, else 5,000 characters for notes, 200 for a line. */
export function textLimit(field: Extract<FieldSpec, { kind: 'text' }>): number {
	return field.max ?? (field.multiline ? 5000 : TITLE_MAX);
}

/** What a problem's message fills in for this field: the limit a text went over ("最多 200 字"). */
export function problemParams(field: FieldSpec | undefined): Record<string, number> {
	return field?.kind === 'text' ? { max: textLimit(field) } : {};
}
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
	if (!DATE.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Today as YYYY-MM-DD in the council's time zone: every date on a board is such a calendar day. */
export function todayIn(timeZone = COUNCIL_TIME_ZONE, now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}

/** Field problems a person can act on, keyed by field. A date field with `notBefore` names the
 *  field it must not precede (an end date and its start). */
export function itemProblems(
	spec: ListSpec,
	values: Readonly<Record<string, unknown>>
): Partial<Record<string, Problem>> {
	const problems: Partial<Record<string, Problem>> = {};
	for (const [name, field] of Object.entries(spec.fields)) {
		const value = values[name];
		if (field.kind === 'text') {
			const text = value as string;
			if (field.required && text.trim() === '') problems[name] = 'required';
			else if (text.length > textLimit(field)) problems[name] = 'tooLong';
		} else if (field.kind === 'number' && typeof value === 'number') {
			if (field.min !== undefined && value < field.min) problems[name] = 'tooSmall';
			else if (field.max !== undefined && value > field.max) problems[name] = 'tooLarge';
		} else if (field.kind === 'date' && field.notBefore) {
			const start = values[field.notBefore] as string;
			if (start && value && (value as string) < start) problems[name] = 'endBeforeStart';
		}
	}
	return problems;
}

/** Reads what a person typed into a number field: '' is no value, anything else must be a number. */
export function parseNumber(text: string): { ok: true; value: number | null } | { ok: false } {
	const trimmed = text.trim();
	if (trimmed === '') return { ok: true, value: null };
	const value = Number(trimmed);
	return Number.isFinite(value) ? { ok: true, value } : { ok: false };
}
