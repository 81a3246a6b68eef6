// The board's lists. Needs (需求清单) and the activity plan (项目清单) live in the board document
// `board:<boardId>`; each unit's pledges (资源清单), claims (认领) and commitments (承诺) live in its
// own sheet `board:<boardId>:unit:<unitId>`, so that the server can give each unit the right to
// write its own sheet and nothing else; the meetings, agenda and decisions in the meetings document.
// Each list is described once, in its own file here (see ../descriptor.ts).
import type { Claim } from '../claims.ts';
import type { ListDescriptor } from '../descriptor.ts';
import type { Item } from '../fields.ts';
import { COMMITMENTS } from './commitments.ts';
import { AGENDA, DECISIONS, MEETINGS } from './meetings.ts';
import { NEEDS } from './needs.ts';
import { PLAN } from './plan.ts';
import { PLEDGES } from './pledges.ts';

export * from './needs.ts';
export * from './plan.ts';
export * from './pledges.ts';
export * from './commitments.ts';
export * from './meetings.ts';

export type Need = Item<typeof NEEDS>;
export type PlanItem = Item<typeof PLAN>;
export type Pledge = Item<typeof PLEDGES>;
export type Commitment = Item<typeof COMMITMENTS>;

/** The lists of the board document, and of a unit's sheet. */
export const BOARD_LISTS = [NEEDS, PLAN] as const;
export const SHEET_LISTS = [PLEDGES, COMMITMENTS] as const;

/** The plan's lists, by name: the board's tabs, exports, the record and versions name them so. */
export const PLAN_LISTS = { needs: NEEDS, plan: PLAN, pledges: PLEDGES, commitments: COMMITMENTS };
export type ListKey = keyof typeof PLAN_LISTS;

/** Every list, by name, for what names a list by a string (the record's entries). */
export const LISTS = { ...PLAN_LISTS, meetings: MEETINGS, agenda: AGENDA, decisions: DECISIONS };
export type AnyListKey = keyof typeof LISTS;

function isAnyListKey(name: string): name is AnyListKey {
	return Object.hasOwn(LISTS, name);
}

export function isListKey(name: string): name is ListKey {
	return Object.hasOwn(PLAN_LISTS, name);
}

/** What a unit's sheet holds. */
export interface Sheet {
	pledges: Pledge[];
	commitments: Commitment[];
	claims: Claim[];
}

/** What the board document holds. */
export interface BoardLists {
	needs: Need[];
	plan: PlanItem[];
}

/** The plan's list of this name (a record entry, a version, an unsaved change names its list so). */
export function planList(name: string): ListDescriptor | undefined {
	return isListKey(name) ? PLAN_LISTS[name] : undefined;
}

/** Any list of this name (the plan's, or the meetings'), for words read by a list's name. */
export function listNamed(name: string): ListDescriptor | undefined {
	return isAnyListKey(name) ? LISTS[name] : undefined;
}
