import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addItem,
	deleteItem,
	ensureText,
	itemText,
	moveItem,
	readItems,
	setField,
	toggleRef
} from './list.ts';
import { isIsoDate, itemProblems, parseNumber, problemParams } from '../model/fields.ts';
import { NEEDS, PLAN, PLEDGES } from '../model/lists/index.ts';

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}
const titles = (doc: Y.Doc) => readItems(doc, PLAN).map((i) => i.title);

describe('a list', () => {
	it('reads, edits and moves its items past values that are not items (what a forged update can put there)', () => {
		const doc = new Y.Doc();
		const a = addItem(doc, PLAN, { title: '义诊' });
		const list = doc.getMap(PLAN.name);
		list.set('string', '伪造');
		list.set('text', new Y.Text('伪造'));
		list.set('number', 7);
		const b = addItem(doc, PLAN, { title: '培训' });
		expect(titles(doc)).toEqual(['义诊', '培训']);
		moveItem(doc, PLAN, b, -1);
		expect(titles(doc)).toEqual(['培训', '义诊']);
		setField(doc, PLAN, 'string', 'status', 'done');
		expect(itemText(doc, PLAN, 'text', 'title')).toBeUndefined();
		expect(ensureText(doc, PLAN, 'number', 'description')).toBeUndefined();
		toggleRef(doc, PLAN, 'string', 'partners', 'x', true);
		deleteItem(doc, PLAN, a);
		expect(titles(doc)).toEqual(['培训']);
	});

	it('adds items at the end, or after a given one, with every field at its empty value', () => {
		const doc = new Y.Doc();
		const a = addItem(doc, PLAN, { title: '义诊' });
		const c = addItem(doc, PLAN, { title: '培训' });
		addItem(doc, PLAN, { title: '宣传' }, a);
		expect(titles(doc)).toEqual(['义诊', '宣传', '培训']);
		expect(readItems(doc, PLAN)[2]).toMatchObject({
			id: c,
			status: 'preparing',
			category: 'elderly',
			start: '',
			lead: '',
			place: '',
			needs: [],
			partners: [],
			beneficiaries: null
		});
	});

	it('moves items up and down, and not past the ends', () => {
		const doc = new Y.Doc();
		const [a, b, c] = ['A', 'B', 'C'].map((title) => addItem(doc, PLAN, { title }));
		moveItem(doc, PLAN, c!, -1);
		expect(titles(doc)).toEqual(['A', 'C', 'B']);
		moveItem(doc, PLAN, a!, 1);
		expect(titles(doc)).toEqual(['C', 'A', 'B']);
		moveItem(doc, PLAN, b!, 1);
		moveItem(doc, PLAN, readItems(doc, PLAN)[0]!.id, -1);
		expect(titles(doc)).toEqual(['C', 'A', 'B']);
	});

	it('converges when two people move the same item at once, without duplicating it', () => {
		const one = new Y.Doc();
		const ids = ['A', 'B', 'C', 'D'].map((title) => addItem(one, PLAN, { title }));
		const two = new Y.Doc();
		sync(one, two);
		moveItem(one, PLAN, ids[3]!, -1);
		moveItem(two, PLAN, ids[3]!, -1);
		moveItem(two, PLAN, ids[3]!, -1);
		sync(one, two);
		expect(readItems(one, PLAN)).toEqual(readItems(two, PLAN));
		expect(readItems(one, PLAN)).toHaveLength(4);
	});

	it('merges two people typing in the same title by character', () => {
		const one = new Y.Doc();
		const id = addItem(one, PLAN, { title: '义诊' });
		const two = new Y.Doc();
		sync(one, two);
		itemText(one, PLAN, id, 'title')!.insert(0, '重阳节');
		itemText(two, PLAN, id, 'title')!.insert(2, '活动');
		sync(one, two);
		expect(titles(one)).toEqual(['重阳节义诊活动']);
		expect(titles(two)).toEqual(['重阳节义诊活动']);
	});

	it('links as a set: two people adding the same partner at once keep one link', () => {
		const one = new Y.Doc();
		const id = addItem(one, PLAN, { title: '义诊' });
		const two = new Y.Doc();
		sync(one, two);
		toggleRef(one, PLAN, id, 'partners', 'unita', true);
		toggleRef(two, PLAN, id, 'partners', 'unita', true);
		toggleRef(two, PLAN, id, 'partners', 'unitb', true);
		sync(one, two);
		expect(readItems(one, PLAN)[0]!.partners).toEqual(['unita', 'unitb']);
		toggleRef(one, PLAN, id, 'partners', 'unita', false);
		expect(readItems(one, PLAN)[0]!.partners).toEqual(['unitb']);
	});

	it('sets plain fields, refusing values that do not fit', () => {
		const doc = new Y.Doc();
		const id = addItem(doc, PLAN);
		setField(doc, PLAN, id, 'start', '2026-12-01');
		setField(doc, PLAN, id, 'status', 'active');
		setField(doc, PLAN, id, 'beneficiaries', 120);
		setField(doc, PLAN, id, 'lead', 'unita');
		expect(readItems(doc, PLAN)[0]).toMatchObject({
			start: '2026-12-01',
			status: 'active',
			beneficiaries: 120,
			lead: 'unita'
		});
		expect(() => setField(doc, PLAN, id, 'status', 'bogus')).toThrow();
		expect(() => setField(doc, PLAN, id, 'end', '2026-02-30')).toThrow();
		expect(() => setField(doc, PLAN, id, 'beneficiaries', Number.NaN)).toThrow();
		expect(() => setField(doc, PLAN, id, 'title', 'x')).toThrow();
		setField(doc, PLAN, id, 'start', '');
		setField(doc, PLAN, id, 'beneficiaries', null);
		expect(readItems(doc, PLAN)[0]).toMatchObject({ start: '', beneficiaries: null });
	});

	it('reads what it does not recognise as empty rather than failing', () => {
		const doc = new Y.Doc();
		const id = addItem(doc, PLEDGES, { title: '场地' });
		const item = doc.getMap<Y.Map<unknown>>('pledges').get(id)!;
		item.set('kind', 'spaceship');
		item.set('quantity', 'many');
		item.delete('title');
		expect(readItems(doc, PLEDGES)[0]).toMatchObject({ title: '', kind: 'venue', quantity: null });
	});

	it('deletes items', () => {
		const doc = new Y.Doc();
		const id = addItem(doc, PLAN, { title: 'x' });
		deleteItem(doc, PLAN, id);
		expect(readItems(doc, PLAN)).toEqual([]);
	});

	it('names the problems a person can fix', () => {
		const doc = new Y.Doc();
		addItem(doc, PLAN, { title: ' ', start: '2026-12-10', end: '2026-12-01', beneficiaries: -3 });
		expect(itemProblems(PLAN, readItems(doc, PLAN)[0]!)).toEqual({
			title: 'required',
			end: 'endBeforeStart',
			beneficiaries: 'tooSmall'
		});
		addItem(doc, PLEDGES, { title: '长'.repeat(201) });
		expect(itemProblems(PLEDGES, readItems(doc, PLEDGES)[0]!)).toEqual({ title: 'tooLong' });
		expect(isIsoDate('2026-02-28')).toBe(true);
		expect(isIsoDate('2026-2-28')).toBe(false);
		expect(parseNumber(' 20 ')).toEqual({ ok: true, value: 20 });
		expect(parseNumber('')).toEqual({ ok: true, value: null });
		expect(parseNumber('二十')).toEqual({ ok: false });
	});

	it('gives each text its limit for the message, and refuses a date the browser lets through', () => {
		expect(problemParams(PLEDGES.fields.title)).toEqual({ max: 200 });
		expect(problemParams(PLEDGES.fields.contact)).toEqual({ max: 100 });
		expect(problemParams(NEEDS.fields.details)).toEqual({ max: 5000 });
		expect(problemParams(PLAN.fields.start)).toEqual({});
		// A date field's value with a five-digit year, as Chromium reports one typed: not a board date.
		expect(isIsoDate('20266-01-01')).toBe(false);
		const doc = new Y.Doc();
		const id = addItem(doc, PLAN, { title: 'x' });
		expect(() => setField(doc, PLAN, id, 'start', '20266-01-01')).toThrow();
		expect(readItems(doc, PLAN)[0]!.start).toBe('');
	});
});

describe('ensureText', () => {
	it('gives an item made before a text field existed that field, empty, once', () => {
		const doc = new Y.Doc();
		const id = addItem(doc, PLAN, { title: '巡逻' });
		doc.getMap<Y.Map<unknown>>('plan').get(id)!.delete('progress'); // as an older item had it
		expect(itemText(doc, PLAN, id, 'progress')).toBeUndefined();
		const text = ensureText(doc, PLAN, id, 'progress')!;
		text.insert(0, '已开展两次');
		expect(ensureText(doc, PLAN, id, 'progress')).toBe(text);
		expect(readItems(doc, PLAN)[0]!.progress).toBe('已开展两次');
		expect(ensureText(doc, PLAN, 'nosuchitem', 'progress')).toBeUndefined();
	});
});
