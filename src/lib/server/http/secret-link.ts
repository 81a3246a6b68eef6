// A page opened by a secret link (an invitation token, a check-in code): the secret is in the
// address, so keep the page out of caches and the address out of other sites' Referer headers.
// Not 'no-referrer': with it a browser sends `Origin: null` on the page's form posts, which
// SvelteKit's cross-site check refuses, so that the forms failed without JavaScript.
import type { RequestEvent } from '@sveltejs/kit';

export function keepLinkPrivate(event: Pick<RequestEvent, 'setHeaders'>): void {
	event.setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' });
}
