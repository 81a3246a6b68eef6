import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TextBinding, diffText, type TextElement } from './text-binding.ts';

describe('diffText', () => {
	it('finds the single change between two strings', () => {
		expect(diffText('abc', 'abc')).toBeNull();
		expect(diffText('义诊', '重阳节义诊', 3)).toEqual({ index: 0, remove: 0, insert: '重阳节' });
		expect(diffText('abcdef', 'abXYef', 4)).toEqual({ index: 2, remove: 2, insert: 'XY' });
		expect(diffText('aaa', 'aa')).toEqual({ index: 2, remove: 1, insert: '' });
		expect(diffText('', 'x')).toEqual({ index: 0, remove: 0, insert: 'x' });
	});

	it('puts an ambiguous insert or delete where the caret says it happened', () => {
		// "a|b", typing b: the new b is the one after the a.
		expect(diffText('ab', 'abb', 2)).toEqual({ index: 1, remove: 0, insert: 'b' });
		// "好|好", typing 好 again.
		expect(diffText('好好', '好好好', 2)).toEqual({ index: 1, remove: 0, insert: '好' });
		// "ab|b", backspace: the middle b goes.
		expect(diffText('abb', 'ab', 1)).toEqual({ index: 1, remove: 1, insert: '' });
		// "a|bb", forward delete.
		expect(diffText('abb', 'ab', 1)).toEqual({ index: 1, remove: 1, insert: '' });
	});

	it('applied to a Y.Text, turns one string into the other', () => {
		for (const [a, b] of [
			['社区义诊', '社区敬老义诊活动'],
			['hello world', 'help'],
			['', '四点半课堂'],
			['xyz', ''],
			['😃', '😀😃'],
			['𠀀', '𠀁𠀀'],
			['a😃b', 'a😄b'],
			['😀😃', '😀']
		]) {
			for (let caret = 0; caret <= b!.length; caret++) {
				const text = new Y.Doc().getText();
				text.insert(0, a!);
				const change = diffText(a!, b!, caret)!;
				text.delete(change.index, change.remove);
				text.insert(change.index, change.insert);
				expect(text.toString()).toBe(b);
				expect(text.toString()).not.toContain('\ufffd');
			}
		}
	});
});

/** An <input> as far as the binding sees it. */
class FakeInput implements TextElement {
	value = '';
	selectionStart = 0;
	selectionEnd = 0;
	setSelectionRange(start: number, end: number) {
		this.selectionStart = start;
		this.selectionEnd = end;
	}
}

const LOCAL = Symbol('local');

/** One person's browser: a document, an input bound to its text, and what it has not sent yet. */
class Person {
	doc = new Y.Doc();
	input = new FakeInput();
	binding: TextBinding;
	outbox: Uint8Array[] = [];

	constructor(initial?: Uint8Array) {
		if (initial) Y.applyUpdate(this.doc, initial, 'server');
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== 'server') this.outbox.push(update);
		});
		this.binding = new TextBinding(this.doc.getText('t'), this.input, LOCAL);
		this.binding.focus();
	}

	click(at: number) {
		this.input.setSelectionRange(at, at);
	}

	/** Types `text` at the caret as the browser would: the element changes, then an input event. */
	type(text: string) {
		const { value, selectionStart: s, selectionEnd: e } = this.input;
		this.input.value = value.slice(0, s) + text + value.slice(e);
		this.input.setSelectionRange(s + text.length, s + text.length);
		this.binding.input();
	}

	/** Receives what `other` sent. */
	receive(other: Person) {
		for (const update of other.outbox.splice(0)) Y.applyUpdate(this.doc, update, 'server');
	}
}

function field(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

/** Both type their run at once, a character each in turn, each seeing the other's characters in between. */
function typeTogether(a: Person, b: Person, runA: string, runB: string, lag: number) {
	const chars = [[...runA], [...runB]];
	for (let i = 0; i < Math.max(chars[0]!.length, chars[1]!.length); i++) {
		if (chars[0]![i]) a.type(chars[0]![i]!);
		if (chars[1]![i]) b.type(chars[1]![i]!);
		// With some lag, each sees the other's typing a few characters late.
		if (i % lag === lag - 1) {
			a.receive(b);
			b.receive(a);
		}
	}
	a.receive(b);
	b.receive(a);
}

describe('two people typing in one field at once', () => {
	const runA = '车库B1层有4个充电桩';
	const runB = '夜间充电请排队';
	for (const [name, initial, at] of [
		['an empty field', '', 0],
		['the start of a field', '停车场。', 0],
		['the middle of a field', '停车场。电动车', 4],
		['the end of a field', '停车场。', 4],
		['a textarea with line breaks', '第一行\n第二行\n', 4]
	] as const) {
		for (const lag of [1, 2, 3]) {
			it(`at ${name}, lag ${lag}: each person's text stays in one piece and both see the same`, () => {
				const start = field(initial);
				const a = new Person(start);
				const b = new Person(start);
				a.click(at);
				b.click(at);
				typeTogether(a, b, runA, runB, lag);
				const result = a.doc.getText('t').toString();
				expect(b.doc.getText('t').toString()).toBe(result);
				expect(a.input.value).toBe(result);
				expect(b.input.value).toBe(result);
				expect(result).toContain(runA);
				expect(result).toContain(runB);
				expect(result.length).toBe(initial.length + runA.length + runB.length);
				// And each caret is right after what that person typed.
				expect(result.slice(a.input.selectionStart - runA.length, a.input.selectionStart)).toBe(
					runA
				);
				expect(result.slice(b.input.selectionStart - runB.length, b.input.selectionStart)).toBe(
					runB
				);
			});
		}
	}

	it('keeps a selection on the same characters while someone types before it', () => {
		const start = field('社区义诊活动');
		const a = new Person(start);
		const b = new Person(start);
		a.input.setSelectionRange(2, 4); // 义诊
		b.click(0);
		b.type('幸福里');
		a.receive(b);
		expect(a.input.value.slice(a.input.selectionStart, a.input.selectionEnd)).toBe('义诊');
	});

	it('lands composed Chinese where the composition began, though others typed meanwhile', () => {
		const start = field('停车场');
		const a = new Person(start);
		const b = new Person(start);
		a.click(3);
		b.click(0);
		a.binding.compositionStart();
		// The input method shows pinyin, then the characters, in the element only.
		a.input.value = '停车场chongdian';
		a.input.setSelectionRange(11, 11);
		b.type('地下');
		a.receive(b); // arrives mid-composition: the element is left alone
		expect(a.input.value).toBe('停车场chongdian');
		a.input.value = '停车场充电';
		a.input.setSelectionRange(5, 5);
		a.binding.compositionEnd();
		expect(a.input.value).toBe('地下停车场充电');
		expect(a.input.selectionStart).toBe(7);
		b.receive(a);
		expect(b.doc.getText('t').toString()).toBe('地下停车场充电');
	});

	it('pastes a block of text as one change', () => {
		const a = new Person(field('联系人：'));
		a.click(4);
		a.type('王芳 138 0000 0000\n周一至周五');
		expect(a.doc.getText('t').toString()).toBe('联系人：王芳 138 0000 0000\n周一至周五');
		expect(a.outbox).toHaveLength(1);
	});
});
