// The door to documents over storage, without a sync server (stored.ts): each change logged as one
// update under its author, nothing stored for a change that changes nothing or fails.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storedDocuments } from './stored.ts';
import { MemoryStorage } from '../sync/memory-storage.ts';
import { addItem, readItems } from '../../board/ydoc/list.ts';
import { NEEDS } from '../../board/model/lists/index.ts';

const ROOM = 'board:b1';

describe('documents over storage', () => {
	it('logs each change as one update under its author at the given time, and reads it back', async () => {
		const store = new MemoryStorage();
		const docs = storedDocuments(store, () => 1_700_000_000_000);
		expect(
			await docs.change(ROOM, 'u1', (doc) => {
				addItem(doc, NEEDS, { title: '第一条' });
				addItem(doc, NEEDS, { title: '第二条' });
			})
		).toBe(true);
		expect(await docs.change(ROOM, null, (doc) => addItem(doc, NEEDS, { title: '第三条' }))).toBe(
			true
		);
		expect(
			(await store.rowsAfter(ROOM, 0)).map((r) => [r.seq, r.userId, r.createdAt.getTime()])
		).toEqual([
			[1, 'u1', 1_700_000_000_000],
			[2, null, 1_700_000_000_000]
		]);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, await docs.encodeState(ROOM));
		expect(readItems(doc, NEEDS).map((n) => n.title)).toEqual(['第一条', '第二条', '第三条']);
	});

	it('stores nothing for a change that changes nothing, or that fails', async () => {
		const store = new MemoryStorage();
		const docs = storedDocuments(store);
		expect(await docs.change(ROOM, 'u1', () => {})).toBe(false);
		await expect(
			docs.change(ROOM, 'u1', (doc) => {
				addItem(doc, NEEDS, { title: '半途' });
				throw new Error('stopped half-way');
			})
		).rejects.toThrow('stopped half-way');
		expect((await store.load(ROOM)).seq).toBe(0);
		await expect(docs.change('not-a-room', 'u1', () => {})).rejects.toThrow('not a room');
	});
});
