// One page's side of follow mode (see follow.ts): whether this person presents or follows, who
// presents, and the effects that publish what this page shows or apply what the presenter shows.
// Presenting and following exclude each other: a follower never publishes `showing`.
import { tick, untrack } from 'svelte';
import type { BoardConnection, Peer } from './board-connection.svelte.ts';
import { sameShowing, type Showing } from './follow.ts';
import { scrollToItem, throttle, topItemId } from './scroll.ts';

export class FollowMode {
	following = $state(false);
	/** This person stopped following by choosing a view themselves: the bar says so until they follow again. */
	stoppedByChoice = $state(false);
	presenting = $state(false);
	/** The item at the top of this page, as it scrolls (for presenting). */
	topItem = $state<string | null>(null);
	#connection: () => BoardConnection | null;
	#applied: Showing | null = null;
	#published: Showing | null = null;
	/** The connection `#published` went out on: a connection rebuilt (rights changed) is told again. */
	#publishedOn: BoardConnection | null = null;

	constructor(connection: () => BoardConnection | null) {
		this.#connection = connection;
	}

	/** Who presents, other than this very page: the first in the presence list. */
	get presenter(): Peer | null {
		return this.#connection()?.peers.find((p) => !p.self && p.showing) ?? null;
	}

	/** What the presenter shows, while this person follows. */
	get shown(): Showing | null {
		return this.following ? (this.presenter?.showing ?? null) : null;
	}

	follow(): void {
		this.setPresenting(false);
		this.following = true;
		this.stoppedByChoice = false;
		this.#applied = null;
	}

	unfollow(): void {
		this.following = false;
		this.stoppedByChoice = false;
	}

	/** The person picked a view (tab) themselves: that ends following, and the bar says why. */
	chose(): void {
		if (!this.following) return;
		this.following = false;
		this.stoppedByChoice = true;
	}

	setPresenting(on: boolean): void {
		this.presenting = on;
		if (on) this.unfollow();
		else if (this.#published) {
			this.#published = null;
			this.#publishedOn = null;
			this.#connection()?.setShowing(null);
		}
	}

	/** Call while a component initialises. Applies what the presenter shows whenever it changes while
	 *  following (and not on every other presence change, so the follower may still scroll around):
	 *  `apply` switches the view, then the presented item is scrolled to just under `offset`. */
	applyWith(apply: (shown: Showing) => void, offset: () => number): void {
		$effect(() => {
			const shown = this.shown;
			if (!shown || sameShowing(shown, this.#applied)) return;
			this.#applied = shown;
			untrack(() => apply(shown));
			const item = shown.item;
			if (item)
				void tick().then(() =>
					untrack(() => scrollSoon(item, offset(), () => sameShowing(this.shown, shown)))
				);
		});
	}

	/** Call while a component initialises. While presenting, publishes `current()` as it changes, and
	 *  keeps `topItem` up to date as the page scrolls (throttled), `offset` being the sticky header's height. */
	publishWith(current: () => Omit<Showing, 'item'>, offset: () => number): void {
		$effect(() => {
			if (!this.presenting) return;
			const onScroll = throttle(() => (this.topItem = topItemId(offset())), 200);
			onScroll();
			window.addEventListener('scroll', onScroll, { passive: true });
			return () => {
				onScroll.cancel();
				window.removeEventListener('scroll', onScroll);
			};
		});
		$effect(() => {
			const connection = this.#connection();
			if (!this.presenting || !connection) return;
			const showing: Showing = { ...current(), item: this.topItem };
			if (connection === this.#publishedOn && sameShowing(showing, this.#published)) return;
			this.#published = showing;
			this.#publishedOn = connection;
			untrack(() => connection.setShowing(showing));
		});
	}

	/** After the page changed view itself: look again at which item is on top. */
	rescan(offset: number): void {
		if (this.presenting) requestAnimationFrame(() => (this.topItem = topItemId(offset)));
	}
}

/** Scrolls to the item once it is on the page (its view may still be rendering), for a few frames at
 *  most, and only while `still()` (the presenter has not moved on meanwhile). */
function scrollSoon(item: string, offset: number, still: () => boolean, frames = 30): void {
	if (!still() || scrollToItem(item, offset) || frames === 0) return;
	requestAnimationFrame(() => scrollSoon(item, offset, still, frames - 1));
}
