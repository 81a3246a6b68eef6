import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, readItems, setField } from '../ydoc/list.ts';
import { todayIn } from './fields.ts';
import { COMMITMENTS, NEEDS, PLAN } from './lists/index.ts';
import { isDoneOnTime, isOverdue, isProjectOverdue, needState } from './rules.ts';

describe('derived states', () => {
	it('shows an open need that some unit claimed as claimed', () => {
		const doc = new Y.Doc();
		addItem(doc, NEEDS, { title: '助浴' });
		const need = readItems(doc, NEEDS)[0]!;
		expect(needState(need, [])).toBe('open');
		expect(needState(need, ['unita'])).toBe('claimed');
		expect(needState({ ...need, status: 'done' }, ['unita'])).toBe('done');
	});

	it('marks commitments overdue from their due date, unless done', () => {
		const doc = new Y.Doc();
		addItem(doc, COMMITMENTS, { content: '每月义诊', due: '2026-11-01' });
		const c = readItems(doc, COMMITMENTS)[0]!;
		expect(isOverdue(c, '2026-11-02')).toBe(true);
		expect(isOverdue(c, '2026-11-01')).toBe(false);
		expect(isOverdue({ ...c, status: 'done' }, '2026-12-01')).toBe(false);
		expect(isOverdue({ ...c, due: '' }, '2026-12-01')).toBe(false);
	});

	it('marks projects overdue once their end date has passed, unless done or cancelled', () => {
		const doc = new Y.Doc();
		addItem(doc, PLAN, { title: '楼道整治', end: '2026-11-30', status: 'active' });
		const p = readItems(doc, PLAN)[0]!;
		expect(isProjectOverdue(p, '2026-12-01')).toBe(true);
		expect(isProjectOverdue(p, '2026-11-30')).toBe(false);
		expect(isProjectOverdue({ ...p, status: 'done' }, '2026-12-01')).toBe(false);
		expect(isProjectOverdue({ ...p, status: 'cancelled' }, '2026-12-01')).toBe(false);
		expect(isProjectOverdue({ ...p, end: '' }, '2026-12-01')).toBe(false);
	});

	it('writes the day a commitment is done, clears it when it is undone, and tells whether it was on time', () => {
		const doc = new Y.Doc();
		const id = addItem(doc, COMMITMENTS, { content: '每月义诊', due: '2099-01-01' });
		setField(doc, COMMITMENTS, id, 'status', 'done');
		const done = readItems(doc, COMMITMENTS)[0]!;
		expect(done.doneOn).toBe(todayIn());
		expect(isDoneOnTime(done)).toBe(true);
		expect(isDoneOnTime({ ...done, due: '2000-01-01' })).toBe(false);
		expect(isDoneOnTime({ ...done, doneOn: '' })).toBe(true);
		setField(doc, COMMITMENTS, id, 'status', 'in_progress');
		expect(readItems(doc, COMMITMENTS)[0]!.doneOn).toBe('');
		expect(isDoneOnTime(readItems(doc, COMMITMENTS)[0]!)).toBe(false);
	});

	it('tells today in the council’s time zone', () => {
		expect(todayIn('Asia/Shanghai', new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23');
	});
});
