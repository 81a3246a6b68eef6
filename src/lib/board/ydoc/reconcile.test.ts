import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, deleteItem, itemText, setField, toggleRef } from './list.ts';
import { readBoard, readSheet } from './lists.ts';
import { NEEDS, PLAN, PLEDGES } from '../model/lists/index.ts';
import { claim, unclaim } from './claims.ts';
import { reconcileDoc, reconcileText } from './reconcile.ts';
import { copyOf } from './testing.ts';

describe('reconcileDoc', () => {
	it('brings a board back to an earlier state as forward changes', () => {
		const live = new Y.Doc();
		const kept = addItem(live, NEEDS, { title: '楼道照明', details: '三号楼' });
		const removed = addItem(live, NEEDS, { title: '将被删除' });
		const project = addItem(live, PLAN, { title: '夜间巡逻', needs: [kept] });
		const snapshot = copyOf(live);
		const before = readBoard(live);

		deleteItem(live, NEEDS, removed);
		addItem(live, NEEDS, { title: '之后新增' });
		itemText(live, NEEDS, kept, 'details')!.insert(3, '和五号楼');
		setField(live, NEEDS, kept, 'status', 'done');
		toggleRef(live, PLAN, project, 'needs', kept, false);
		toggleRef(live, PLAN, project, 'partners', 'u1', true);

		const stateBefore = Y.encodeStateVector(live);
		reconcileDoc(live, snapshot);
		expect(readBoard(live)).toEqual(before);
		// It is a forward change: history grows, nothing is rewritten.
		expect(Y.encodeStateAsUpdate(live, stateBefore).length).toBeGreaterThan(2);
	});

	it('restores sheets: pledges and claims', () => {
		const live = new Y.Doc();
		addItem(live, PLEDGES, { title: '会议室', quantity: 1 });
		claim(live, { kind: 'need', id: 'n1' }, '王');
		const snapshot = copyOf(live);
		const before = readSheet(live);
		unclaim(live, { kind: 'need', id: 'n1' });
		claim(live, { kind: 'project', id: 'p1' }, '李');
		reconcileDoc(live, snapshot);
		expect(readSheet(live)).toEqual(before);
	});

	it('merges with someone typing at the same time, outside the restored span', () => {
		const server = new Y.Doc();
		const id = addItem(server, NEEDS, { title: '独居老人助浴' });
		const snapshot = copyOf(server);
		itemText(server, NEEDS, id, 'title')!.insert(6, '服务');
		const client = copyOf(server);

		reconcileDoc(server, snapshot); // removes 服务
		itemText(client, NEEDS, id, 'title')!.insert(0, '【急】'); // typed meanwhile
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
		expect(itemText(server, NEEDS, id, 'title')!.toString()).toBe('【急】独居老人助浴');
		expect(itemText(client, NEEDS, id, 'title')!.toString()).toBe('【急】独居老人助浴');
	});
});

describe('reconcileText', () => {
	it('edits only the span that differs', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		text.insert(0, 'abcdef');
		const events: unknown[] = [];
		text.observe((e) => events.push(e.delta));
		reconcileText(text, 'abXYef');
		expect(text.toString()).toBe('abXYef');
		expect(events).toHaveLength(1);
		expect(events[0]).toHaveLength(3);
		expect(events[0]).toEqual(
			expect.arrayContaining([{ retain: 2 }, { insert: 'XY' }, { delete: 2 }])
		);
		reconcileText(text, '');
		expect(text.toString()).toBe('');
	});
});
