// What a spreadsheet's columns can become in a list: the lists that take an import and the targets
// of their columns. No words: the board page has these at hand before import.ts (which reads
// headers in both languages) is loaded.
import { COMMITMENTS, NEEDS, PLEDGES } from '../model/lists/index.ts';

/** A cell as the server hands it over: text, a number, or a date already written YYYY-MM-DD. */
export type Cell = string | number;

/** The lists a spreadsheet can be imported into; each descriptor says the fields a spreadsheet can
 *  fill and the headers councils write for them (`import`). */
export const IMPORTS = { needs: NEEDS, pledges: PLEDGES, commitments: COMMITMENTS };
export type ImportList = keyof typeof IMPORTS;

/** Where a column goes: a field, `unit` (rows of other units are left out), or '' (not imported). */
export type Target = string;
export const UNIT_TARGET = 'unit';

/** The targets a column of this list may take. */
export function targetsOf(list: ImportList): Target[] {
	return [...IMPORTS[list].import.fields, ...(list === 'needs' ? [] : [UNIT_TARGET])];
}

/** The column letters a spreadsheet shows: 0 → A, 26 → AA. */
export function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
		name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}
