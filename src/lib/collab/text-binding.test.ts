import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, transformIndex, type Delta } from './text-binding.ts';

describe('diffText', () => {
	it('finds the single change between two strings', () => {
		expect(diffText('abc', 'abc')).toBeNull();
		expect(diffText('义诊', '重阳节义诊')).toEqual({ index: 0, remove: 0, insert: '重阳节' });
		expect(diffText('abcdef', 'abXYef')).toEqual({ index: 2, remove: 2, insert: 'XY' });
		expect(diffText('aaa', 'aa')).toEqual({ index: 2, remove: 1, insert: '' });
		expect(diffText('', 'x')).toEqual({ index: 0, remove: 0, insert: 'x' });
	});

	it('applied to a Y.Text, turns one string into the other', () => {
		for (const [a, b] of [['社区义诊', '社区敬老义诊活动'], ['hello world', 'help'], ['', '四点半课堂'], ['xyz', ''], ['😃', '😀😃'], ['𠀀', '𠀁𠀀'], ['a😃b', 'a😄b'], ['😀😃', '😀']]) {
			const text = new Y.Doc().getText();
			text.insert(0, a!);
			const change = diffText(a!, b!)!;
			text.delete(change.index, change.remove);
			text.insert(change.index, change.insert);
			expect(text.toString()).toBe(b);
			expect(text.toString()).not.toContain('\ufffd');
		}
	});
});

describe('transformIndex', () => {
	const delta = (ops: Delta) => ops;
	it('moves a caret after an insert before it, not after one behind it', () => {
		expect(transformIndex(delta([{ insert: 'ab' }]), 3)).toBe(5);
		expect(transformIndex(delta([{ retain: 5 }, { insert: 'ab' }]), 3)).toBe(3);
	});
	it('pulls a caret back over a deletion before it', () => {
		expect(transformIndex(delta([{ retain: 1 }, { delete: 2 }]), 5)).toBe(3);
		expect(transformIndex(delta([{ retain: 1 }, { delete: 10 }]), 5)).toBe(1);
	});
});
