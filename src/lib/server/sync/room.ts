// One live document and the connections editing it. The room knows the wire protocol and its
// rules (read-only connections, persist before relay); storage and authorisation live elsewhere.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Access } from '../access.ts';
import { authenticAwareness } from './awareness.ts';
import { replay, type DocStore } from './storage.ts';
import type { WriteQueue } from './write-queue.ts';
import {
	CLOSE,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	SYNC_STEP_1,
	SYNC_STEP_2,
	SYNC_UPDATE,
	encodeAwareness,
	encodeSync
} from './protocol.ts';

/** What a room needs of a connection: the ws `WebSocket` satisfies it. */
export interface Socket {
	send(data: Uint8Array): void;
	close(code: number, reason: string): void;
}

export interface Connection {
	socket: Socket;
	userId: string;
	/** The signed-in person's display name, which presence shows (see awareness.ts). */
	name: string;
	sessionId: string;
	access: Access;
	/** Whether the person may present on this board (see awareness.ts): its council's secretaries. */
	mayPresent: boolean;
	refused: number;
	/** Set once the server has closed (or begun closing) it: frames still arriving are ignored. */
	closed: boolean;
}

export function closeConnection(conn: Connection, code: number, reason: string): void {
	if (conn.closed) return;
	conn.closed = true;
	conn.socket.close(code, reason);
}

export interface RoomEvents {
	refused(conn: Connection, room: string): void;
	malformed(conn: Connection, room: string, why: string): void;
	storageError(room: string, err: unknown): void;
	folded?(room: string, updates: number, ms: number): void;
	/** An update was accepted (from a client or made by the server). */
	changed?(room: string): void;
}

/** The origin of changes the server makes itself. */
export const SERVER = Symbol('server');

/** Fold the log into the state row once this many updates have piled up since the last fold. */
export const COMPACT_AFTER = 1000;

export class Room {
	readonly name: string;
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness: awarenessProtocol.Awareness;
	readonly connections = new Set<Connection>();
	/** Which connection announced each awareness client id: it alone speaks for it, and its states go when it leaves. */
	#owners = new Map<number, Connection>();
	#store: DocStore;
	#queue: WriteQueue;
	#events: RoomEvents;
	#seq: number;
	#compactedSeq: number;
	#compactScheduled = false;
	/** A folded room not decoded yet: its state and state vector exactly as stored. The first
	 *  clients are answered from these bytes; the document is built right after (see #decode). */
	#stored: { state: Uint8Array; stateVector: Uint8Array } | null = null;

	constructor(name: string, store: DocStore, queue: WriteQueue, events: RoomEvents) {
		this.name = name;
		this.#store = store;
		this.#queue = queue;
		this.#events = events;
		// Loading is synchronous (better-sqlite3), so no connection can ever see a half-loaded room.
		const stored = store.load(name);
		this.#seq = stored.seq;
		this.#compactedSeq = stored.compactedSeq;
		if (stored.stateVector && stored.updates.length === 1) {
			// Decoded when first needed, or just after the first client has been answered (#receiveSync):
			// decoding now would hold up that answer.
			this.#stored = { state: stored.updates[0]!, stateVector: stored.stateVector };
		} else {
			replay(this.doc, stored.updates);
			if (stored.updates.length > COMPACT_AFTER) this.#scheduleCompaction();
		}
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.#onAwareness);
	}

	get seq(): number {
		return this.#seq;
	}

	#decode() {
		if (!this.#stored || this.doc.isDestroyed) return;
		Y.applyUpdate(this.doc, this.#stored.state);
		this.#stored = null;
	}

	/** The whole document as one update, as stored (pending writes are written first). */
	encodeState(): Uint8Array {
		this.#queue.flush();
		return this.#stored ? this.#stored.state : Y.encodeStateAsUpdate(this.doc);
	}

	join(conn: Connection): void {
		this.connections.add(conn);
		conn.socket.send(encodeSync(SYNC_STEP_1, this.#stored ? this.#stored.stateVector : Y.encodeStateVector(this.doc)));
		const states = this.awareness.getStates();
		if (states.size > 0) {
			conn.socket.send(
				encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]))
			);
		}
	}

