import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, deleteItem, ensureText, setField, toggleRef } from '$lib/board/ydoc/list.ts';
import { PLAN, PLEDGES } from '$lib/board/model/lists/index.ts';
import { PendingChanges, changedFields, type FieldKey } from './pending.ts';

function fieldsOf(doc: Y.Doc, change: () => void): FieldKey[] {
	const seen: FieldKey[] = [];
	const record = (tr: Y.Transaction) => seen.push(...changedFields(tr));
	doc.on('afterTransaction', record);
	change();
	doc.off('afterTransaction', record);
	return seen;
}

describe('changedFields', () => {
	it('names the item added or deleted, the plain field set, the text typed into and the link toggled', () => {
		const doc = new Y.Doc();
		let id = '';
		expect(fieldsOf(doc, () => (id = addItem(doc, PLEDGES, { title: '义诊' })))).toEqual([
			{ list: 'pledges', item: id, field: null }
		]);
		expect(fieldsOf(doc, () => setField(doc, PLEDGES, id, 'quantity', 4))).toEqual([
			{ list: 'pledges', item: id, field: 'quantity' }
		]);
		const title = ensureText(doc, PLEDGES, id, 'title')!;
		expect(fieldsOf(doc, () => title.insert(2, '医生'))).toEqual([
			{ list: 'pledges', item: id, field: 'title' }
		]);
		const project = addItem(doc, PLAN, { title: '讲座' });
		expect(fieldsOf(doc, () => toggleRef(doc, PLAN, project, 'partners', 'u1', true))).toEqual([
			{ list: 'plan', item: project, field: 'partners' }
		]);
		expect(fieldsOf(doc, () => deleteItem(doc, PLEDGES, id))).toEqual([
			{ list: 'pledges', item: id, field: null }
		]);
	});
});

describe('PendingChanges', () => {
	const a = { list: 'pledges', item: 'a', field: 'title' };
	const b = { list: 'pledges', item: 'b', field: 'quantity' };

	it('forgets a field once the update that carried it is saved, and hands back the refused ones', () => {
		const pending = new PendingChanges();
		pending.changed([a]);
		pending.sent(1);
		pending.changed([b]);
		pending.sent(2);
		pending.saved(1);
		expect(pending.keys()).toEqual([b]);
		expect(pending.refused(2)).toEqual([b]);
		expect(pending.size).toBe(0);
	});

	it('keeps a field changed again after it was sent until the later update is saved', () => {
		const pending = new PendingChanges();
		pending.changed([a]);
		pending.sent(1);
		pending.changed([a]);
		pending.saved(1);
		expect(pending.keys()).toEqual([a]);
		pending.sent(2);
		pending.saved(2);
		expect(pending.size).toBe(0);
	});

	it('after a disconnect, counts what was sent and not confirmed as going with the next step 2', () => {
		const pending = new PendingChanges();
		pending.changed([a, b]);
		pending.sent(5);
		pending.disconnected();
		pending.saved(5); // a late notice of the old connection's numbering says nothing of these
		expect(pending.size).toBe(2);
		pending.sent(1);
		expect(pending.refused(1)).toEqual([a, b]);
	});
});
