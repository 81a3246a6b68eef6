import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
	addItem,
	deleteItem,
	ensureText,
	itemText,
	moveItem,
	setField,
	toggleRef
} from '../../board/ydoc/list.ts';
import { COMMITMENTS, PLAN, PLEDGES } from '../../board/model/lists/index.ts';
import { claim, unclaim } from '../../board/ydoc/claims.ts';
import { fitUpdate, readUpdateShape, type UpdateLimits } from './update-check.ts';

const LIMITS: UpdateLimits = {
	maxElements: 200_000,
	maxDepth: 6,
	maxValueDepth: 4,
	maxKeyLength: 200,
	roots: new Set(['needs', 'plan', 'pledges', 'commitments', 'claims'])
};

function check(doc: Y.Doc, update: Uint8Array, limits = LIMITS) {
	const read = readUpdateShape(update, limits);
	if (!read.ok) return { kind: 'malformed', why: read.why } as const;
	return fitUpdate(doc, read.shape, limits.maxDepth);
}

/** Every update `change` makes on a document, in order. */
function updatesOf(change: (doc: Y.Doc) => void): { doc: Y.Doc; updates: Uint8Array[] } {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	change(doc);
	return { doc, updates };
}

function nested(depth: number): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		let map = doc.getMap('needs');
		for (let i = 0; i < depth; i++) {
			const child = new Y.Map<unknown>();
			map.set('k', child);
			map = child;
		}
	});
	return doc;
}

describe('an honest update', () => {
	it("fits, one after another, through a sheet's whole life (add, type, link, claim, move, delete)", () => {
		const { updates } = updatesOf((doc) => {
			const pledge = addItem(doc, PLEDGES, { title: '义诊', quantity: 2 });
			for (const ch of '每月一次') itemText(doc, PLEDGES, pledge, 'availability')!.insert(0, ch);
			const commitment = addItem(doc, COMMITMENTS, { content: '开展义诊' });
			setField(doc, COMMITMENTS, commitment, 'status', 'done');
			setField(doc, COMMITMENTS, commitment, 'status', 'in_progress');
			ensureText(doc, COMMITMENTS, commitment, 'notes')!.insert(0, '已联系');
			claim(doc, { kind: 'need', id: 'n1' }, '孙倩');
			unclaim(doc, { kind: 'need', id: 'n1' });
			addItem(doc, COMMITMENTS, { content: '第二项' });
			moveItem(doc, COMMITMENTS, commitment, 1);
			itemText(doc, PLEDGES, pledge, 'title')!.delete(0, 1);
			deleteItem(doc, PLEDGES, pledge);
		});
		const server = new Y.Doc();
		for (const update of updates) {
			expect(check(server, update)).toEqual({ kind: 'fits', redundant: false });
			Y.applyUpdate(server, update);
			// Sent again (a reconnecting client's step 2), it changes nothing.
			expect(check(server, update)).toEqual({ kind: 'fits', redundant: true });
		}
	});

	it('fits as a whole state, also from a document that has collected deleted content', () => {
		const { doc } = updatesOf((doc) => {
			const ids = Array.from({ length: 50 }, (_, i) =>
				addItem(doc, PLAN, { title: `项目 ${i}`, needs: ['a', 'b'] })
			);
			for (const id of ids.slice(0, 20)) deleteItem(doc, PLAN, id);
			for (const id of ids.slice(20, 30)) toggleRef(doc, PLAN, id, 'needs', 'a', false);
		});
		const state = Y.encodeStateAsUpdate(doc);
		expect(check(new Y.Doc(), state)).toEqual({ kind: 'fits', redundant: false });
	});
});

