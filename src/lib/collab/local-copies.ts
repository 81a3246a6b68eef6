// The copies of board documents a browser keeps (IndexedDB, through y-indexeddb) so that a board
// opens at once, survives a reload without a connection, and keeps the changes made offline until
// the server has them. A copy belongs to one person and one kind of access to one room: another
// person on the same device never sees it, and a copy written while the person could edit is
// dropped once they no longer may (the server would refuse what it holds).
// Pages the service worker keeps for offline use go together with them (see service-worker.ts).

const PREFIX = 'gongjian:';
/** Pages kept for offline use live in one cache per person: `gongjian-pages:<userId>`. */
export const PAGE_CACHES = 'gongjian-pages:';

export type CopyAccess = 'write' | 'read';

export function localCopyName(userId: string, room: string, access: CopyAccess): string {
	return `${PREFIX}${userId}:${access}:${room}`;
}

/** Of the copies `names`, those of other people and this person's copies of `keep`'s rooms with another access. */
export function staleCopies(names: string[], userId: string, keep: string[]): string[] {
	const rooms = new Set(keep.map(roomOf));
	return names.filter(
		(name) =>
			name.startsWith(PREFIX) &&
			(!name.startsWith(`${PREFIX}${userId}:`) || (!keep.includes(name) && rooms.has(roomOf(name))))
	);
}

function roomOf(name: string): string {
	// gongjian:<userId>:<access>:<room> — the room may itself contain colons.
	return name.split(':').slice(3).join(':');
}

async function localCopyNames(): Promise<string[]> {
	if (typeof indexedDB === 'undefined' || !indexedDB.databases) return [];
	const dbs = await indexedDB.databases();
	return dbs.map((db) => db.name ?? '').filter((name) => name.startsWith(PREFIX));
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		// A copy still open in another tab blocks deletion until that tab lets go; do not wait for it.
		request.onsuccess = request.onerror = request.onblocked = () => resolve();
	});
}

/**
 * Before a person opens copies `keep`: removes other people's copies and this person's copies of
 * the same rooms with another access. `rescue` first reads each of this person's own (what they
 * changed and the server never confirmed is told to them, not dropped without a word).
 */
export async function dropStaleCopies(
	userId: string,
	keep: string[],
	rescue?: (name: string) => Promise<void>
): Promise<void> {
	const own = `${PREFIX}${userId}:`;
	await Promise.all(
		staleCopies(await localCopyNames(), userId, keep).map(async (name) => {
			if (rescue && name.startsWith(own)) await rescue(name);
			await deleteDatabase(name);
		})
	);
}

/** On sign-out: every local copy and every cached page goes. */
export async function forgetEverything(): Promise<void> {
	for (const key of Object.keys(localStorage))
		if (key.startsWith(UNSAVED) || key.startsWith(UNDO)) localStorage.removeItem(key);
	await Promise.all([...(await localCopyNames()).map(deleteDatabase), dropPageCaches(() => true)]);
}

async function dropPageCaches(which: (userId: string) => boolean): Promise<void> {
	if (typeof caches === 'undefined') return;
	const names = (await caches.keys()).filter(
		(name) => name.startsWith(PAGE_CACHES) && which(name.slice(PAGE_CACHES.length))
	);
	await Promise.all(names.map((name) => caches.delete(name)));
}

const LAST_USER = 'gongjian:user';
/** Changes the server did not take, per person (unsaved.svelte.ts). */
export const UNSAVED = 'gongjian:unsaved:';
/** Undo histories kept between pages (undo.svelte.ts), per person and board. */
const UNDO = 'gongjian:undo:';

export function undoHistoryName(userId: string, boardRoom: string): string {
	return `${UNDO}${userId}:${boardRoom}`;
}

/**
 * When someone else than last time is signed in on this device (the earlier person's session ended
 * without signing out), their kept pages and copies go. A person's own copies stay across sessions,
 * so changes made offline before a session expired still reach the server after signing in again.
 */
export async function noteSignedIn(userId: string): Promise<void> {
	if (localStorage.getItem(LAST_USER) === userId) return;
	for (const key of Object.keys(localStorage))
		if (key.startsWith(UNDO) && !key.startsWith(`${UNDO}${userId}:`)) localStorage.removeItem(key);
	await Promise.all([dropStaleCopies(userId, []), dropPageCaches((owner) => owner !== userId)]);
	localStorage.setItem(LAST_USER, userId);
}

/** Keeps the page at `url` (as the server renders it now for `userId`) for opening without a connection. */
export async function keepPageForOffline(userId: string, url: string): Promise<void> {
	if (typeof caches === 'undefined') return;
	try {
		const cache = await caches.open(PAGE_CACHES + userId);
		const response = await fetch(url, { credentials: 'same-origin' });
		// Only the page itself: not a redirect to sign-in, not an error.
		if (response.ok && !response.redirected) await cache.put(url, response);
	} catch {
		// Offline or storage refused: the page simply is not kept this time.
	}
}
