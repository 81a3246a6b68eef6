// A board's content as plain JSON, for the read API and (later) exports.
import * as Y from 'yjs';
import { readPlan, type PlanItem } from './plan.ts';

export interface BoardContent {
	plan: Omit<PlanItem, 'order'>[];
}

export function boardContent(doc: Y.Doc): BoardContent {
	return { plan: readPlan(doc).map(({ order: _order, ...item }) => item) };
}
