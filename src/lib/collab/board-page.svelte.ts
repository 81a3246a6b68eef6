// The board page's state, apart from its markup: the tab and filters, what each list shows through
// them, what links may point to, and the page's own acts (add an item, claim, undo by keyboard).
// It reads the live documents through `connection` and the server's answer through `data`, both
// as getters, so that a connection rebuilt for new rights is followed without a new page. A
// function of closures rather than a class: its derived values read the arguments it is given.
import type * as Y from 'yjs';
import { addItem } from '$lib/board/ydoc/list.ts';
import { claim, unclaim } from '$lib/board/ydoc/claims.ts';
import { claimKey, type ClaimTarget } from '$lib/board/model/claims.ts';
import { choicesOf } from '$lib/board/model/descriptor.ts';
import { todayIn } from '$lib/board/model/fields.ts';
import type { BoardLists, Sheet } from '$lib/board/model/lists/index.ts';
import { match, pledgeRef } from '$lib/board/reports/matching.ts';
import type { Translate } from '$lib/i18n/index.ts';
import type { Option } from '$lib/components/board/board-context.ts';
import { VIEWS, type ListKey } from '$lib/components/board/views.ts';
import { LOCAL } from './undo.svelte.ts';

export type BoardTab = ListKey | 'matching' | 'meetings';

/** What of the server's answer the page's state reads. */
export interface BoardPageData {
	/** What this person reports on, by policy's answer from the server: everything, or the items of
	 *  these units (their commitments and the projects they lead). */
	reports: { all: boolean; units: string[] };
	me: { name: string };
	myUnitId: string | null;
	units: { id: string; name: string; room: string; canEdit: boolean }[];
}

/** What of the live connection it reads and writes. */
export interface BoardDocuments {
	readonly lists: BoardLists;
	readonly sheetContent: ReadonlyMap<string, Sheet>;
	readonly board: { readonly doc: Y.Doc };
	sheetDoc(unitId: string): Y.Doc | undefined;
	readonly undo: { undo(): void; redo(): void };
}

const NO_LISTS: BoardLists = { needs: [], plan: [] };
const NO_SHEET: Sheet = { pledges: [], commitments: [], claims: [] };

