// One live document and the connections editing it. The room knows the wire protocol and its
// rules (read-only connections, persist before relay); storage and authorisation live elsewhere.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Access } from '../access.ts';
import type { DocStore } from './storage.ts';
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
	access: Access;
	/** Awareness client ids this connection has announced, removed when it leaves. */
	clientIds: Set<number>;
	refused: number;
}

export interface RoomEvents {
	refused(conn: Connection, room: string): void;
	malformed(conn: Connection, room: string, why: string): void;
}

/** Fold the log into the state row once this many updates have piled up since the last fold. */
export const COMPACT_AFTER = 1000;

export class Room {
	readonly name: string;
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness: awarenessProtocol.Awareness;
	readonly connections = new Set<Connection>();
	#store: DocStore;
	#queue: WriteQueue;
	#events: RoomEvents;
	#seq: number;
	#compactedSeq: number;
	#compactScheduled = false;

	constructor(name: string, store: DocStore, queue: WriteQueue, events: RoomEvents) {
		this.name = name;
		this.#store = store;
		this.#queue = queue;
		this.#events = events;
		// Loading is synchronous (better-sqlite3), so no connection can ever see a half-loaded room.
		const stored = store.load(name);
		Y.transact(this.doc, () => {
			for (const update of stored.updates) Y.applyUpdate(this.doc, update);
		});
		this.#seq = stored.seq;
		this.#compactedSeq = stored.compactedSeq;
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.#onAwareness);
		if (stored.updates.length > COMPACT_AFTER) this.compact();
	}

	get seq(): number {
		return this.#seq;
	}

	join(conn: Connection): void {
		this.connections.add(conn);
		conn.socket.send(encodeSync(SYNC_STEP_1, Y.encodeStateVector(this.doc)));
		const states = this.awareness.getStates();
		if (states.size > 0) {
			conn.socket.send(
				encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]))
			);
		}
	}

	leave(conn: Connection): void {
		if (!this.connections.delete(conn)) return;
		if (conn.clientIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.clientIds], null);
		}
	}

	/** Handles one binary frame from `conn`. Anything it cannot read closes that connection only. */
	receive(conn: Connection, frame: Uint8Array): void {
		try {
			const decoder = decoding.createDecoder(frame);
			const type = decoding.readVarUint(decoder);
			if (type === MESSAGE_SYNC) this.#receiveSync(conn, decoder, frame);
			else if (type === MESSAGE_AWARENESS) {
				awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), conn);
			} else if (type === MESSAGE_QUERY_AWARENESS) {
				const ids = [...this.awareness.getStates().keys()];
				conn.socket.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
			} else {
				this.#events.malformed(conn, this.name, `unknown message type ${type}`);
				conn.socket.close(CLOSE.unsupported, 'unknown message type');
			}
		} catch (err) {
			this.#events.malformed(conn, this.name, String(err));
			conn.socket.close(CLOSE.invalidPayload, 'malformed message');
		}
	}

	#receiveSync(conn: Connection, decoder: decoding.Decoder, frame: Uint8Array) {
		const subType = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (subType === SYNC_STEP_1) {
			conn.socket.send(encodeSync(SYNC_STEP_2, Y.encodeStateAsUpdate(this.doc, payload)));
			return;
		}
		if (subType !== SYNC_STEP_2 && subType !== SYNC_UPDATE) {
			this.#events.malformed(conn, this.name, `unknown sync message ${subType}`);
			conn.socket.close(CLOSE.unsupported, 'unknown sync message');
			return;
		}
		if (conn.access !== 'write') {
			conn.refused++;
			this.#events.refused(conn, this.name);
			return;
		}
		// An empty step 2 (a client with nothing new) is two bytes: nothing to store or relay.
		if (subType === SYNC_STEP_2 && isEmptyUpdate(payload)) return;
		Y.applyUpdate(this.doc, payload, conn);
		const relay = subType === SYNC_UPDATE ? frame : encodeSync(SYNC_UPDATE, payload);
		this.#queue.push(
			{ room: this.name, seq: ++this.#seq, data: payload, userId: conn.userId, createdAt: Date.now() },
			() => this.#relay(relay, conn)
		);
		if (this.#seq - this.#compactedSeq >= COMPACT_AFTER && !this.#compactScheduled) {
			this.#compactScheduled = true;
			setImmediate(() => this.compact());
		}
	}

	#relay(frame: Uint8Array, from: Connection) {
		for (const conn of this.connections) if (conn !== from) conn.socket.send(frame);
	}

	#onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const changed = added.concat(updated, removed);
		if (origin && typeof origin === 'object' && 'clientIds' in origin) {
			const conn = origin as Connection;
			for (const id of added) conn.clientIds.add(id);
			for (const id of removed) conn.clientIds.delete(id);
		}
		const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
		for (const conn of this.connections) conn.socket.send(frame);
	};

	/** Folds the document into the state row. Every update up to #seq has been applied to the doc;
	 *  those still waiting in the queue are written after and folded next time (applying twice is
	 *  harmless in Yjs), so nothing is lost whichever lands first. */
	compact(): void {
		this.#compactScheduled = false;
		if (this.#seq === this.#compactedSeq) return;
		this.#queue.flush();
		this.#store.compact(this.name, Y.encodeStateAsUpdate(this.doc), this.#seq);
		this.#compactedSeq = this.#seq;
	}

	destroy(): void {
		this.awareness.destroy();
		this.doc.destroy();
	}
}

function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}
