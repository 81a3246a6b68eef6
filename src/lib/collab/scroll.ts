// Which item is at the top of the screen, and bringing one there: what a presenter's scrolling
// says and what a follower's screen does with it. Items are the elements with `data-item-id` (cards
// on the board page, rows on the projector), in document order.

function visible(el: Element): boolean {
	return (
		el instanceof HTMLElement && el.offsetParent !== null && el.getBoundingClientRect().height > 0
	);
}

/** The first visible item whose bottom is below `offset` (the sticky header's bottom), or null. */
export function topItemId(offset = 0): string | null {
	for (const el of document.querySelectorAll('[data-item-id]')) {
		if (!visible(el)) continue;
		if (el.getBoundingClientRect().bottom > offset + 1) return el.getAttribute('data-item-id');
	}
	return null;
}

/** Scrolls so that the visible item `id` starts just under `offset`; false when it is not on the page. */
export function scrollToItem(id: string, offset = 0): boolean {
	const el = [...document.querySelectorAll(`[data-item-id="${CSS.escape(id)}"]`)].find(visible);
	if (!el) return false;
	window.scrollTo({
		top: el.getBoundingClientRect().top + window.scrollY - offset,
		behavior: 'instant'
	});
	return true;
}

/** Calls `fn` at most once per `ms`, and once more after the last call (so the final position counts). */
export function throttle(fn: () => void, ms: number): { (): void; cancel(): void } {
	let last = 0;
	let timer: ReturnType<typeof setTimeout> | null = null;
	const run = () => {
		timer = null;
		last = Date.now();
		fn();
	};
	const call = () => {
		if (timer) return;
		const wait = last + ms - Date.now();
		if (wait <= 0) run();
		else timer = setTimeout(run, wait);
	};
	call.cancel = () => {
		if (timer) clearTimeout(timer);
		timer = null;
	};
	return call;
}
