// How a list is described: once, in lists/<list>.ts. A descriptor holds the list's fields (their
// kinds and rules, FieldSpec), the words that name each field and each option, the card's layout,
// the columns exports write and the headers import knows. Everything else (the card, the tables, the
// import dialog, the record's words) reads the descriptor. Its words are message keys made of its
// names: `f.<list>.<field>` labels a field, `ph.<list>.<field>` is its example, `<words>.<option>`
// names an option; `defineList` has the compiler check each one is in the dictionary, so adding a
// field is one edit here plus its words in zh-CN.ts and en.ts, which the compiler then demands.
import type { MessageKey, PlainKey } from '../../i18n/index.ts';
import type { FieldSpec, ListSpec } from './fields.ts';

/** What a field says besides what it holds. */
interface FieldWords {
	/** A field the board keeps but never names (上期结转's board id, an agenda item's meeting): it has
	 *  no `f.` words. */
	unlabelled?: true;
	/** The field's empty input shows an example, `ph.<list>.<field>`. */
	placeholder?: true;
}
type ChoiceWords = {
	/** The word list naming the options: option `o` reads `<words>.<o>` (none for a choice the board
	 *  shows otherwise: an agenda item's tick). */
	words?: string;
	/** States the board shows but a person never sets (逾期, counted from the due date). */
	shown?: readonly string[];
};
export type FieldDef = FieldWords &
	(Exclude<FieldSpec, { kind: 'choice' }> | (Extract<FieldSpec, { kind: 'choice' }> & ChoiceWords));

/** Columns out of 6 on wide screens. */
export type Span = 1 | 2 | 3 | 6;

export interface ListDescriptor extends ListSpec {
	fields: Record<string, FieldDef>;
	/** The card: the field shown as its heading, the one whose value colours its edge, and the
	 *  fields below, in order and width. */
	card?: { title: string; status?: string; fields: readonly (readonly [string, Span])[] };
	/** Spreadsheets and paper: the fields a table shows, in order, with their width in characters,
	 *  and the columns that go on paper (which may name the table's own: number, unit, claimedBy). */
	export?: { columns: readonly (readonly [string, number])[]; paper: readonly string[] };
	/** Import: the fields a spreadsheet can fill (links are made on the board), and the headers
	 *  councils write for them besides the board's own labels (matched in both languages). */
	import?: { fields: readonly string[]; synonyms: Readonly<Record<string, readonly string[]>> };
}

/** The columns a table has besides its list's fields (tables.ts). */
export type TableColumn = 'number' | 'unit' | 'claimedBy';

/** A list shown as cards, one with tables of its own, one a spreadsheet can be imported into. */
export type CardList = ListDescriptor & Required<Pick<ListDescriptor, 'card'>>;
export type ExportedList = ListDescriptor & Required<Pick<ListDescriptor, 'export'>>;
export type ImportedList = ListDescriptor & Required<Pick<ListDescriptor, 'import'>>;

export type FieldName<D extends ListSpec> = keyof D['fields'] & string;

/** `unknown` when every key is in the dictionary; else a property the descriptor lacks, whose name
 *  the compiler's message shows (`missingWords: "f.needs.foo"`). */
type Has<K extends string> = [Exclude<K, MessageKey>] extends [never]
	? unknown
	: { missingWords: Exclude<K, MessageKey> };

type CheckedField<L extends string, K extends string, F> = (F extends { unlabelled: true }
	? unknown
	: Has<`f.${L}.${K}`>) &
	(F extends { placeholder: true } ? Has<`ph.${L}.${K}`> : unknown) &
	(F extends { words: infer W extends string; options: readonly (infer O extends string)[] }
		? Has<`${W}.${O}`> &
				(F extends { shown: readonly (infer S extends string)[] } ? Has<`${W}.${S}`> : unknown)
		: unknown);

/** What the compiler checks of a descriptor: each word in the dictionary, and every field that the
 *  card, the tables and import name one of the list's. */
type Checked<D extends ListDescriptor> = {
	fields: { [K in FieldName<D>]: CheckedField<D['name'], K, D['fields'][K]> };
	card?: {
		title: FieldName<D>;
		status?: FieldName<D>;
		fields: readonly (readonly [FieldName<D>, Span])[];
	};
	export?: {
		columns: readonly (readonly [FieldName<D>, number])[];
		paper: readonly (FieldName<D> | TableColumn)[];
	};
	import?: {
		fields: readonly FieldName<D>[];
		synonyms: Partial<Record<FieldName<D>, readonly string[]>>;
	};
};

/** A list's descriptor, checked (see Checked) and kept with its literal types, so `Item<typeof X>`
 *  knows each field's values. */
export function defineList<const D extends ListDescriptor>(descriptor: D & Checked<D>): D {
	return descriptor;
}

// The keys below are joined from a descriptor's names at run time; `defineList` has checked that
// every such key is in the dictionary, which the type system cannot carry through a join, so the
// one cast that says so is here. They are words without placeholders (descriptor.test.ts).
const joined = (...parts: string[]) => parts.join('.') as PlainKey;

/** The words naming a field: `f.<list>.<field>`. */
export function labelKey(list: ListDescriptor, field: string): PlainKey {
	return joined('f', list.name, field);
}

/** The example shown in a field's empty input, if it has one. */
export function placeholderKey(list: ListDescriptor, field: string): PlainKey | undefined {
	return list.fields[field]?.placeholder ? joined('ph', list.name, field) : undefined;
}

/** The words naming a choice's value (an option, or a state the board shows such as 逾期); undefined
 *  for a field that is no choice or a value it never takes. */
export function optionKey(
	list: ListDescriptor,
	field: string,
	value: unknown
): PlainKey | undefined {
	const def = list.fields[field];
	if (def?.kind !== 'choice' || !def.words || typeof value !== 'string') return undefined;
	if (!def.options.includes(value) && !def.shown?.includes(value)) return undefined;
	return joined(def.words, value);
}

/** A choice field's options with the words naming each (none for a field that is no choice). */
export function choicesOf(
	list: ListDescriptor,
	field: string | undefined
): { value: string; key: PlainKey | undefined }[] {
	const def = field ? list.fields[field] : undefined;
	if (def?.kind !== 'choice') return [];
	return def.options.map((value) => ({ value, key: optionKey(list, field!, value) }));
}
