// Real y-websocket clients in Node, sending a session cookie on the upgrade as a browser would.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

// y-websocket registers one process 'exit' handler per provider; tests open more than ten at once.
process.setMaxListeners(100);

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	synced: Promise<void>;
	destroy(): void;
}

export function connect(wsUrl: string, room: string, cookie: string): Client {
	class CookieWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie } });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(wsUrl, room, doc, {
		WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', () => resolve());
	});
	return {
		doc,
		provider,
		synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** The HTTP status of a refused upgrade (or 101 when it was accepted). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.on('open', () => {
			resolve(101);
			ws.close();
		});
		ws.on('error', (err) => {
			if (!/Unexpected server response/.test(err.message)) reject(err);
		});
	});
}

/** Polls until `check` passes or the time is up (then throws the last failure). */
export async function eventually(
	check: () => void | Promise<void>,
	timeoutMs = 5000
): Promise<void> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		try {
			await check();
			return;
		} catch (err) {
			if (Date.now() > until) throw err;
			await new Promise((r) => setTimeout(r, 20));
		}
	}
}
