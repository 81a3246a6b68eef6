import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, deleteItem, itemOf, moveItem, readItems } from '../ydoc/list.ts';
import { PLAN } from './lists/index.ts';
import { placeAt } from './order.ts';

const titles = (doc: Y.Doc) => readItems(doc, PLAN).map((i) => i.title);

function sync(docs: Y.Doc[]) {
	for (const a of docs)
		for (const b of docs)
			if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

/** A small seeded generator, so that a failing run can be replayed. */
function seeded(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('placing items', () => {
	it('moves an item past neighbours whose keys are equal (two people added at the end at once)', () => {
		const doc = new Y.Doc();
		const ids = ['A', 'B', 'C'].map((title) => addItem(doc, PLAN, { title }));
		// What two documents adding at the end at once used to write: the same key twice.
		for (const id of ids) itemOf(doc, PLAN, id)!.set('order', 'a1');
		const [first, second, third] = readItems(doc, PLAN).map((i) => i.id);
		moveItem(doc, PLAN, first!, 1);
		expect(readItems(doc, PLAN).map((i) => i.id)).toEqual([second, first, third]);
		moveItem(doc, PLAN, third!, -1);
		expect(readItems(doc, PLAN).map((i) => i.id)).toEqual([second, third, first]);
		addItem(doc, PLAN, { title: 'D' }, second);
		expect(titles(doc)[1]).toBe('D');
	});

	it('copes with keys that are not keys at all (written by hand)', () => {
		const doc = new Y.Doc();
		const ids = ['A', 'B', 'C'].map((title) => addItem(doc, PLAN, { title }));
		itemOf(doc, PLAN, ids[1]!)!.set('order', 'not a key');
		itemOf(doc, PLAN, ids[2]!)!.set('order', '');
		const before = readItems(doc, PLAN).map((i) => i.id);
		moveItem(doc, PLAN, before[0]!, 1);
		expect(readItems(doc, PLAN).map((i) => i.id)).toEqual([before[1], before[0], before[2]]);
		addItem(doc, PLAN, { title: 'D' });
		expect(titles(doc).at(-1)).toBe('D');
	});

	it('gives two people adding at the end at once different keys', () => {
		const one = new Y.Doc();
		addItem(one, PLAN, { title: 'A' });
		const two = new Y.Doc();
		sync([one, two]);
		addItem(one, PLAN, { title: 'B' });
		addItem(two, PLAN, { title: 'C' });
		sync([one, two]);
		const orders = readItems(one, PLAN).map((i) => i.order);
		expect(new Set(orders).size).toBe(3);
	});

	it('keeps each key between its neighbours, and spreads a tie in place', () => {
		const random = seeded(1);
		const tie = [
			{ id: 'a', order: 'a0' },
			{ id: 'b', order: 'a1' },
			{ id: 'c', order: 'a1' },
			{ id: 'd', order: 'a2' }
		];
		const keys = placeAt(tie, 2, 'x', random);
		const placed = tie
			.map((item) => ({ ...item, order: keys.get(item.id) ?? item.order }))
			.concat({ id: 'x', order: keys.get('x')! });
		placed.sort((p, q) => (p.order < q.order ? -1 : p.order > q.order ? 1 : p.id < q.id ? -1 : 1));
		expect(placed.map((p) => p.id)).toEqual(['a', 'b', 'x', 'c', 'd']);
		expect(keys.has('a') || keys.has('d')).toBe(false);
	});

	it('never throws and converges under random concurrent adds, moves and deletes (property)', () => {
		for (let seed = 1; seed <= 60; seed++) {
			const random = seeded(seed);
			const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
			let made = 0;
			for (let step = 0; step < 80; step++) {
				const doc = docs[Math.floor(random() * docs.length)]!;
				const items = readItems(doc, PLAN);
				const roll = random();
				if (roll < 0.4 || items.length === 0) {
					const after =
						items.length && random() < 0.5
							? items[Math.floor(random() * items.length)]!.id
							: undefined;
					addItem(doc, PLAN, { title: `t${made++}` }, after);
				} else if (roll < 0.55) {
					// Keys that collide, as concurrent inserts without jitter made them.
					const item = items[Math.floor(random() * items.length)]!;
					itemOf(doc, PLAN, item.id)!.set(
						'order',
						items[Math.floor(random() * items.length)]!.order
					);
				} else if (roll < 0.9) {
					const item = items[Math.floor(random() * items.length)]!;
					const index = items.indexOf(item);
					const direction = random() < 0.5 ? -1 : 1;
					const expected = items.map((i) => i.id);
					moveItem(doc, PLAN, item.id, direction);
					const target = index + direction;
					if (target >= 0 && target < items.length)
						[expected[index], expected[target]] = [expected[target]!, expected[index]!];
					// Alone in its document, a move does exactly what it says.
					expect(readItems(doc, PLAN).map((i) => i.id)).toEqual(expected);
				} else {
					deleteItem(doc, PLAN, items[Math.floor(random() * items.length)]!.id);
				}
				if (random() < 0.2) sync(docs);
			}
			sync(docs);
			const [a, b, c] = docs.map((doc) => readItems(doc, PLAN));
			expect(b).toEqual(a);
			expect(c).toEqual(a);
			expect(new Set(a!.map((i) => i.id)).size).toBe(a!.length);
		}
	});
});
