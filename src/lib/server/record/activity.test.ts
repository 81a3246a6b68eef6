import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, itemText, setField } from '../../board/ydoc/list.ts';
import { COMMITMENTS, NEEDS, PLEDGES } from '../../board/model/lists/index.ts';
import { claim } from '../../board/ydoc/claims.ts';
import { ActivityReader, BURST_GAP_MS, storedActivity, summarise } from './activity.ts';
import { tempStore } from '../db/testing.ts';
import { createBoard, createCouncil } from '../council/councils.ts';
import { boardRoom } from '../sync/rooms.ts';
import type { LogRow } from '../sync/storage.ts';

/** Records each update of `doc` as a log row by `userId` at `at` (ms). */
function logOf(doc: Y.Doc) {
	const rows: { data: Uint8Array; userId: string | null; createdAt: Date }[] = [];
	let who: { userId: string; at: number } = { userId: '', at: 0 };
	doc.on('update', (data: Uint8Array) =>
		rows.push({ data, userId: who.userId, createdAt: new Date(who.at) })
	);
	return { rows, as: (userId: string, at: number) => (who = { userId, at }) };
}

describe('summarise', () => {
	it('names who added, changed and removed what, one entry per item per burst', () => {
		const doc = new Y.Doc();
		const log = logOf(doc);
		log.as('wang', 0);
		const lights = addItem(doc, NEEDS, { title: '楼道照明' });
		log.as('wang', 60_000); // the same person a minute later: the same change
		itemText(doc, NEEDS, lights, 'details')!.insert(0, '三号楼');
		log.as('li', 120_000);
		setField(doc, NEEDS, lights, 'status', 'active');
		addItem(doc, NEEDS, { title: '助浴' });
		log.as('wang', 30 * 60_000); // later again: a new change
		doc.getMap('needs').delete(lights);

		const { entries } = summarise('board:b1', null, log.rows);
		expect(entries.map((e) => [e.userId, e.action, e.list, e.title, e.fields])).toEqual([
			['wang', 'added', 'needs', '楼道照明', []],
			['li', 'added', 'needs', '助浴', []],
			['li', 'changed', 'needs', '楼道照明', [{ field: 'status', from: 'open', to: 'active' }]],
			['wang', 'removed', 'needs', '楼道照明', []]
		]);
		expect(entries[0]).toMatchObject({
			boardId: 'b1',
			room: 'board:b1',
			unitId: null,
			at: new Date(60_000)
		});
	});

	it('goes on from a given state, hands back the state after, and names pledges with their quantity; claims by what they claim', () => {
		const doc = new Y.Doc();
		addItem(doc, PLEDGES, { title: '会议室' });
		const state = Y.encodeStateAsUpdate(doc);
		const log = logOf(doc);
		log.as('sun', 5);
		addItem(doc, PLEDGES, { title: '义诊', quantity: 2, measure: '次' });
		claim(doc, { kind: 'need', id: 'n1' }, '孙倩');
		const { entries } = summarise('board:b1:unit:u1', state, log.rows);
		expect(entries.map((e) => [e.list, e.action, e.title, e.unitId])).toEqual([
			['pledges', 'added', '义诊 2 次', 'u1'],
			['claims', 'added', 'need:n1', 'u1']
		]);
		const after = new Y.Doc();
		Y.applyUpdate(after, summarise('board:b1:unit:u1', state, log.rows).state);
		expect(after.getMap('pledges').size).toBe(2);
	});

	it('makes one person’s continuous typing in an item one entry, even when someone else types in it at the same time', () => {
		const doc = new Y.Doc();
		const log = logOf(doc);
		log.as('wang', 0);
		const lights = addItem(doc, NEEDS, { title: '楼道照明' });
		const text = itemText(doc, NEEDS, lights, 'details')!;
		// Wang and Li take turns, a keystroke every ten seconds for five minutes and more.
		for (let i = 1; i <= 40; i++) {
			const who = i % 2 ? 'li' : 'wang';
			log.as(who, i * 10_000);
			if (who === 'li') setField(doc, NEEDS, lights, 'beneficiaries', i);
			else text.insert(text.length, '灯');
		}
		const { entries } = summarise('board:b1', null, log.rows);
		expect(entries.map((e) => [e.userId, e.action, e.fields])).toEqual([
			['wang', 'added', []],
			// From what it was before Li's first change to what it was after the last.
			['li', 'changed', [{ field: 'beneficiaries', from: '', to: '39' }]]
		]);
		// Each entry is as of its person's last keystroke.
		expect(entries.map((e) => e.at.getTime())).toEqual([400_000, 390_000]);

		// A pause longer than the gap starts a new entry.
		log.as('li', 390_000 + BURST_GAP_MS);
		setField(doc, NEEDS, lights, 'beneficiaries', 99);
		const after = summarise('board:b1', null, log.rows).entries;
		expect(after.map((e) => [e.userId, e.action])).toEqual([
			['wang', 'added'],
			['li', 'changed'],
			['li', 'changed']
		]);
	});

	it('keeps what a short field was and became, across a burst; a long text is named alone', () => {
		const doc = new Y.Doc();
		const log = logOf(doc);
		log.as('sun', 0);
		const visit = addItem(doc, COMMITMENTS, {
			content: '每月探访',
			due: '2026-12-01',
			status: 'not_started'
		});
		log.as('li', 60 * 60_000);
		setField(doc, COMMITMENTS, visit, 'status', 'in_progress');
		setField(doc, COMMITMENTS, visit, 'due', '2026-12-15');
		log.as('li', 61 * 60_000);
		setField(doc, COMMITMENTS, visit, 'status', 'done');
		itemText(doc, COMMITMENTS, visit, 'notes')!.insert(0, '已完成');
		log.as('li', 62 * 60_000);
		setField(doc, COMMITMENTS, visit, 'due', '');
		const changed = summarise('board:b1:unit:u1', null, log.rows).entries.filter(
			(e) => e.action === 'changed'
		);
		expect(changed.map((e) => e.userId)).toEqual(['li']);
		// (In whatever order the fields come.)
		expect(
			Object.fromEntries(changed[0]!.fields.map(({ field, ...values }) => [field, values]))
		).toEqual({
			status: { from: 'not_started', to: 'done' },
			due: { from: '2026-12-01', to: '' },
			doneOn: { from: '', to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
			notes: {}
		});
	});

	it('dates a commitment done by its row’s server time in the council’s day; not done again clears it', () => {
		const doc = new Y.Doc();
		const log = logOf(doc);
		log.as('sun', Date.parse('2026-11-30T17:00:00Z')); // 01:00 on 1 December in Shanghai
		const visit = addItem(doc, COMMITMENTS, {
			content: '每月探访',
			status: 'done',
			doneOn: '2026-01-01'
		});
		log.as('sun', Date.parse('2026-12-02T02:00:00Z'));
		setField(doc, COMMITMENTS, visit, 'status', 'in_progress');
		log.as('zhou', Date.parse('2026-12-03T02:00:00Z'));
		setField(doc, COMMITMENTS, visit, 'status', 'done');
		const { done } = summarise('board:b1:unit:u1', null, log.rows);
		expect(done.map((d) => [d.userId, d.day])).toEqual([
			['sun', '2026-12-01'],
			['sun', null],
			['zhou', '2026-12-03']
		]);
		expect(done[0]).toMatchObject({ boardId: 'b1', unitId: 'u1', itemId: visit });
		// The board document has no commitments to date.
		expect(summarise('board:b1', null, []).done).toEqual([]);
	});

	it('says nothing for rooms that are not a board’s, or for an empty log', () => {
		expect(
			summarise('bench:1', null, [
				{ data: new Uint8Array([0, 0]), userId: null, createdAt: new Date() }
			]).entries
		).toEqual([]);
		expect(summarise('board:b1', null, []).entries).toEqual([]);
	});
});

describe('the background reader', () => {
	it('reads the rest itself when the server stops, never beside a turn it had asked for', async () => {
		const t = await tempStore();
		try {
			const council = await createCouncil(t.db, { name: '联席会', community: '社区' });
			const board = await createBoard(t.db, { councilId: council.id, title: '计划', period: 'x' });
			const room = boardRoom(board.id);
			const doc = new Y.Doc();
			const rows: LogRow[] = [];
			doc.on('update', (data: Uint8Array) =>
				rows.push({ seq: rows.length + 1, data, userId: null, createdAt: new Date() })
			);
			for (let i = 0; i < 3; i++) addItem(doc, NEEDS, { title: `需求${i}` });
			// Each read of the log takes a while, as a store's does.
			const log = {
				logAfter: async (_room: string, seq: number, limit = 500) => {
					await new Promise((resolve) => setTimeout(resolve, 5));
					return rows.filter((r) => r.seq > seq).slice(0, limit);
				},
				trimLog: async () => {}
			};
			const errors: unknown[] = [];
			const reader = new ActivityReader(t.db, log, (_room, err) => errors.push(err));
			reader.add(room);
			await reader.drain();
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(errors).toEqual([]);
			expect(await storedActivity(t.db, board.id, new Date(0))).toHaveLength(3);
		} finally {
			await t.cleanup();
		}
	});
});
