import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LOCAL, UndoHistory, keptDeletionsFilter, type KeptHistory } from './undo.svelte.ts';

const ROOM = 'board:b1';

/** A board document with one need whose title is `title`, written by someone else. */
function boardWith(title: string): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		const need = new Y.Map<unknown>();
		doc.getMap('needs').set('n1', need);
		need.set('title', new Y.Text(title));
		need.set('status', 'open');
	}, 'remote');
	return doc;
}

const need = (doc: Y.Doc) => doc.getMap('needs').get('n1') as Y.Map<unknown>;
const title = (doc: Y.Doc) => need(doc).get('title') as Y.Text;

type Change = (doc: Y.Doc) => void;

/** This person's changes to `doc`, each its own step. */
function edit(history: UndoHistory, doc: Y.Doc, ...changes: Change[]) {
	for (const change of changes) history.apart(doc, () => doc.transact(() => change(doc), LOCAL));
}

/** The page open on a board whose need is titled `text`, and this person's changes to it. */
function edited(text: string, ...changes: Change[]): { doc: Y.Doc; history: UndoHistory } {
	const doc = boardWith(text);
	const history = new UndoHistory([{ room: ROOM, doc }]);
	edit(history, doc, ...changes);
	return { doc, history };
}

/** The page opened again: a new document loaded from `update` (its local copy), a new history given `kept`. */
function reopen(
	update: Uint8Array,
	kept: KeptHistory | null
): { doc: Y.Doc; history: UndoHistory } {
	const doc = new Y.Doc({ gcFilter: keptDeletionsFilter(kept, ROOM) });
	const history = new UndoHistory([{ room: ROOM, doc }]);
	Y.applyUpdate(doc, update, 'local copy');
	history.resume(kept, () => {});
	return { doc, history };
}

describe('an undo history kept across a reload', () => {
	it('takes back and redoes typing, step by step', () => {
		const { doc, history } = edited(
			'',
			(d) => title(d).insert(0, '加装'),
			(d) => title(d).insert(2, '充电桩')
		);
		const again = reopen(Y.encodeStateAsUpdate(doc), history.kept());
		expect(again.history.canUndo).toBe(true);
		again.history.undo();
		expect(title(again.doc).toString()).toBe('加装');
		again.history.undo();
		expect(title(again.doc).toString()).toBe('');
		expect(again.history.canUndo).toBe(false);
		// The redo steps are kept too, through a second reload.
		const third = reopen(Y.encodeStateAsUpdate(again.doc), again.history.kept());
		expect(third.history.canRedo).toBe(true);
		third.history.redo();
		third.history.redo();
		expect(title(third.doc).toString()).toBe('加装充电桩');
	});

	it('brings back deleted text and an overwritten choice, from a copy that kept their content', () => {
		const { doc, history } = edited(
			'夜间充电',
			(d) => title(d).delete(0, 2),
			(d) => need(d).set('status', 'claimed')
		);
		// The copy is written after the deletions, as y-indexeddb compacts it.
		const again = reopen(Y.encodeStateAsUpdate(doc), history.kept());
		again.history.undo();
		expect(need(again.doc).get('status')).toBe('open');
		again.history.undo();
		expect(title(again.doc).toString()).toBe('夜间充电');
	});

	it('keeps only the newest steps the document allows when deleted content is gone', () => {
		const { doc, history } = edited(
			'夜间充电',
			(d) => title(d).insert(4, '！'),
			(d) => title(d).delete(0, 2),
			(d) => title(d).insert(0, '白天')
		);
		// A server's copy collects deleted content: the deletion cannot be undone from it, so it
		// and the step beneath it are dropped; the newest step stays.
		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
		const again = reopen(Y.encodeStateAsUpdate(server), history.kept());
		again.history.undo();
		expect(title(again.doc).toString()).toBe('充电！');
		expect(again.history.canUndo).toBe(false);
	});

	it('gives back nothing of steps whose items the document lacks, or that are damaged', () => {
		const { doc, history } = edited('', (d) => title(d).insert(0, '加装'));
		const kept = history.kept();
		expect(reopen(Y.encodeStateAsUpdate(boardWith('')), kept).history.canUndo).toBe(false);
		const damaged = { undo: [{ room: ROOM, insertions: '%%%', deletions: 'AA' }], redo: [] };
		expect(reopen(Y.encodeStateAsUpdate(doc), damaged).history.canUndo).toBe(false);
		const otherRoom = {
			undo: kept.undo.map((step) => ({ ...step, room: 'sheet:other' })),
			redo: []
		};
		expect(reopen(Y.encodeStateAsUpdate(doc), otherRoom).history.canUndo).toBe(false);
	});

	it('puts kept steps beneath what was typed before they came back, and drops stale redo steps', () => {
		const { doc, history } = edited(
			'',
			(d) => title(d).insert(0, '一'),
			(d) => title(d).insert(1, '二')
		);
		history.undo();
		const kept = history.kept();
		expect(kept.redo).toHaveLength(1);

		const again = new Y.Doc({ gcFilter: keptDeletionsFilter(kept, ROOM) });
		const next = new UndoHistory([{ room: ROOM, doc: again }]);
		Y.applyUpdate(again, Y.encodeStateAsUpdate(doc), 'local copy');
		edit(next, again, (d) => title(d).insert(1, '三'));
		next.resume(kept, () => {});
		expect(next.canRedo).toBe(false);
		next.undo();
		expect(title(again).toString()).toBe('一');
		next.undo();
		expect(title(again).toString()).toBe('');
	});

	it('keeps at most the newest steps, oldest first', () => {
		const { doc, history } = edited('');
		for (let i = 0; i < 130; i++) edit(history, doc, (d) => title(d).insert(i, 'x'));
		const kept = history.kept();
		expect(kept.undo).toHaveLength(100);
		const again = reopen(Y.encodeStateAsUpdate(doc), kept);
		for (let i = 0; i < 100; i++) again.history.undo();
		expect(title(again.doc).length).toBe(30);
		expect(again.history.canUndo).toBe(false);
	});
});
