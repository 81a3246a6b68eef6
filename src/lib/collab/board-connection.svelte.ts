// The browser's live copy of a board: the board document, every unit's sheet and the meetings, each a Y.Doc
// kept in sync over the y-websocket protocol (one socket per room: the server grants rights per
// room), with reactive state for the page: connection, presence, and the lists in order.
// Presence travels on the board document alone, so each person appears once whatever they edit.
// Each document is also kept in this browser (local-copies.ts), so the board opens and works offline.
import { untrack } from 'svelte';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { BOARD_LISTS, SHEET_LISTS, observeLists, readBoard, readSheet, type BoardLists, type Sheet } from '$lib/board/lists.ts';
import { MEETING_MAPS, readMeetings, type MeetingsContent } from '$lib/board/meetings.ts';
import { colorFor } from './colors.ts';
import { LOCAL, UndoHistory } from './undo.svelte.ts';
import { dropStaleCopies, localCopyName } from './local-copies.ts';
import { readShowing, type Showing } from './follow.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Where someone's caret is: a field of an item in one of the board's documents. */
export interface Editing {
	room: string;
	item: string;
	field: string;
}

export interface Peer {
	clientId: number;
	userId: string;
	name: string;
	color: string;
	editing: Editing | null;
	/** What this client presents (follow.ts); the server lets only secretaries say so. */
	showing: Showing | null;
	self: boolean;
}

export interface DocRoom {
	room: string;
	canEdit: boolean;
}

export interface SheetRoom extends DocRoom {
	unitId: string;
}

/** One document, its provider and its local copy in this browser. */
class Live {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly local: IndexeddbPersistence;
	everConnected = false;
	/** Whether the local copy had been filled from the server before (so it can be shown before the server answers). */
	localHadCopy = false;
	unsynced = 0;

	constructor(url: string, room: string, copyName: string, onChange: () => void) {
		// Whichever answers first, the local copy or the server, the other is merged in: what the copy
		// holds that the server lacks is sent to it as an ordinary update.
		this.local = new IndexeddbPersistence(copyName, this.doc);
		this.local.whenSynced.then(async () => {
			this.localHadCopy = (await this.local.get(FETCHED)) === 1;
			// Changes still waiting from an earlier visit (the server has not confirmed them yet).
			if (!this.provider.synced) this.unsynced += Number((await this.local.get(UNSYNCED)) ?? 0);
			onChange();
		});
		// No BroadcastChannel: every change goes through the server, which authorises and stores it.
		this.provider = new WebsocketProvider(url, room, this.doc, { disableBc: true });
		this.provider.on('status', ({ status }) => {
			if (status === 'connected') this.everConnected = true;
			onChange();
		});
		this.provider.on('sync', (synced: boolean) => {
			if (synced) {
				this.#setUnsynced(0);
				void this.local.set(FETCHED, 1).catch(() => {});
			}
			onChange();
		});
		this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
			if (origin !== this.provider && origin !== this.local && !(this.provider.wsconnected && this.provider.synced)) {
				this.#setUnsynced(this.unsynced + 1);
				onChange();
			}
		});
	}

	/** Whether there is something to show: the server's copy, or one kept in this browser. */
	get ready(): boolean {
		return this.provider.synced || this.localHadCopy;
	}

	#setUnsynced(count: number) {
		this.unsynced = count;
		// Kept with the local copy (as each change is) so that a reload while offline still says what is waiting.
		void this.local.set(UNSYNCED, count).catch(() => {});
	}

	destroy() {
		this.provider.destroy();
		void this.local.destroy();
		this.doc.destroy();
	}
}

// Kept beside the document in its local copy: how many changes wait for the server, and whether
// the copy has ever been filled from the server (an empty document may be a complete one).
/** The close code the server uses when a person's rights changed (see SyncServer). */
const RIGHTS_CHANGED = 1008;

