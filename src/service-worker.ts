/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Lets a board the person has opened before open again without a connection: the app's own files
// are kept per version, and a board page, which keeps itself when opened (local-copies.ts), is
// served from there when the network fails. The documents themselves come from the browser's local
// copies (y-indexeddb). Sign-out removes the kept pages along with the copies.
import { build, files, version } from '$service-worker';
import { PAGE_CACHES } from '$lib/collab/local-copies.ts';

const sw = self as unknown as ServiceWorkerGlobalScope;
const APP_CACHE = `gongjian-app-${version}`;
const APP_FILES = new Set([...build, ...files]);

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(APP_CACHE).then((cache) => cache.addAll([...APP_FILES])));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches.keys().then((keys) => {
			const older = keys.filter((key) => key.startsWith('gongjian-app-') && key !== APP_CACHE);
			// Pages kept under an older version point at the files that version had: they go with them.
			const pages = older.length ? keys.filter((key) => key.startsWith(PAGE_CACHES)) : [];
			return Promise.all([...older, ...pages].map((key) => caches.delete(key)));
		})
	);
});

sw.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	if (event.request.method !== 'GET' || url.origin !== sw.location.origin) return;
	if (APP_FILES.has(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((kept) => kept ?? fetch(event.request)));
	} else if (event.request.mode === 'navigate') {
		event.respondWith(
			// Kept pages are only ever those of the person signed in on this device (see noteSignedIn).
			fetch(event.request).catch(
				async (err) =>
					(await caches.match(event.request, { ignoreSearch: true })) ?? Promise.reject(err)
			)
		);
	}
});
