import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, readItems } from './list.ts';
import { COMMITMENTS, NEEDS, claim, isOverdue, needState, readClaims, todayIn, unclaim, parseClaimKey } from './lists.ts';

describe('claims', () => {
	it('are kept once per claimed thing, however many claim it at once', () => {
		const one = new Y.Doc();
		const two = new Y.Doc();
		claim(one, { kind: 'need', id: 'n1' }, '张医生');
		claim(two, { kind: 'need', id: 'n1' }, '李护士');
		claim(two, { kind: 'project', id: 'p1' }, '李护士');
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		expect(readClaims(one).map((c) => `${c.kind}:${c.id}`).sort()).toEqual(['need:n1', 'project:p1']);
		expect(readClaims(one)).toEqual(readClaims(two));
		unclaim(one, { kind: 'need', id: 'n1' });
		expect(readClaims(one).map((c) => c.id)).toEqual(['p1']);
	});

	it('ignore keys that name nothing', () => {
		expect(parseClaimKey('need:abc')).toEqual({ kind: 'need', id: 'abc' });
		for (const key of ['need:', 'unit:abc', 'need:ABC', 'need:a:b']) expect(parseClaimKey(key)).toBeNull();
	});
});

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

	it('tells today in the council’s time zone', () => {
		expect(todayIn('Asia/Shanghai', new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23');
	});
});
