import { describe, expect, it } from 'vitest';
import { followUp, noteLine, readNotes } from './notes.ts';

describe('follow-up notes', () => {
	it('reads back the lines reports write, in order', () => {
		const text = [
			noteLine('2026-11-20', '孙倩', '已联系社区卫生服务站'),
			noteLine('2026-12-02', '李敏', '完成 40 户')
		].join('\n');
		expect(readNotes(text)).toEqual([
			{ day: '2026-11-20', who: '孙倩', text: '已联系社区卫生服务站' },
			{ day: '2026-12-02', who: '李敏', text: '完成 40 户' }
		]);
	});

	it('keeps words typed on the board: undated before any report, the rest of a report after one', () => {
		const text = `10 月、11 月探访已完成。\n\n${noteLine('2026-12-02', '韩主任', '12 月探访')}\n另有 3 户外出`;
		expect(readNotes(text)).toEqual([
			{ day: '', who: '', text: '10 月、11 月探访已完成。' },
			{ day: '2026-12-02', who: '韩主任', text: '12 月探访\n另有 3 户外出' }
		]);
		expect(readNotes('')).toEqual([]);
	});

	it('puts notes and evidence in one record by day, the note of a report before its evidence', () => {
		const notes = [
			noteLine('2026-11-20', '孙倩', '开始建档'),
			noteLine('2026-12-02', '孙倩', '全部建立')
		].join('\n');
		const evidence = noteLine('2026-12-02', '孙倩', '档案台账第 3 册');
		expect(followUp(notes, evidence).map((e) => [e.day, e.text, e.evidence])).toEqual([
			['2026-11-20', '开始建档', false],
			['2026-12-02', '全部建立', false],
			['2026-12-02', '档案台账第 3 册', true]
		]);
	});
});
