/** The look of every text control, so inputs, selects and collaborative fields match. */
export const inputClass =
	'h-10 max-sm:h-11 w-full rounded-lg border border-line bg-surface px-3 text-ink placeholder:text-ink-muted/60 ' +
	'focus:border-focus focus:outline-none focus:ring-2 focus:ring-focus/25 ' +
	'disabled:bg-canvas disabled:text-ink-muted aria-[invalid=true]:border-danger';