describe('a forged update', () => {
	it('is refused when it nests maps deeper than a board ever does, without overflowing the stack', () => {
		const deep = Y.encodeStateAsUpdate(nested(20_000));
		expect(check(new Y.Doc(), deep)).toEqual({ kind: 'refused', why: 'too-deep' });
		expect(check(new Y.Doc(), Y.encodeStateAsUpdate(nested(6)))).toEqual({
			kind: 'fits',
			redundant: false
		});
		expect(check(new Y.Doc(), Y.encodeStateAsUpdate(nested(7)))).toEqual({
			kind: 'refused',
			why: 'too-deep'
		});
	});

	it('is refused when it adds a key below a deep chain already in the document', () => {
		const doc = nested(6);
		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
		const { updates } = updatesOf((client) => {
			Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
			let map = client.getMap('needs');
			for (let i = 0; i < 6; i++) map = map.get('k') as Y.Map<unknown>;
			map.set('deeper', new Y.Map());
		});
		expect(check(server, updates.at(-1)!)).toEqual({ kind: 'refused', why: 'too-deep' });
	});

	it('is refused for roots, types and values a board never has', () => {
		const roots = updatesOf((doc) => doc.getMap('anything').set('x', 1)).updates[0]!;
		expect(check(new Y.Doc(), roots)).toEqual({ kind: 'malformed', why: 'root' });
		const array = updatesOf((doc) => doc.getMap('needs').set('x', new Y.Array())).updates[0]!;
		expect(check(new Y.Doc(), array)).toEqual({ kind: 'malformed', why: 'content-type' });
		const xml = updatesOf((doc) => doc.getMap('needs').set('x', new Y.XmlFragment())).updates[0]!;
		expect(check(new Y.Doc(), xml)).toEqual({ kind: 'malformed', why: 'content-type' });
		const subdoc = updatesOf((doc) => doc.getMap('needs').set('x', new Y.Doc())).updates[0]!;
		expect(check(new Y.Doc(), subdoc)).toEqual({ kind: 'malformed', why: 'content-type' });
		const binary = updatesOf((doc) => doc.getMap('needs').set('x', new Uint8Array([1, 2])))
			.updates[0]!;
		expect(check(new Y.Doc(), binary)).toEqual({ kind: 'malformed', why: 'content-type' });
		const big = updatesOf((doc) => doc.getMap('needs').set('x', 10n)).updates[0]!;
		expect(check(new Y.Doc(), big)).toEqual({ kind: 'malformed', why: 'content-type' });
		const formatted = updatesOf((doc) => {
			const text = new Y.Text();
			doc.getMap('needs').set('t', text);
			text.insert(0, 'abc', { bold: true });
		}).updates.at(-1)!;
		expect(check(new Y.Doc(), formatted)).toEqual({ kind: 'malformed', why: 'content-type' });
		let value: unknown = 1;
		for (let i = 0; i < 10; i++) value = [value];
		const deepValue = updatesOf((doc) => doc.getMap('needs').set('x', value)).updates[0]!;
		expect(check(new Y.Doc(), deepValue)).toEqual({ kind: 'malformed', why: 'value-depth' });
		const longKey = updatesOf((doc) => doc.getMap('needs').set('x'.repeat(300), 1)).updates[0]!;
		expect(check(new Y.Doc(), longKey)).toEqual({ kind: 'malformed', why: 'key-length' });
	});

	it('is refused by its struct count before anything is allocated', () => {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 1); // one client
		encoding.writeVarUint(encoder, 1_000_000_000); // claims a billion structs
		encoding.writeVarUint(encoder, 7);
		encoding.writeVarUint(encoder, 0);
		expect(check(new Y.Doc(), encoding.toUint8Array(encoder))).toEqual({
			kind: 'malformed',
			why: 'too-many'
		});
		const many = updatesOf((doc) =>
			doc.transact(() => {
				for (let i = 0; i < 1000; i++) doc.getMap('needs').set(String(i), i);
			})
		).updates[0]!;
		expect(check(new Y.Doc(), many, { ...LIMITS, maxElements: 999 })).toEqual({
			kind: 'malformed',
			why: 'too-many'
		});
	});

	it('is refused when cut short or followed by bytes', () => {
		const update = updatesOf((doc) => addItem(doc, PLAN, { title: '义诊' })).updates[0]!;
		for (let cut = 1; cut < update.length; cut++)
			expect(check(new Y.Doc(), update.subarray(0, cut)).kind).toBe('malformed');
		expect(check(new Y.Doc(), new Uint8Array([...update, 0]))).toEqual({
			kind: 'malformed',
			why: 'truncated'
		});
	});

	it('is refused when it names as a parent an item that is no type', () => {
		const { doc, updates } = updatesOf((doc) => doc.getMap('needs').set('x', 'a string'));
		const server = new Y.Doc();
		Y.applyUpdate(server, updates[0]!);
		const item = doc.getMap('needs')._map.get('x')!;
		// An item whose parent is that string item: info 4 (a string), parent given by id.
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint(encoder, 99);
		encoding.writeVarUint(encoder, 0);
		encoding.writeUint8(encoder, 4);
		encoding.writeVarUint(encoder, 0); // parent is an id
		encoding.writeVarUint(encoder, item.id.client);
		encoding.writeVarUint(encoder, item.id.clock);
		encoding.writeVarString(encoder, 'hi');
		encoding.writeVarUint(encoder, 0); // no deletes
		expect(check(server, encoding.toUint8Array(encoder))).toEqual({
			kind: 'refused',
			why: 'parent-not-a-type'
		});
	});
});

describe('an update the room is not ready for', () => {
	it('is missing what it builds on when the structs before it have not arrived', () => {
		const { updates } = updatesOf((doc) => {
			addItem(doc, PLAN, { title: 'A' });
			addItem(doc, PLAN, { title: 'B' });
		});
		expect(check(new Y.Doc(), updates[1]!)).toEqual({ kind: 'missing' });
	});

	it('is missing what it deletes when the deleted structs are not in the room', () => {
		const { doc, updates } = updatesOf((doc) => {
			const id = addItem(doc, PLAN, { title: 'A' });
			deleteItem(doc, PLAN, id);
		});
		expect(doc.getMap('plan').size).toBe(0);
		expect(check(new Y.Doc(), updates[1]!)).toEqual({ kind: 'missing' });
	});
});
