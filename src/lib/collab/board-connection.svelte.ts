// The browser's live copy of a board: the board document, every unit's sheet and the meetings, each a Y.Doc
// kept in sync over the y-websocket protocol (one socket per room: the server grants rights per
// room), with reactive state for the page: connection, presence, and the lists in order.
// Presence travels on the board document alone, so each person appears once whatever they edit.
// Each document is also kept in this browser (local-copies.ts), so the board opens and works offline.
import { untrack } from 'svelte';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { observeLists, readBoard, readSheet } from '$lib/board/ydoc/lists.ts';
import {
	BOARD_LISTS,
	SHEET_LISTS,
	type BoardLists,
	type Sheet
} from '$lib/board/model/lists/index.ts';
import { MEETING_MAPS, readMeetings } from '$lib/board/ydoc/meetings.ts';
import type { MeetingsContent } from '$lib/board/model/meetings.ts';
import { colorFor } from './colors.ts';
import {
	LOCAL,
	UndoHistory,
	keptDeletionsFilter,
	readKeptHistory,
	writeKeptHistory
} from './undo.svelte.ts';
import { dropStaleCopies, localCopyName, undoHistoryName } from './local-copies.ts';
import * as decoding from 'lib0/decoding';
import {
	CLOSE,
	MESSAGE_NOTICE,
	MESSAGE_SYNC,
	NOTICE,
	SYNC_STEP_2,
	SYNC_UPDATE
} from '$lib/sync/protocol.ts';
import { PendingChanges, changedFields, type FieldKey } from './pending.ts';
import { UnsavedChanges, describe, type UnsavedReason } from './unsaved.svelte.ts';
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

/** What a document's connection tells the board about. */
interface LiveHooks {
	onChange(): void;
	/** Changes the server will not take, to be described from `doc` and shown. */
	onUnsaved(keys: FieldKey[], doc: Y.Doc, reason: UnsavedReason): void;
	/** The server gives this connection other rights, or tells another status of the board, than the
	 *  page was loaded with (the plan was locked or moved on while this page was away). */
	onRightsStale(): void;
	/** The board's status as the page was loaded with it. */
	readonly status: string;
	/** The server closed the connection for good (session ended, a change it will never take). */
	onClosed(code: number): void;
}

const CLOSED_REASON: Partial<Record<number, UnsavedReason>> = {
	[CLOSE.updateTooLarge]: 'too-large',
	[CLOSE.invalid]: 'invalid'
};

/** One document, its provider and its local copy in this browser. */
class Live {
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
	readonly local: IndexeddbPersistence;
	/** This person's changes the server has not confirmed (see pending.ts). */
	readonly pending = new PendingChanges();
	everConnected = false;
	/** Whether the local copy had been filled from the server before (so it can be shown before the server answers). */
	localHadCopy = false;
	/** The close code with which the server ended this connection for good, if it did. */
	closedFor: number | null = null;
	#sent = 0;
	#saved = 0;
	#rightsStale = false;
	#persistTimer: ReturnType<typeof setTimeout> | undefined;
	#connectTimer: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;
	#hooks: LiveHooks;

