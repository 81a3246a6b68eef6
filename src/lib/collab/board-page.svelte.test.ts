// The board page's state over real documents: what the filters let through, adding and claiming in
// the right document, who reports in tracking, what links may point to, and undo by keyboard.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, setField } from '$lib/board/ydoc/list.ts';
import { claim } from '$lib/board/ydoc/claims.ts';
import { readBoard, readSheet } from '$lib/board/ydoc/lists.ts';
import { NEEDS, PLAN, PLEDGES } from '$lib/board/model/lists/index.ts';
import { translator } from '$lib/i18n/dictionaries.ts';
import { createBoardPage, type BoardDocuments, type BoardPageData } from './board-page.svelte.ts';
import { LOCAL, UndoHistory } from './undo.svelte.ts';

const t = translator('zh-CN');
const TODAY = '2026-12-03';

/** A board of two units, the hospital's sheet writable by this person (its representative). */
function setUp(
	who: { myUnitId?: string | null; reports?: { all: boolean; units: string[] } } = {}
) {
	const board = new Y.Doc();
	const sheets = new Map([
		['h', new Y.Doc()],
		['s', new Y.Doc()]
	]);
	const bath = addItem(board, NEEDS, { title: '独居老人助浴', category: 'elderly' });
	const clinic = addItem(board, NEEDS, { title: '义诊', category: 'health' });
	addItem(board, PLAN, { title: '健康进社区', lead: 's', category: 'health' });
	addItem(board, PLAN, { title: '敬老义诊', lead: 'x', partners: ['h'], category: 'elderly' });
	addItem(sheets.get('h')!, PLEDGES, { title: '医生 4 名' });
	addItem(sheets.get('s')!, PLEDGES, { title: '' });
	claim(sheets.get('s')!, { kind: 'need', id: bath }, '王老师');

	const undo = new UndoHistory([
		{ room: 'board', doc: board },
		{ room: 'h', doc: sheets.get('h')! }
	]);
	// The page reads the documents as the connection gives them: read again on each call.
	const connection: BoardDocuments = {
		get lists() {
			return readBoard(board);
		},
		get sheetContent() {
			return new Map([...sheets].map(([id, doc]) => [id, readSheet(doc)]));
		},
		board: { doc: board },
		sheetDoc: (unitId) => sheets.get(unitId),
		undo
	};
	const data: BoardPageData = {
		reports: who.reports ?? { all: false, units: [] },
		me: { name: '孙倩' },
		myUnitId: who.myUnitId === undefined ? 'h' : who.myUnitId,
		units: [
			{ id: 's', name: '幸福里小学', room: 'board:b:unit:s', canEdit: false },
			{ id: 'h', name: '市第一人民医院', room: 'board:b:unit:h', canEdit: true }
		]
	};
	// Made anew on each read, so the test sees the documents as they are now.
	const page = () =>
		createBoardPage(
			() => data,
			() => connection,
			t,
			TODAY
		);
	return { board, sheets, undo, page, bath, clinic };
}

const titles = (items: { title: string }[]) => items.map((i) => i.title);

