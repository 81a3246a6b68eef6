import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addPlanItem,
	deletePlanItem,
	isIsoDate,
	movePlanItem,
	planItemProblems,
	planText,
	readPlan,
	setPlanField
} from './plan.ts';

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('the activity plan', () => {
	it('adds items at the end, or after a given one', () => {
		const doc = new Y.Doc();
		const a = addPlanItem(doc, { title: '义诊' });
		const c = addPlanItem(doc, { title: '培训' });
		addPlanItem(doc, { title: '宣传' }, a);
		expect(readPlan(doc).map((i) => i.title)).toEqual(['义诊', '宣传', '培训']);
		expect(readPlan(doc)[2]).toMatchObject({ id: c, status: 'preparing', start: '', end: '', lead: '', place: '' });
	});

	it('moves items up and down, and not past the ends', () => {
		const doc = new Y.Doc();
		const [a, b, c] = ['A', 'B', 'C'].map((title) => addPlanItem(doc, { title }));
		movePlanItem(doc, c!, -1);
		expect(readPlan(doc).map((i) => i.title)).toEqual(['A', 'C', 'B']);
		movePlanItem(doc, a!, 1);
		expect(readPlan(doc).map((i) => i.title)).toEqual(['C', 'A', 'B']);
		movePlanItem(doc, b!, 1);
		movePlanItem(doc, readPlan(doc)[0]!.id, -1);
		expect(readPlan(doc).map((i) => i.title)).toEqual(['C', 'A', 'B']);
	});

	it('converges when two people move the same item at once, without duplicating it', () => {
		const one = new Y.Doc();
		const ids = ['A', 'B', 'C', 'D'].map((title) => addPlanItem(one, { title }));
		const two = new Y.Doc();
		sync(one, two);
		movePlanItem(one, ids[3]!, -1);
		movePlanItem(two, ids[3]!, -1);
		movePlanItem(two, ids[3]!, -1);
		sync(one, two);
		expect(readPlan(one)).toEqual(readPlan(two));
		expect(readPlan(one)).toHaveLength(4);
	});

	it('merges two people typing in the same title by character', () => {
		const one = new Y.Doc();
		const id = addPlanItem(one, { title: '义诊' });
		const two = new Y.Doc();
		sync(one, two);
		planText(one, id, 'title')!.insert(0, '重阳节');
		planText(two, id, 'title')!.insert(2, '活动');
		sync(one, two);
		expect(readPlan(one)[0]!.title).toBe('重阳节义诊活动');
		expect(readPlan(two)[0]!.title).toBe('重阳节义诊活动');
	});

	it('sets dates and status, refusing values that are neither', () => {
		const doc = new Y.Doc();
		const id = addPlanItem(doc);
		setPlanField(doc, id, 'start', '2026-12-01');
		setPlanField(doc, id, 'status', 'active');
		expect(readPlan(doc)[0]).toMatchObject({ start: '2026-12-01', status: 'active' });
		expect(() => setPlanField(doc, id, 'status', 'bogus')).toThrow();
		expect(() => setPlanField(doc, id, 'end', '2026-02-30')).toThrow();
		setPlanField(doc, id, 'start', '');
		expect(readPlan(doc)[0]!.start).toBe('');
	});

	it('deletes items', () => {
		const doc = new Y.Doc();
		const id = addPlanItem(doc, { title: 'x' });
		deletePlanItem(doc, id);
		expect(readPlan(doc)).toEqual([]);
	});

	it('names the problems a person can fix', () => {
		const doc = new Y.Doc();
		addPlanItem(doc, { title: ' ', start: '2026-12-10', end: '2026-12-01' });
		expect(planItemProblems(readPlan(doc)[0]!)).toEqual({ title: 'titleRequired', end: 'endBeforeStart' });
		expect(isIsoDate('2026-02-28')).toBe(true);
		expect(isIsoDate('2026-2-28')).toBe(false);
	});
});
