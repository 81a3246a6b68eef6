import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, deleteItem, itemText, moveItem, setField } from '../ydoc/list.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../model/lists/index.ts';
import { claim } from '../ydoc/claims.ts';
import { boardContent } from '../ydoc/content.ts';
import { diffContent } from './diff.ts';
import { copyOf } from '../ydoc/testing.ts';

const unit = { id: 'h', name: '市第一人民医院' };

describe('diffContent', () => {
	it('lists exactly the items added, removed and changed, per list and unit', () => {
		const board = new Y.Doc();
		const sheet = new Y.Doc();
		const a = addItem(board, NEEDS, { title: '助浴' });
		const b = addItem(board, NEEDS, { title: '照明' });
		const gone = addItem(board, PLAN, { title: '巡逻' });
		const p = addItem(sheet, PLEDGES, { title: '义诊', quantity: 2 });
		addItem(sheet, COMMITMENTS, { content: '每月义诊' });
		const before = boardContent(board, [{ unit, doc: sheet }]);

		itemText(board, NEEDS, a, 'details')!.insert(0, '每周一次');
		setField(board, NEEDS, a, 'status', 'active');
		moveItem(board, NEEDS, b, -1); // a move alone is not a change
		deleteItem(board, PLAN, gone);
		const added = addItem(board, PLAN, { title: '健康讲座' });
		setField(sheet, PLEDGES, p, 'quantity', 4);
		claim(sheet, { kind: 'need', id: a }, '王');
		const after = boardContent(copyOf(board), [{ unit, doc: copyOf(sheet) }]);

		const diff = diffContent(before, after);
		expect(diff.map((d) => [d.list, d.unit?.name ?? null])).toEqual([
			['needs', null],
			['plan', null],
			['pledges', '市第一人民医院'],
			['claims', '市第一人民医院']
		]);
		const [needs, plan, pledges, claims] = diff;
		expect(needs!.changed.map((c) => [c.after.id, c.fields])).toEqual([[a, ['details', 'status']]]);
		expect(needs!.added).toEqual([]);
		expect(plan!.removed.map((i) => i.title)).toEqual(['巡逻']);
		expect(plan!.added.map((i) => i.id)).toEqual([added]);
		expect(pledges!.changed.map((c) => [c.before.quantity, c.after.quantity, c.fields])).toEqual([
			[2, 4, ['quantity']]
		]);
		expect(claims!.added.map((c) => c.id)).toEqual([`need:${a}`]);
	});

	it('is empty between equal states, and reports a unit that appears as additions', () => {
		const board = new Y.Doc();
		addItem(board, NEEDS, { title: '助浴' });
		const sheet = new Y.Doc();
		addItem(sheet, PLEDGES, { title: '义诊' });
		const same = boardContent(board, []);
		expect(diffContent(same, boardContent(board, []))).toEqual([]);
		const withUnit = boardContent(board, [{ unit, doc: sheet }]);
		expect(diffContent(same, withUnit).map((d) => [d.list, d.added.length])).toEqual([
			['pledges', 1]
		]);
	});
});