	/** `gcFilter`: items whose content the garbage collector must leave (kept undo steps need it). */
	constructor(
		url: string,
		room: string,
		copyName: string,
		canEdit: boolean,
		hooks: LiveHooks,
		gcFilter: (item: Y.Item) => boolean
	) {
		this.#hooks = hooks;
		this.doc = new Y.Doc({ gcFilter });
		// The local copy loads first, then the server is asked for what it lacks: what the copy holds
		// that the server lacks is sent to it as an ordinary update. Loading the copy first keeps the
		// content of this person's deletions, which the server no longer has (kept undo steps need it);
		// a copy that does not load soon is not waited for.
		this.local = new IndexeddbPersistence(copyName, this.doc);
		const connect = () => {
			clearTimeout(this.#connectTimer);
			if (!this.#destroyed && !this.provider.shouldConnect) this.provider.connect();
		};
		this.#connectTimer = setTimeout(connect, 1000);
		this.local.whenSynced.then(async () => {
			connect();
			this.localHadCopy = (await this.local.get(FETCHED)) === 1;
			this.#restore(await this.local.get(PENDING));
			hooks.onChange();
		});
		// Counts the sync updates sent on each connection, as the server numbers them in its notices.
		const onSent = () => this.pending.sent(++this.#sent);
		class CountingWebSocket extends WebSocket {
			override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
				super.send(data);
				if (
					data instanceof Uint8Array &&
					data[0] === MESSAGE_SYNC &&
					(data[1] === SYNC_STEP_2 || data[1] === SYNC_UPDATE)
				)
					onSent();
			}
		}
		// No BroadcastChannel: every change goes through the server, which authorises and stores it.
		this.provider = new WebsocketProvider(url, room, this.doc, {
			connect: false,
			disableBc: true,
			params: { notices: '1' },
			WebSocketPolyfill: CountingWebSocket
		});
		this.provider.messageHandlers[MESSAGE_NOTICE] = (_encoder, decoder) =>
			this.#notice(decoder, canEdit);
		this.provider.on('status', ({ status }) => {
			if (status === 'connected') {
				this.everConnected = true;
				this.#sent = this.#saved = 0;
				this.#rightsStale = false;
			} else if (status === 'disconnected') this.pending.disconnected();
			hooks.onChange();
		});
		this.provider.on('sync', (synced: boolean) => {
			if (synced) void this.local.set(FETCHED, 1).catch(() => {});
			hooks.onChange();
		});
		this.provider.on('connection-close', (event: CloseEvent | null) => {
			const code = event?.code;
			if (code === undefined || code < 4400 || code >= 4500) return;
			this.closedFor = code;
			const reason = CLOSED_REASON[code];
			if (reason) {
				// The server will never take what this copy holds: say what it was, and start afresh on reload.
				hooks.onUnsaved(this.pending.takeAll(), this.doc, reason);
				void this.local.clearData().catch(() => {});
			}
			hooks.onClosed(code);
		});
		this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
			if (
				!transaction.local ||
				transaction.origin === this.provider ||
				transaction.origin === this.local
			)
				return;
			const keys = changedFields(transaction);
			if (keys.length === 0) return;
			this.pending.changed(keys);
			this.#persist();
			hooks.onChange();
		});
	}

	/** Whether there is something to show: the server's copy, or one kept in this browser. */
	get ready(): boolean {
		return this.provider.synced || this.localHadCopy;
	}

