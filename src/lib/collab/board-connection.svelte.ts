// The browser's live copy of a board: a Y.Doc kept in sync over the y-websocket protocol, with
// reactive state for the page (connection, presence, the plan in order).
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { planMap, readPlan, type PlanItem } from '$lib/board/plan.ts';
import { colorFor } from './colors.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface Editing {
	item: string;
	field: string;
}

export interface Peer {
	clientId: number;
	userId: string;
	name: string;
	color: string;
	editing: Editing | null;
	self: boolean;
}

export class BoardConnection {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	state = $state<ConnectionState>('connecting');
	/** Local changes made while not in sync with the server; kept and sent on reconnect. */
	unsynced = $state(0);
	peers = $state.raw<Peer[]>([]);
	plan = $state.raw<PlanItem[]>([]);
	#everConnected = false;
	#cleanup: (() => void)[] = [];

	constructor(room: string, me: { id: string; name: string }) {
		const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
		// No BroadcastChannel: every change goes through the server, which authorises and stores it.
		this.provider = new WebsocketProvider(url, room, this.doc, { disableBc: true });
		const { provider, doc } = this;

		provider.on('status', ({ status }) => {
			if (status === 'connected') this.#everConnected = true;
			this.#updateState(status);
		});
		provider.on('sync', (synced: boolean) => {
			if (synced) this.unsynced = 0;
		});
		doc.on('update', (_update: Uint8Array, origin: unknown) => {
			if (origin !== provider && !(provider.wsconnected && provider.synced)) this.unsynced++;
		});

		const plan = planMap(doc);
		const refresh = () => (this.plan = readPlan(doc));
		plan.observeDeep(refresh);
		refresh();

		provider.awareness.setLocalStateField('user', { id: me.id, name: me.name, color: colorFor(me.id) });
		const onAwareness = () => (this.peers = this.#readPeers());
		provider.awareness.on('change', onAwareness);
		onAwareness();

		// When the device goes offline, drop the socket at once (a dead socket can look open for a
		// long time) so that edits count as unsynced; when it comes back, reconnect without waiting
		// for the provider's back-off.
		const onOffline = () => {
			provider.disconnect();
			this.#updateState('disconnected');
		};
		const onOnline = () => provider.connect();
		window.addEventListener('offline', onOffline);
		window.addEventListener('online', onOnline);
		this.#cleanup.push(() => {
			window.removeEventListener('offline', onOffline);
			window.removeEventListener('online', onOnline);
		});
	}

	#updateState(status: string) {
		if (!navigator.onLine) this.state = 'offline';
		else if (status === 'connected') this.state = 'connected';
		else this.state = this.#everConnected ? 'reconnecting' : 'connecting';
	}

	#readPeers(): Peer[] {
		const self = this.provider.awareness.clientID;
		const peers: Peer[] = [];
		for (const [clientId, state] of this.provider.awareness.getStates()) {
			const user = state.user as { id?: string; name?: string; color?: string } | undefined;
			if (!user?.name || !user.id) continue;
			peers.push({
				clientId,
				userId: user.id,
				name: user.name,
				color: user.color ?? colorFor(user.id),
				editing: (state.editing as Editing | undefined) ?? null,
				self: clientId === self
			});
		}
		return peers.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
	}

	/** Tells the others which field this person is in (null when none). */
	setEditing(editing: Editing | null): void {
		this.provider.awareness.setLocalStateField('editing', editing);
	}

	destroy(): void {
		for (const fn of this.#cleanup) fn();
		this.provider.destroy();
		this.doc.destroy();
	}
}
