// Binding a plain <input> or <textarea> to a Y.Text. Local typing becomes the smallest delete and
// insert, placed where the caret says it happened; remote changes keep this person's caret and
// selection where they were in the text, as Yjs relative positions (the way y-prosemirror and
// y-codemirror do), not as numbers shifted by the change. That is what keeps two people typing at
// the same spot from scrambling each other: a caret sits after this person's last character, so a
// remote insert at the caret goes before it and never between this person's characters.
import * as Y from 'yjs';

export interface TextChange {
	index: number;
	remove: number;
	insert: string;
}

/** What the binding needs of the element: an HTMLInputElement or HTMLTextAreaElement has it. */
export interface TextElement {
	value: string;
	selectionStart: number | null;
	selectionEnd: number | null;
	setSelectionRange(start: number, end: number): void;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The single edit that turns `before` into `after` (common prefix and suffix kept). Where the
 * strings allow more than one answer (typing "b" after the "a" of "ab"), `caret` — where the caret
 * is after the edit — picks the one that ends at the caret, so the characters are attached where
 * the person typed them. It never cuts between the two halves of a surrogate pair (emoji, rare CJK
 * characters such as 𠀀).
 */
export function diffText(before: string, after: string, caret = after.length): TextChange | null {
	if (before === after) return null;
	const max = Math.min(before.length, after.length);
	// The text after the caret was not touched: match the suffix first, no further left than the caret.
	let end = 0;
	const endLimit = Math.min(max, Math.max(0, after.length - caret));
	while (end < endLimit && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
	let start = 0;
	while (start < max - end && before[start] === after[start]) start++;
	if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
	if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
	return {
		index: start,
		remove: before.length - start - end,
		insert: after.slice(start, after.length - end)
	};
}

type Selection = { start: Y.RelativePosition; end: Y.RelativePosition };

/**
 * Keeps one element and one Y.Text equal. Call `input()` on the element's input events,
 * `compositionStart()`/`compositionEnd()` around an input method's composition (pinyin → 汉字),
 * `focus()`/`blur()` as the element gains and loses focus, and `destroy()` when done. Changes made
 * here carry `origin` (undo tracks them; the binding ignores its own).
 */
export class TextBinding {
	#text: Y.Text;
	#element: TextElement;
	#origin: unknown;
	#focused = false;
	/** Where the selection was just before a change that did not come from here. */
	#selection: Selection | null = null;
	/** While an input method composes, the element is left alone: the text as it was, and where the composition began. */
	#composition: { base: string; selection: Selection; start: number; end: number } | null = null;

	constructor(text: Y.Text, element: TextElement, origin: unknown) {
		this.#text = text;
		this.#element = element;
		this.#origin = origin;
		element.value = text.toString();
		text.observe(this.#onChange);
	}

	#relative(): Selection {
		const start = this.#element.selectionStart ?? 0;
		const end = this.#element.selectionEnd ?? start;
		// A caret belongs to the character before it; a selection keeps to the characters inside it.
		return {
			start: Y.createRelativePositionFromTypeIndex(this.#text, start, start === end ? -1 : 0),
			end: Y.createRelativePositionFromTypeIndex(this.#text, end, -1)
		};
	}

	#absolute(position: Y.RelativePosition): number {
		const doc = this.#text.doc;
		const absolute = doc ? Y.createAbsolutePositionFromRelativePosition(position, doc) : null;
		return absolute && absolute.type === this.#text ? absolute.index : this.#text.length;
	}

	#beforeTransaction = (tr: Y.Transaction) => {
		if (tr.origin !== this.#origin && !this.#composition) this.#selection = this.#relative();
	};

	#onChange = (_event: Y.YTextEvent, tr: Y.Transaction) => {
		if (tr.origin === this.#origin || this.#composition) return;
		const selection = this.#selection;
		this.#element.value = this.#text.toString();
		if (this.#focused && selection)
			this.#element.setSelectionRange(
				this.#absolute(selection.start),
				this.#absolute(selection.end)
			);
	};

	focus(): void {
		if (this.#focused) return;
		this.#focused = true;
		this.#text.doc?.on('beforeTransaction', this.#beforeTransaction);
	}

	blur(): void {
		this.#focused = false;
		this.#text.doc?.off('beforeTransaction', this.#beforeTransaction);
	}

	#apply(change: TextChange): void {
		this.#text.doc?.transact(() => {
			if (change.remove > 0) this.#text.delete(change.index, change.remove);
			if (change.insert) this.#text.insert(change.index, change.insert);
		}, this.#origin);
	}

	input(): void {
		if (this.#composition) return;
		const change = diffText(
			this.#text.toString(),
			this.#element.value,
			this.#element.selectionEnd ?? undefined
		);
		if (change) this.#apply(change);
	}

	compositionStart(): void {
		const start = this.#element.selectionStart ?? 0;
		const end = this.#element.selectionEnd ?? start;
		this.#composition = { base: this.#text.toString(), selection: this.#relative(), start, end };
	}

	/** The composed text lands where the composition began, however the text moved meanwhile. */
	compositionEnd(): void {
		const composition = this.#composition;
		if (!composition) return;
		this.#composition = null;
		const { base, selection, start, end } = composition;
		const change = diffText(base, this.#element.value, this.#element.selectionEnd ?? undefined);
		if (change) {
			const from = this.#absolute(selection.start);
			// Usually the composition replaced the selection; otherwise the change lies a little to its right.
			const replacesSelection = change.index === start && change.remove === end - start;
			const index = replacesSelection
				? from
				: Math.min(from + Math.max(0, change.index - start), this.#text.length);
			const remove = replacesSelection
				? Math.max(0, this.#absolute(selection.end) - from)
				: Math.min(change.remove, this.#text.length - index);
			this.#apply({ index, remove, insert: change.insert });
			const caret = index + change.insert.length;
			this.#element.value = this.#text.toString();
			if (this.#focused) this.#element.setSelectionRange(caret, caret);
		} else if (this.#element.value !== this.#text.toString()) {
			// Nothing composed, but others typed meanwhile: show their text.
			this.#element.value = this.#text.toString();
		}
	}

	destroy(): void {
		this.blur();
		this.#text.unobserve(this.#onChange);
	}
}