export function createBoardPage(
	data: () => BoardPageData,
	connection: () => BoardDocuments | null,
	t: Translate,
	today = todayIn()
) {
	let tab = $state<BoardTab>('needs');
	let unitFilter = $state('');
	let categoryFilter = $state('');
	let statusFilter = $state('');
	let added = $state<string | null>(null);
	let imported = $state<{ count: number; list: ListKey } | null>(null);

	const myUnit = $derived(data().units.find((u) => u.id === data().myUnitId) ?? null);
	const sheets = $derived(
		data().units.map((u) => ({
			unitId: u.id,
			sheet: connection()?.sheetContent.get(u.id) ?? NO_SHEET
		}))
	);
	const matching = $derived(match(connection()?.lists ?? NO_LISTS, sheets, today));
	const needStates = $derived(new Map(matching.needs.map((m) => [m.need.id, m.state])));
	const claimantsByKey = $derived.by(() => {
		const by = new Map<string, string[]>();
		for (const { unitId, sheet } of sheets)
			for (const c of sheet.claims) by.set(claimKey(c), [...(by.get(claimKey(c)) ?? []), unitId]);
		return by;
	});
	const claimants = (target: ClaimTarget) => claimantsByKey.get(claimKey(target)) ?? [];

	/** The states the status filter offers on this tab, with the words that name them. */
	const statusChoices = $derived(
		tab === 'matching' || tab === 'meetings' ? [] : choicesOf(VIEWS[tab].spec, VIEWS[tab].status)
	);

	const needs = $derived(
		(connection()?.lists.needs ?? []).filter(
			(n) =>
				(!categoryFilter || n.category === categoryFilter) &&
				(!statusFilter || needStates.get(n.id) === statusFilter) &&
				(!unitFilter || claimants({ kind: 'need', id: n.id }).includes(unitFilter))
		)
	);
	const plan = $derived(
		(connection()?.lists.plan ?? []).filter(
			(p) =>
				(!categoryFilter || p.category === categoryFilter) &&
				(!statusFilter || p.status === statusFilter) &&
				(!unitFilter || p.lead === unitFilter || p.partners.includes(unitFilter))
		)
	);
	const shownUnits = $derived(
		data()
			.units.filter((u) => !unitFilter || u.id === unitFilter)
			.toSorted((a, b) => Number(b.id === data().myUnitId) - Number(a.id === data().myUnitId))
	);

	const options = $derived.by(() => {
		const { units } = data();
		const lists = connection()?.lists ?? NO_LISTS;
		const named = (item: { id: string; title: string }): Option => ({
			value: item.id,
			label: item.title || t('board.untitled')
		});
		const needOptions = lists.needs.map(named);
		const projectOptions = lists.plan.map(named);
		const pledges = units.flatMap((unit) =>
			(connection()?.sheetContent.get(unit.id)?.pledges ?? []).map((p) => ({
				value: pledgeRef(unit.id, p.id),
				label: `${unit.name}${t('list.colon')}${p.title || t('board.untitled')}`
			}))
		);
		return {
			unit: units.map((u) => ({ value: u.id, label: u.name })),
			need: needOptions,
			project: projectOptions,
			pledge: pledges,
			'need|project': [
				...needOptions.map((o) => ({
					value: `need:${o.value}`,
					label: `${t('board.needs')} · ${o.label}`
				})),
				...projectOptions.map((o) => ({
					value: `project:${o.value}`,
					label: `${t('board.plan')} · ${o.label}`
				}))
			]
		} satisfies Record<string, Option[]>;
	});

	return {
		today,
		get tab(): BoardTab {
			return tab;
		},
		/** Another tab: its lists have other states, so the status filter starts over. */
		set tab(next: BoardTab) {
			if (next !== tab) statusFilter = '';
			tab = next;
		},
		get unitFilter() {
			return unitFilter;
		},
		set unitFilter(value: string) {
			unitFilter = value;
		},
		get categoryFilter() {
			return categoryFilter;
		},
		set categoryFilter(value: string) {
			categoryFilter = value;
		},
		get statusFilter() {
			return statusFilter;
		},
		set statusFilter(value: string) {
			statusFilter = value;
		},
		/** Whether a filter leaves items out. */
		get filtered(): boolean {
			return !!(unitFilter || categoryFilter || statusFilter);
		},
		/** Showing every item again, as following a presenter does (the item shown must be there). */
		clearFilters(): void {
			unitFilter = categoryFilter = '';
		},
		/** The item this person has just added: its card opens unfolded, ready to fill in. */
		get added() {
			return added;
		},
		set added(id: string | null) {
			added = id;
		},
		/** What the last import added, said until the next one. */
		get imported() {
			return imported;
		},
		set imported(value: { count: number; list: ListKey } | null) {
			imported = value;
		},

		unitName: (id: string): string => data().units.find((u) => u.id === id)?.name ?? '',
		/** The unit this person represents, if any. */
		get myUnit() {
			return myUnit;
		},
		get matching() {
			return matching;
		},
		/** A need's state as the board shows it (an open need some unit claimed shows as claimed). */
		needState: (id: string): string | undefined => needStates.get(id),
		/** The units that claimed a need or project. */
		claimants,
		/** The states the status filter offers on this tab, with the words that name them. */
		get statusChoices() {
			return statusChoices;
		},
		/** The needs the filters let through, in the board's order. */
		get needs() {
			return needs;
		},
		/** The projects the filters let through: led by the unit filtered on, or with it as a partner. */
		get plan() {
			return plan;
		},
		/** The units whose sheets show: the one filtered on, else all, this person's own first. */
		get shownUnits() {
			return shownUnits;
		},
		/** What links can point to, from the live documents. */
		get options() {
			return options;
		},

		/** Whether this page offers the report form on a unit's commitments and the projects it
		 *  leads (the server checks it again on the report). */
		canTrack: (unitId: string): boolean => {
			const { reports } = data();
			return reports.all || reports.units.includes(unitId);
		},

		/** A new, empty item at the end of a list (of a unit's sheet, for pledges and commitments); its id. */
		add(list: ListKey, unitId?: string): string | null {
			const live = connection();
			const doc = unitId ? live?.sheetDoc(unitId) : live?.board.doc;
			if (!doc) return null;
			const id = addItem(doc, VIEWS[list].spec, {}, undefined, LOCAL);
			added = id;
			return id;
		},

		/** This person's unit claims `target`, or lets go of its claim. */
		toggleClaim(target: ClaimTarget): void {
			const unit = myUnit;
			const doc = unit?.canEdit ? connection()?.sheetDoc(unit.id) : undefined;
			if (!doc || !unit) return;
			if (claimants(target).includes(unit.id)) unclaim(doc, target, LOCAL);
			else claim(doc, target, data().me.name, LOCAL);
		},

		/** Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) undo and redo this person's own changes, in
		 *  text fields too: the browser's own undo would not know about the shared document. */
		undoKeys(
			event: Pick<
				KeyboardEvent,
				'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'preventDefault'
			>
		): void {
			const live = connection();
			if (!live || !(event.ctrlKey || event.metaKey) || event.altKey) return;
			const key = event.key.toLowerCase();
			if (key === 'z' && !event.shiftKey) live.undo.undo();
			else if ((key === 'z' && event.shiftKey) || key === 'y') live.undo.redo();
			else return;
			event.preventDefault();
		}
	};
}

export type BoardPage = ReturnType<typeof createBoardPage>;
