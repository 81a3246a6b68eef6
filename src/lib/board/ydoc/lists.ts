// Reading the board document's lists and a unit's sheet (the lists are described in
// ../model/lists/), and watching them change.
import type * as Y from 'yjs';
import type { ListSpec } from '../model/fields.ts';
import {
	COMMITMENTS,
	NEEDS,
	PLAN,
	PLEDGES,
	type BoardLists,
	type Sheet
} from '../model/lists/index.ts';
import { readClaims } from './claims.ts';
import { listMap, readItems } from './list.ts';

export function readSheet(sheet: Y.Doc): Sheet {
	return {
		pledges: readItems(sheet, PLEDGES),
		commitments: readItems(sheet, COMMITMENTS),
		claims: readClaims(sheet)
	};
}

export function readBoard(doc: Y.Doc): BoardLists {
	return { needs: readItems(doc, NEEDS), plan: readItems(doc, PLAN) };
}

/** Calls `fn` on any change to the given lists (and extra maps) of a document; returns the unsubscribe. */
export function observeLists(
	doc: Y.Doc,
	lists: readonly ListSpec[],
	extra: string[],
	fn: () => void
): () => void {
	const maps = [
		...lists.map((spec) => listMap(doc, spec)),
		...extra.map((name) => doc.getMap(name))
	];
	for (const map of maps) map.observeDeep(fn);
	return () => maps.forEach((map) => map.unobserveDeep(fn));
}