	leave(conn: Connection): void {
		if (!this.connections.delete(conn) || this.doc.isDestroyed) return;
		const ids = [...this.#owners].filter(([, owner]) => owner === conn).map(([id]) => id);
		if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
	}

	/** Handles one binary frame from `conn`. Anything it cannot read closes that connection only. */
	receive(conn: Connection, frame: Uint8Array): void {
		try {
			const decoder = decoding.createDecoder(frame);
			const type = decoding.readVarUint(decoder);
			if (type === MESSAGE_SYNC) this.#receiveSync(conn, decoder, frame);
			else if (type === MESSAGE_AWARENESS) {
				const update = authenticAwareness(decoding.readVarUint8Array(decoder), conn, (id) => this.#owners.get(id));
				if (update) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
			} else if (type === MESSAGE_QUERY_AWARENESS) {
				const ids = [...this.awareness.getStates().keys()];
				conn.socket.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
			} else {
				this.#events.malformed(conn, this.name, `unknown message type ${type}`);
				closeConnection(conn, CLOSE.unsupported, 'unknown message type');
			}
		} catch (err) {
			this.#events.malformed(conn, this.name, String(err));
			closeConnection(conn, CLOSE.invalidPayload, 'malformed message');
		}
	}

	#receiveSync(conn: Connection, decoder: decoding.Decoder, frame: Uint8Array) {
		const subType = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (subType === SYNC_STEP_1) {
			// Serve only what is on disk: write what this tick has accepted so far (and relay it).
			this.#queue.flush();
			if (conn.closed || this.doc.isDestroyed) return;
			// A new client (empty state vector) of a room not decoded yet gets the stored state as is.
			if (this.#stored && !isEmptyStateVector(payload)) this.#decode();
			const reply = this.#stored ? this.#stored.state : Y.encodeStateAsUpdate(this.doc, payload);
			conn.socket.send(encodeSync(SYNC_STEP_2, reply));
			if (this.#stored) setImmediate(() => this.#decode());
			return;
		}
		if (subType !== SYNC_STEP_2 && subType !== SYNC_UPDATE) {
			this.#events.malformed(conn, this.name, `unknown sync message ${subType}`);
			closeConnection(conn, CLOSE.unsupported, 'unknown sync message');
			return;
		}
		if (conn.access !== 'write') {
			conn.refused++;
			this.#events.refused(conn, this.name);
			return;
		}
		// An empty step 2 (a client with nothing new) is two bytes: nothing to store or relay.
		if (subType === SYNC_STEP_2 && isEmptyUpdate(payload)) return;
		this.#decode();
		Y.applyUpdate(this.doc, payload, conn);
		const relay = subType === SYNC_UPDATE ? frame : encodeSync(SYNC_UPDATE, payload);
		this.#queue.push(
			{ room: this.name, seq: ++this.#seq, data: payload, userId: conn.userId, createdAt: Date.now() },
			() => this.#relay(relay, conn)
		);
		this.#events.changed?.(this.name);
		if (this.#seq - this.#compactedSeq >= COMPACT_AFTER) this.#scheduleCompaction();
	}

	/**
	 * A change the server itself makes (a restore, a status update through a form action), in one
	 * transaction, stored under `userId` and relayed to every connection like a client's update.
	 * Returns whether it changed anything.
	 */
	change(userId: string | null, fn: (doc: Y.Doc) => void): boolean {
		this.#decode();
		let update: Uint8Array | null = null;
		const capture = (u: Uint8Array) => (update = u);
		this.doc.on('update', capture);
		try {
			Y.transact(this.doc, () => fn(this.doc), SERVER);
		} finally {
			this.doc.off('update', capture);
		}
		if (!update) return false;
		const frame = encodeSync(SYNC_UPDATE, update);
		this.#queue.push({ room: this.name, seq: ++this.#seq, data: update, userId, createdAt: Date.now() }, () => this.#relay(frame, null));
		this.#events.changed?.(this.name);
		if (this.#seq - this.#compactedSeq >= COMPACT_AFTER) this.#scheduleCompaction();
		return true;
	}

	#scheduleCompaction() {
		if (this.#compactScheduled) return;
		this.#compactScheduled = true;
		setImmediate(() => this.compact());
	}

	#relay(frame: Uint8Array, from: Connection | null) {
		for (const conn of this.connections) if (conn !== from) conn.socket.send(frame);
	}

	#onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const changed = added.concat(updated, removed);
		if (this.connections.has(origin as Connection)) for (const id of added) this.#owners.set(id, origin as Connection);
		for (const id of removed) this.#owners.delete(id);
		const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
		for (const conn of this.connections) conn.socket.send(frame);
	};

	/** Folds the document into the state row. Every update up to #seq has been applied to the doc;
	 *  those still waiting in the queue are written after and folded next time (applying twice is
	 *  harmless in Yjs), so nothing is lost whichever lands first. */
	compact(): void {
		this.#compactScheduled = false;
		if (this.#seq === this.#compactedSeq || this.doc.isDestroyed) return;
		this.#queue.flush();
		if (this.doc.isDestroyed) return;
		this.#decode();
		try {
			const started = performance.now();
			this.#store.compact(this.name, Y.encodeStateAsUpdate(this.doc), Y.encodeStateVector(this.doc), this.#seq);
			this.#events.folded?.(this.name, this.#seq - this.#compactedSeq, performance.now() - started);
			this.#compactedSeq = this.#seq;
		} catch (err) {
			// The log is still whole; folding can wait for the next occasion.
			this.#events.storageError(this.name, err);
		}
	}

	destroy(): void {
		this.awareness.destroy();
		this.doc.destroy();
	}
}

function isEmptyStateVector(sv: Uint8Array): boolean {
	return sv.length === 1 && sv[0] === 0;
}

function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}
