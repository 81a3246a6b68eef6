// Binding a plain <input> to a Y.Text: local typing becomes the smallest delete+insert, and a
// remote change moves the caret the way the text around it moved.

export interface TextChange {
	index: number;
	remove: number;
	insert: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The single edit that turns `before` into `after` (common prefix and suffix kept). It never
 *  cuts between the two halves of a surrogate pair (emoji, rare CJK characters such as 𠀀). */
export function diffText(before: string, after: string): TextChange | null {
	if (before === after) return null;
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before[start] === after[start]) start++;
	if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
	let end = 0;
	while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
	if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
	return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

export type Delta = { retain?: number; insert?: unknown; delete?: number }[];

/** Where a caret at `index` ends up after a Yjs text delta (a remote insert at the caret pushes it on). */
export function transformIndex(delta: Delta, index: number): number {
	let pos = 0;
	let result = index;
	for (const op of delta) {
		if (op.retain !== undefined) pos += op.retain;
		else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			if (pos <= index) result += length;
			pos += length;
		} else if (op.delete !== undefined) {
			if (pos < index) result -= Math.min(op.delete, index - pos);
		}
		if (pos > index) break;
	}
	return Math.max(0, result);
}