const UNSYNCED = 'unsynced';
const FETCHED = 'fetched';

export class BoardConnection {
	readonly board: Live;
	readonly sheets = new Map<string, Live>();
	readonly meetings: Live;
	readonly undo: UndoHistory;
	state = $state<ConnectionState>('connecting');
	/** Local changes made while not in sync with the server; kept and sent on reconnect. */
	unsynced = $state(0);
	/** Whether every document has had its first sync. */
	loaded = $state(false);
	peers = $state.raw<Peer[]>([]);
	lists = $state.raw<BoardLists>({ needs: [], plan: [] });
	sheetContent = $state.raw<Map<string, Sheet>>(new Map());
	meetingsContent = $state.raw<MeetingsContent>({ meetings: [], agenda: [], decisions: [], attendance: [] });
	#cleanup: (() => void)[] = [];

	/** `onRightsChanged` runs when the server closes a socket because this person's rights changed. */
	constructor(room: string, sheets: SheetRoom[], meetings: DocRoom, me: { id: string; name: string }, editable: boolean, onRightsChanged: () => void = () => {}) {
		const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
		const onStatus = () => this.#updateState();
		const copyOf = (room: string, canEdit: boolean) => localCopyName(me.id, room, canEdit ? 'write' : 'read');
		const copies = [copyOf(room, editable), ...sheets.map((s) => copyOf(s.room, s.canEdit)), copyOf(meetings.room, meetings.canEdit)];
		void dropStaleCopies(me.id, copies);
		this.board = new Live(url, room, copies[0]!, onStatus);
		sheets.forEach((sheet, i) => this.sheets.set(sheet.unitId, new Live(url, sheet.room, copies[i + 1]!, onStatus)));
		this.meetings = new Live(url, meetings.room, copies.at(-1)!, onStatus);
		this.meetings.provider.awareness.setLocalState(null);
		const refreshMeetings = () => (this.meetingsContent = readMeetings(this.meetings.doc));
		const meetingMaps = MEETING_MAPS.map((name) => this.meetings.doc.getMap(name));
		for (const map of meetingMaps) map.observeDeep(refreshMeetings);
		this.#cleanup.push(() => meetingMaps.forEach((map) => map.unobserveDeep(refreshMeetings)));
		refreshMeetings();

		const refreshBoard = () => (this.lists = readBoard(this.board.doc));
		this.#cleanup.push(observeLists(this.board.doc, BOARD_LISTS, [], refreshBoard));
		refreshBoard();
		for (const [unitId, live] of this.sheets) {
			// Sheets carry no presence of their own.
			live.provider.awareness.setLocalState(null);
			const refresh = () => (this.sheetContent = new Map(this.sheetContent).set(unitId, readSheet(live.doc)));
			this.#cleanup.push(observeLists(live.doc, SHEET_LISTS, ['claims'], refresh));
			refresh();
		}

		// Undo reaches only this person's own changes, in the documents they may write.
		const writable = [
			...(editable ? [this.board.doc] : []),
			...sheets.filter((s) => s.canEdit).map((s) => this.sheets.get(s.unitId)!.doc),
			...(meetings.canEdit ? [this.meetings.doc] : [])
		];
		this.undo = new UndoHistory(writable);

		const awareness = this.board.provider.awareness;
		// The server replaces `user` with the person signed in on the connection (awareness.ts).
		awareness.setLocalStateField('user', { id: me.id, name: me.name });
		const onAwareness = () => (this.peers = this.#readPeers());
		awareness.on('change', onAwareness);
		onAwareness();

		// When the device goes offline, drop the sockets at once (a dead socket can look open for a
		// long time) so that edits count as unsynced; when it comes back, reconnect without waiting
		// for the provider's back-off.
		const onOffline = () => {
			for (const live of this.#all()) live.provider.disconnect();
			this.#updateState();
		};
		const onOnline = () => {
			for (const live of this.#all()) live.provider.connect();
		};
		window.addEventListener('offline', onOffline);
		window.addEventListener('online', onOnline);
		this.#cleanup.push(() => {
			window.removeEventListener('offline', onOffline);
			window.removeEventListener('online', onOnline);
		});
		// Every room closes at once: say it once per change (the sockets then reconnect).
		let told = false;
		for (const live of this.#all()) {
			live.provider.on('connection-close', (event: CloseEvent | null) => {
				if (event?.code !== RIGHTS_CHANGED || told) return;
				told = true;
				onRightsChanged();
			});
			live.provider.on('status', ({ status }: { status: string }) => {
				if (status === 'connected') told = false;
			});
		}
		this.#updateState();
	}

	#all(): Live[] {
		return [this.board, ...this.sheets.values(), this.meetings];
	}