describe('the board page', () => {
	it('filters needs by the units that claimed them, by category and by the state the board shows', () => {
		const { page } = setUp();
		const p = page();
		expect(titles(p.needs)).toEqual(['独居老人助浴', '义诊']);
		p.unitFilter = 's';
		expect(titles(p.needs)).toEqual(['独居老人助浴']);
		p.unitFilter = '';
		p.categoryFilter = 'health';
		expect(titles(p.needs)).toEqual(['义诊']);
		expect(p.filtered).toBe(true);
		p.categoryFilter = '';
		// The claimed need is stored open but shown claimed: the filter goes by what is shown.
		p.statusFilter = 'claimed';
		expect(titles(p.needs)).toEqual(['独居老人助浴']);
		p.statusFilter = 'open';
		expect(titles(p.needs)).toEqual(['义诊']);
	});

	it('filters projects by their lead or partners, and starts the status filter over on another tab', () => {
		const { page } = setUp();
		const p = page();
		p.unitFilter = 'h';
		expect(titles(p.plan)).toEqual(['敬老义诊']);
		p.unitFilter = 's';
		expect(titles(p.plan)).toEqual(['健康进社区']);

		p.tab = 'plan';
		expect(p.statusChoices).toEqual([
			{ value: 'preparing', key: 'status.preparing' },
			{ value: 'active', key: 'status.active' },
			{ value: 'done', key: 'status.done' },
			{ value: 'cancelled', key: 'status.cancelled' }
		]);
		p.statusFilter = 'done';
		p.tab = 'plan';
		expect(p.statusFilter).toBe('done');
		p.tab = 'needs';
		expect(p.statusFilter).toBe('');
		p.tab = 'matching';
		expect(p.statusChoices).toEqual([]);

		// Following a presenter clears what could hide the item shown, and keeps the tab's state.
		p.tab = 'plan';
		p.statusFilter = 'active';
		p.categoryFilter = 'health';
		p.clearFilters();
		expect([p.unitFilter, p.categoryFilter, p.statusFilter]).toEqual(['', '', 'active']);
	});

	it('shows the unit filtered on, else every unit with this person’s own first', () => {
		const { page } = setUp();
		const p = page();
		expect(p.shownUnits.map((u) => u.id)).toEqual(['h', 's']);
		p.unitFilter = 's';
		expect(p.shownUnits.map((u) => u.id)).toEqual(['s']);
	});

	it('adds an item to the board or to a unit’s sheet, and marks it as just added', () => {
		const { page, board, sheets } = setUp();
		const p = page();
		const need = p.add('needs');
		expect(need).toBeTruthy();
		expect(p.added).toBe(need);
		expect(readBoard(board).needs.map((n) => n.id)).toContain(need);
		const pledge = p.add('pledges', 'h');
		expect(readSheet(sheets.get('h')!).pledges.map((x) => x.id)).toContain(pledge);
		expect(p.add('pledges', 'nobody')).toBeNull();
	});

	it('claims for this person’s unit and lets go again; a unit they may not write claims nothing', () => {
		const { page, sheets, clinic } = setUp();
		const target = { kind: 'need', id: clinic } as const;
		page().toggleClaim(target);
		expect(readSheet(sheets.get('h')!).claims).toMatchObject([{ id: clinic, by: '孙倩' }]);
		expect(page().claimants(target)).toEqual(['h']);
		page().toggleClaim(target);
		expect(readSheet(sheets.get('h')!).claims).toEqual([]);

		const school = setUp({ myUnitId: 's' });
		school.page().toggleClaim({ kind: 'need', id: school.clinic });
		expect(readSheet(school.sheets.get('s')!).claims.map((c) => c.id)).not.toContain(school.clinic);
		const outsider = setUp({ myUnitId: null });
		outsider.page().toggleClaim({ kind: 'need', id: outsider.clinic });
		expect(readSheet(outsider.sheets.get('h')!).claims).toEqual([]);
	});

	it('offers the report form on what the server says this person reports on', () => {
		const rep = setUp({ reports: { all: false, units: ['h'] } }).page();
		expect([rep.canTrack('h'), rep.canTrack('s'), rep.canTrack('')]).toEqual([true, false, false]);
		// A secretary reports on everything: also a project with no lead, or a lead unit since deleted.
		const secretary = setUp({ reports: { all: true, units: ['s', 'h'] } }).page();
		expect(['h', 's', '', 'gone'].map(secretary.canTrack)).toEqual([true, true, true, true]);
		expect(setUp().page().canTrack('h')).toBe(false);
	});

	it('offers links to units, needs, projects and every unit’s pledges, by name', () => {
		const { page } = setUp();
		const { options } = page();
		expect(options.unit.map((o) => o.label)).toEqual(['幸福里小学', '市第一人民医院']);
		expect(options.pledge.map((o) => o.label)).toEqual([
			'幸福里小学：（未命名）',
			'市第一人民医院：医生 4 名'
		]);
		expect(options['need|project'].map((o) => o.value.split(':')[0])).toEqual([
			'need',
			'need',
			'project',
			'project'
		]);
	});

	it('undoes and redoes this person’s own change with Ctrl+Z and Ctrl+Shift+Z, and leaves other keys', () => {
		const { page, board, undo, clinic } = setUp();
		const p = page();
		undo.apart(board, () => setField(board, NEEDS, clinic, 'urgency', 'critical', LOCAL));
		const key = (key: string, extra: { shiftKey?: boolean; altKey?: boolean } = {}) => {
			let prevented = false;
			p.undoKeys({
				key,
				ctrlKey: true,
				metaKey: false,
				altKey: extra.altKey ?? false,
				shiftKey: extra.shiftKey ?? false,
				preventDefault: () => (prevented = true)
			});
			return prevented;
		};
		const urgency = () => readBoard(board).needs.find((n) => n.id === clinic)?.urgency;
		expect(urgency()).toBe('critical');
		expect(key('a')).toBe(false);
		expect(key('z', { altKey: true })).toBe(false);
		expect(urgency()).toBe('critical');
		expect(key('z')).toBe(true);
		expect(urgency()).not.toBe('critical');
		expect(key('Z', { shiftKey: true })).toBe(true);
		expect(urgency()).toBe('critical');
	});
});