	#notice(decoder: decoding.Decoder, canEdit: boolean) {
		const kind = decoding.readVarUint(decoder);
		if (kind === NOTICE.access) {
			const mayWrite = decoding.readVarString(decoder) === 'write';
			const status = decoding.hasContent(decoder)
				? decoding.readVarString(decoder)
				: this.#hooks.status;
			if ((mayWrite && !canEdit) || (mayWrite === canEdit && status !== this.#hooks.status))
				this.#hooks.onRightsStale();
			// Now read-only: first learn what becomes of the changes this copy sends, then reload.
			else if (!mayWrite && canEdit) this.#rightsStale = true;
			return;
		}
		if (kind === NOTICE.saved) {
			this.#saved = decoding.readVarUint(decoder);
			this.pending.saved(this.#saved);
		} else if (kind === NOTICE.refused) {
			const update = decoding.readVarUint(decoder);
			const reason = decoding.readVarString(decoder) as UnsavedReason;
			this.#hooks.onUnsaved(this.pending.refused(update), this.doc, reason);
		} else return;
		this.#persist();
		this.#hooks.onChange();
		if (this.#rightsStale) {
			this.#rightsStale = false;
			this.#hooks.onRightsStale();
		}
	}

	/** Fields still waiting from an earlier visit, as kept with the local copy. */
	#restore(stored: unknown) {
		const keys = parsePending(stored);
		if (keys.length === 0) return;
		if (!this.provider.wsconnected || this.#sent === 0) return this.pending.changed(keys); // they go with the coming step 2
		if (this.#saved >= this.#sent) return; // the copy was sent on this connection, and stored
		this.pending.changed(keys);
		this.pending.sent(this.#sent);
	}

	/** Kept with the local copy (soon after each change) so that a reload still knows what waits. */
	#persist() {
		clearTimeout(this.#persistTimer);
		this.#persistTimer = setTimeout(() => this.#writePending(), 300);
	}

	#writePending() {
		void this.local.set(PENDING, JSON.stringify(this.pending.keys())).catch(() => {});
	}

	destroy() {
		this.#destroyed = true;
		clearTimeout(this.#persistTimer);
		clearTimeout(this.#connectTimer);
		this.#writePending();
		this.provider.destroy();
		void this.local.destroy();
		this.doc.destroy();
	}
}

/** The pending fields kept with a local copy (anything else reads as none). */
export function parsePending(stored: unknown): FieldKey[] {
	try {
		const keys: unknown = typeof stored === 'string' ? JSON.parse(stored) : [];
		if (!Array.isArray(keys)) return [];
		return keys.filter(
			(k): k is FieldKey =>
				typeof k?.list === 'string' &&
				typeof k?.item === 'string' &&
				(k.field === null || typeof k.field === 'string')
		);
	} catch {
		return [];
	}
}

// Kept beside the document in its local copy: the fields that wait for the server, and whether
// the copy has ever been filled from the server (an empty document may be a complete one).
const PENDING = 'pending';
const FETCHED = 'fetched';

export class BoardConnection {
	readonly board: Live;
	readonly sheets = new Map<string, Live>();
	readonly meetings: Live;
	readonly undo: UndoHistory;
	state = $state<ConnectionState>('connecting');
	/** Fields this person changed that the server has not confirmed yet; kept and sent on reconnect. */
	unsynced = $state(0);
	/** Changes the server did not take, with what was typed (kept in this browser until dismissed). */
	readonly unsaved: UnsavedChanges;
	/** The server ended a connection for good: the session ended, or a change it will never take. */
	closed = $state<'session-ended' | 'refused' | null>(null);
	/** Whether every document has had its first sync. */
	loaded = $state(false);
	peers = $state.raw<Peer[]>([]);
	lists = $state.raw<BoardLists>({ needs: [], plan: [] });
	sheetContent = $state.raw<Map<string, Sheet>>(new Map());
	meetingsContent = $state.raw<MeetingsContent>({
		meetings: [],
		agenda: [],
		decisions: [],
		attendance: []
	});
	#cleanup: (() => void)[] = [];

	/** `onRightsChanged` runs when the server closes a socket because this person's rights changed. */
	constructor(
		room: string,
		sheets: SheetRoom[],
		meetings: DocRoom,
		me: { id: string; name: string },
		{ editable, status }: { editable: boolean; status: string },
		onRightsChanged: () => void = () => {}
	) {
		const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
		const boardId = room.slice(room.indexOf(':') + 1);
		this.unsaved = new UnsavedChanges(me.id);
		const keep = (keys: FieldKey[], doc: Y.Doc, reason: UnsavedReason) =>
			this.unsaved.add(describe(doc, keys, boardId, reason));
		// Every room is told at once (a lock closes them all): reload once per change.
		let stale = false;
		const hooks: LiveHooks = {
			status,
			onChange: () => this.#updateState(),
			onUnsaved: keep,
			onRightsStale: () => {
				if (stale) return;
				stale = true;
				onRightsChanged();
			},
			onClosed: (code) => {
				this.closed = code === CLOSE.sessionEnded ? 'session-ended' : 'refused';
				this.#updateState();
			}
		};
		const copyOf = (room: string, canEdit: boolean) =>
			localCopyName(me.id, room, canEdit ? 'write' : 'read');
		const rooms: [string, boolean][] = [
			[room, editable],
			...sheets.map((s): [string, boolean] => [s.room, s.canEdit]),
			[meetings.room, meetings.canEdit]
		];
		const copies = rooms.map(([name, canEdit]) => copyOf(name, canEdit));
		// A copy this person wrote while they could edit holds what the server did not confirm: told, then dropped.
		void dropStaleCopies(me.id, copies, (name) =>
			rescuePending(name, (keys, doc) => keep(keys, doc, 'read-only'))
		);
		const historyName = undoHistoryName(me.id, room);
		const kept = readKeptHistory(historyName);
		const live = ([name, canEdit]: [string, boolean], i: number) =>
			new Live(url, name, copies[i]!, canEdit, hooks, keptDeletionsFilter(kept, name));
		this.board = live(rooms[0]!, 0);
		sheets.forEach((sheet, i) => this.sheets.set(sheet.unitId, live(rooms[i + 1]!, i + 1)));
		this.meetings = live(rooms.at(-1)!, rooms.length - 1);
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
			const refresh = () =>
				(this.sheetContent = new Map(this.sheetContent).set(unitId, readSheet(live.doc)));
			this.#cleanup.push(observeLists(live.doc, SHEET_LISTS, ['claims'], refresh));
			refresh();
		}

		// Undo reaches only this person's own changes, in the documents they may write; the history of
		// an earlier page comes back once their local copies have loaded what its steps name.
		const writable: [string, Live][] = [
			...(editable ? [[room, this.board] as [string, Live]] : []),
			...sheets
				.filter((s) => s.canEdit)
				.map((s): [string, Live] => [s.room, this.sheets.get(s.unitId)!]),
			...(meetings.canEdit ? [[meetings.room, this.meetings] as [string, Live]] : [])
		];
		this.undo = new UndoHistory(writable.map(([room, live]) => ({ room, doc: live.doc })));
		const undo = this.undo;
		void Promise.all(writable.map(([, live]) => live.local.whenSynced)).then(
			() => undo.resume(kept, (history) => writeKeptHistory(historyName, history)),
			() => {}
		);
		const keepUndo = () => undo.keepNow();
		window.addEventListener('pagehide', keepUndo);
		this.#cleanup.push(() => window.removeEventListener('pagehide', keepUndo));

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
			for (const live of this.#all()) if (live.closedFor === null) live.provider.connect();
		};
		window.addEventListener('offline', onOffline);
		window.addEventListener('online', onOnline);
		this.#cleanup.push(() => {
			window.removeEventListener('offline', onOffline);
			window.removeEventListener('online', onOnline);
		});
		for (const live of this.#all()) {
			live.provider.on('connection-close', (event: CloseEvent | null) => {
				if (event?.code === CLOSE.rightsChanged) hooks.onRightsStale();
			});
			live.provider.on('status', ({ status }: { status: string }) => {
				if (status === 'connected') stale = false;
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
		this.unsynced = all.reduce((sum, live) => sum + live.pending.size, 0);
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
		this.unsaved.destroy();
		this.undo.destroy();
		for (const live of this.#all()) live.destroy();
	}
}

export { LOCAL };

/** What a page of a board is given to connect with (server/docs/board-rooms.ts, pageRooms). */
export interface BoardRoomsData {
	room: string;
	canEdit: boolean;
	meetings: DocRoom;
	units: { id: string; room: string; canEdit: boolean }[];
	me: { id: string; name: string };
	status: string;
}

/**
 * A page's live board, opened again whenever this person's rights change (a new role, the plan
 * agreed and locked): the server closes the sockets with "rights changed", `onRightsChanged` reloads
 * the page's data, and the connection is rebuilt for what the data now says. Call it while the
 * component is set up; the connection closes with the component.
 */
export function liveBoard(
	data: () => BoardRoomsData,
	onRightsChanged: () => void
): { readonly current: BoardConnection | null } {
	let connection = $state<BoardConnection | null>(null);
	const rights = $derived.by(() => {
		const { room, canEdit, units, meetings, status } = data();
		return JSON.stringify([
			room,
			canEdit,
			units.map((u) => [u.id, u.room, u.canEdit]),
			meetings,
			status
		]);
	});
	$effect(() => {
		void rights;
		const live = untrack(() => {
			const { room, canEdit, units, meetings, me, status } = data();
			return new BoardConnection(
				room,
				units.map((u) => ({ unitId: u.id, room: u.room, canEdit: u.canEdit })),
				meetings,
				me,
				{ editable: canEdit, status },
				onRightsChanged
			);
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

/** Opens a stale local copy, hands its pending fields (if any) to `keep` with the copy's document. */
async function rescuePending(
	name: string,
	keep: (keys: FieldKey[], doc: Y.Doc) => void
): Promise<void> {
	const doc = new Y.Doc();
	const copy = new IndexeddbPersistence(name, doc);
	try {
		await copy.whenSynced;
		const keys = parsePending(await copy.get(PENDING));
		if (keys.length > 0) keep(keys, doc);
	} catch {
		// A copy that cannot be read has nothing to tell.
	} finally {
		await copy.destroy();
		doc.destroy();
	}
}