	/** The document behind a unit's sheet. */
	sheetDoc(unitId: string): Y.Doc | undefined {
		return this.sheets.get(unitId)?.doc;
	}

	#updateState() {
		const all = this.#all();
		this.unsynced = all.reduce((sum, live) => sum + live.unsynced, 0);
		this.loaded ||= all.every((live) => live.ready);
		if (!navigator.onLine) this.state = 'offline';
		else if (all.every((live) => live.provider.wsconnected)) this.state = 'connected';
		else this.state = all.some((live) => live.everConnected) ? 'reconnecting' : 'connecting';
	}

	#readPeers(): Peer[] {
		const awareness = this.board.provider.awareness;
		const peers: Peer[] = [];
		for (const [clientId, state] of awareness.getStates()) {
			const user = state.user as { id?: string; name?: string } | undefined;
			if (!user?.name || !user.id) continue;
			peers.push({
				clientId,
				userId: user.id,
				name: user.name,
				color: colorFor(user.id),
				editing: (state.editing as Editing | undefined) ?? null,
				showing: readShowing(state.showing),
				self: clientId === awareness.clientID
			});
		}
		return peers.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
	}

	/** Tells the others which field this person is in (null when none). */
	setEditing(editing: Editing | null): void {
		this.board.provider.awareness.setLocalStateField('editing', editing);
	}

	/** Tells followers what this person shows (null: not presenting). Only secretaries' reaches them. */
	setShowing(showing: Showing | null): void {
		this.board.provider.awareness.setLocalStateField('showing', showing);
	}

	destroy(): void {
		for (const fn of this.#cleanup) fn();
		this.undo.destroy();
		for (const live of this.#all()) live.destroy();
	}
}

export { LOCAL };

/** What a page of a board is given to connect with (server/board-rooms.ts). */
export interface BoardRoomsData {
	room: string;
	canEdit: boolean;
	meetings: DocRoom;
	units: { id: string; room: string; canEdit: boolean }[];
	me: { id: string; name: string };
}

/**
 * A page's live board, opened again whenever this person's rights change (a new role, the plan
 * agreed and locked): the server closes the sockets with "rights changed", `onRightsChanged` reloads
 * the page's data, and the connection is rebuilt for what the data now says. Call it while the
 * component is set up; the connection closes with the component.
 */
export function liveBoard(data: () => BoardRoomsData, onRightsChanged: () => void): { readonly current: BoardConnection | null } {
	let connection = $state<BoardConnection | null>(null);
	const rights = $derived.by(() => {
		const { room, canEdit, units, meetings } = data();
		return JSON.stringify([room, canEdit, units.map((u) => [u.id, u.room, u.canEdit]), meetings]);
	});
	$effect(() => {
		void rights;
		const live = untrack(() => {
			const { room, canEdit, units, meetings, me } = data();
			return new BoardConnection(room, units.map((u) => ({ unitId: u.id, room: u.room, canEdit: u.canEdit })), meetings, me, canEdit, onRightsChanged);
		});
		connection = live;
		return () => live.destroy();
	});
	return {
		get current() {
			return connection;
		}
	};
}
