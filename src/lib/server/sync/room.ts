// One live document and the connections editing it. The room knows the wire protocol and its
// rules: every update is checked before it touches the document (update-check.ts) and applied all
// or nothing; read-only connections are refused, and told; accepted updates are stored before they
// are relayed (write-queue.ts); presence speaks only for its own clients and goes out a few times a
// second; newcomers share one encoding of the document. Storage and authorisation live elsewhere:
// the room depends on what it asks of them (`RoomDeps`), so that it runs the same over SQLite, over
// PostgreSQL, or over memory in its tests (room.test.ts). Storage is asynchronous; the room is not:
// it is loaded whole before it is made (`Room.open`), and whatever it hands out (an answer to a
// newcomer, its content, a fold) is encoded at once and given only once every update in that
// encoding is stored.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Access } from '../policy/board.ts';
import { PresenceRefused, authenticAwareness } from './awareness.ts';
import { Budget, LIMITS, type PersonBudget } from './limits.ts';
import { replay, type RoomStorage, type StoredRoom } from './storage.ts';
import { fitUpdate, readUpdateShape, type UpdateLimits } from './update-check.ts';
import type { UpdateQueue } from './write-queue.ts';
import { singleNode, type FanOut } from './fan-out.ts';
import {
	CLOSE,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	NOTICE,
	SYNC_STEP_1,
	SYNC_STEP_2,
	SYNC_UPDATE,
	encodeAwareness,
	encodeNotice,
	encodePermissionDenied,
	encodeSync,
	type RefusedReason
} from '../../sync/protocol.ts';

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
	/** Whether the client asked for notices (`?notices=1`, Gongjian's own page). */
	notices: boolean;
	/** The person's budgets, shared by all their connections (limits.ts). */
	budget: PersonBudget;
	/** How often this connection may ask for the whole document. */
	syncRequests: Budget;
	/** Sync step 2 and update messages received so far: notices name them by number. */
	received: number;
	/** An update was put aside for lack of what it builds on: no "saved" until the client's next step 2 is in. */
	resyncing: boolean;
	/** Presence client ids this connection has introduced. */
	presenceIds: number;
	refused: number;
	/** Set once the server has closed (or begun closing) it: frames still arriving are ignored. */
	closed: boolean;
}

/** Who is connected, and how: what the upgrade decided. The rest of a Connection starts afresh. */
export type Connected = Pick<
	Connection,
	'socket' | 'userId' | 'name' | 'sessionId' | 'access' | 'mayPresent' | 'notices' | 'budget'
>;

export function newConnection(connected: Connected): Connection {
	return {
		...connected,
		syncRequests: new Budget(LIMITS.connectionSyncRequests),
		received: 0,
		resyncing: false,
		presenceIds: 0,
		refused: 0,
		closed: false
	};
}

export function closeConnection(conn: Connection, code: number, reason: string): void {
	if (conn.closed) return;
	conn.closed = true;
	conn.socket.close(code, reason);
}

export interface RoomEvents {
	refused(conn: Connection, room: string, reason: RefusedReason): void;
	malformed(conn: Connection, room: string, why: string): void;
	/** Applying an update failed half-way: the room must be dropped and loaded again from storage. */
	broken(room: string, err: unknown): void;
	/** The stored state does not decode: it must be set aside. */
	unloadable(room: string, err: unknown): void;
	storageError(room: string, err: unknown): void;
	folded?(room: string, updates: number, ms: number): void;
	/** An update was accepted (from a client or made by the server). */
	changed?(room: string): void;
}

/** What a room is built on. */
export interface RoomDeps {
	store: RoomStorage;
	/** Accepted updates are stored through it before anyone is told of them. */
	queue: UpdateQueue;
	events: RoomEvents;
	limits: UpdateLimits;
	/** Where accepted updates go to other nodes (fan-out.ts); one node by default. */
	fanOut?: FanOut;
	/** The time each accepted update is logged with (the demo's story sets its own). */
	now?: () => number;
}

/** The origin of changes the server makes itself. */
export const SERVER = Symbol('server');

/** Fold the log into the state row once this many updates have piled up since the last fold. */
export const COMPACT_AFTER = 1000;

/** Updates kept after the shared encoding, sent to newcomers after it, before a new one is made. */
const SINCE_SNAPSHOT_MAX = 256;

/** Who introduced a presence client id: its connection while open, and its session after, so that a
 *  client reconnecting keeps its id and nobody else can take it over (or leave it behind as a ghost). */
interface PresenceOwner {
	sessionId: string;
	conn: Connection | null;
	leftAt: number;
}

/** How long an id is kept for its session after its connection closed. */
const PRESENCE_KEPT_MS = 10 * 60_000;

export class Room {
	readonly name: string;
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness: awarenessProtocol.Awareness;
	readonly connections = new Set<Connection>();
	#owners = new Map<number, PresenceOwner>();
	#store: RoomStorage;
	#queue: UpdateQueue;
	#events: RoomEvents;
	#limits: UpdateLimits;
	#fanOut: FanOut;
	#now: () => number;
	#seq: number;
	#compactedSeq: number;
	#compactScheduled = false;
	/** The last fold asked for, and how many are under way: folds are written one after another,
	 *  never out of order. */
	#folding: Promise<void> = Promise.resolve();
	#folds = 0;
	/** Structs in the document (counted at load and each fold, estimated in between) and bytes stored. */
	#structs = 0;
	#bytes = 0;
	/** Set when applying failed half-way: the document is not what storage holds and must never be stored. */
	#broken = false;
	/** The whole document as one update at `seq`, shared by every newcomer, and the updates since. */
	#snapshot: { state: Uint8Array; stateVector: Uint8Array; seq: number } | null = null;
	#since: Uint8Array[] = [];
	/** Whether the document holds the snapshot yet (a folded room is decoded just after it first answers). */
	#decoded = true;
	#awarenessDue = new Set<number>();
	#awarenessTimer: NodeJS.Timeout | null = null;

	/** Loads the room from storage, then makes it: nobody sees it before it is whole. Rejects when
	 *  it cannot be loaded, or what is stored does not decode. */
	static async open(name: string, deps: RoomDeps): Promise<Room> {
		return new Room(name, deps, await deps.store.load(name));
	}

	/** `stored`: what `deps.store` holds for the room (see Room.open). */
	constructor(name: string, deps: RoomDeps, stored: StoredRoom) {
		this.name = name;
		this.#store = deps.store;
		this.#queue = deps.queue;
		this.#events = deps.events;
		this.#limits = deps.limits;
		this.#fanOut = deps.fanOut ?? singleNode;
		this.#now = deps.now ?? Date.now;
		this.#seq = stored.seq;
		this.#compactedSeq = stored.compactedSeq;
		this.#bytes = stored.bytes;
		if (stored.stateVector && stored.updates.length === 1) {
			// Decoded just after the first client has been answered from the stored bytes (#receiveSync).
			this.#snapshot = {
				state: stored.updates[0]!,
				stateVector: stored.stateVector,
				seq: stored.seq
			};
			this.#decoded = false;
		} else {
			replay(this.doc, stored.updates);
			this.#structs = countStructs(this.doc);
			if (stored.updates.length > COMPACT_AFTER) this.#scheduleCompaction();
		}
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.#onAwareness);
	}

	get seq(): number {
		return this.#seq;
	}

	get structs(): number {
		return this.#structs;
	}

	/** Builds the document from the stored snapshot, once. A state that does not decode is reported
	 *  (and the room set aside) instead of ending the process from a deferred task. */
	#decode(): boolean {
		if (this.#decoded || this.doc.isDestroyed) return !this.#broken;
		this.#decoded = true;
		try {
			Y.applyUpdate(this.doc, this.#snapshot!.state);
			this.#structs = countStructs(this.doc);
			return true;
		} catch (err) {
			this.#broken = true;
			this.#events.unloadable(this.name, err);
			return false;
		}
	}

	/** The whole document as one update, given once everything in it is stored. */
	async encodeState(): Promise<Uint8Array> {
		const state = this.#fullState();
		await this.#stored();
		return state;
	}

	/** Settles once every update accepted so far is stored; rejects if that write failed. */
	#stored(): Promise<void> {
		return new Promise((resolve, reject) => this.#queue.after(resolve, reject));
	}

	#fullState(): Uint8Array {
		if (this.#snapshot && this.#since.length === 0 && this.#snapshot.seq === this.#seq)
			return this.#snapshot.state;
		if (!this.#decode()) throw new Error('room cannot be read');
		return Y.encodeStateAsUpdate(this.doc);
	}

	join(conn: Connection, status: string): void {
		this.connections.add(conn);
		if (conn.notices) conn.socket.send(encodeNotice(NOTICE.access, conn.access, status));
		const stateVector =
			this.#snapshot && !this.#decoded ? this.#snapshot.stateVector : Y.encodeStateVector(this.doc);
		conn.socket.send(encodeSync(SYNC_STEP_1, stateVector));
		const states = this.awareness.getStates();
		if (states.size > 0)
			conn.socket.send(
				encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]))
			);
	}

	leave(conn: Connection): void {
		if (!this.connections.delete(conn) || this.doc.isDestroyed) return;
		const now = Date.now();
		const ids: number[] = [];
		for (const [id, owner] of this.#owners) {
			if (owner.conn === conn) {
				owner.conn = null;
				owner.leftAt = now;
				ids.push(id);
			} else if (owner.conn === null && now - owner.leftAt > PRESENCE_KEPT_MS)
				this.#owners.delete(id);
		}
		if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
	}

	/** Handles one binary frame from `conn`. Anything it cannot read closes that connection only. */
	receive(conn: Connection, frame: Uint8Array): void {
		if (!conn.budget.messages.take(1))
			return closeConnection(conn, CLOSE.tooFast, 'too many messages');
		try {
			const decoder = decoding.createDecoder(frame);
			const type = decoding.readVarUint(decoder);
			if (type === MESSAGE_SYNC) this.#receiveSync(conn, decoder, frame);
			else if (type === MESSAGE_AWARENESS)
				this.#receiveAwareness(conn, decoding.readVarUint8Array(decoder));
			else if (type === MESSAGE_QUERY_AWARENESS) {
				const ids = [...this.awareness.getStates().keys()];
				conn.socket.send(
					encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
				);
			} else {
				this.#events.malformed(conn, this.name, `unknown message type ${type}`);
				closeConnection(conn, CLOSE.unsupported, 'unknown message type');
			}
		} catch (err) {
			if (err instanceof PresenceRefused) {
				this.#events.malformed(conn, this.name, `presence ${err.why}`);
				return closeConnection(
					conn,
					err.why === 'too-large' ? CLOSE.updateTooLarge : CLOSE.invalid,
					`presence ${err.why}`
				);
			}
			this.#events.malformed(conn, this.name, String(err));
			closeConnection(conn, CLOSE.invalidPayload, 'malformed message');
		}
	}

	#receiveSync(conn: Connection, decoder: decoding.Decoder, frame: Uint8Array) {
		const subType = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (subType === SYNC_STEP_1) return this.#answerStep1(conn, payload);
		if (subType !== SYNC_STEP_2 && subType !== SYNC_UPDATE) {
			this.#events.malformed(conn, this.name, `unknown sync message ${subType}`);
			return closeConnection(conn, CLOSE.unsupported, 'unknown sync message');
		}
		const number = ++conn.received;
		if (subType === SYNC_STEP_2) conn.resyncing = false;
		// An empty step 2 (a client with nothing new) is two bytes: nothing to store or relay.
		if (isEmptyUpdate(payload)) return this.#notify(conn, number);
		if (!conn.budget.bytes.take(payload.length))
			return closeConnection(conn, CLOSE.tooFast, 'too much data too fast');
		const read = readUpdateShape(payload, this.#limits);
		if (!read.ok) {
			this.#events.malformed(conn, this.name, `update ${read.why}`);
			if (read.why === 'too-many')
				return closeConnection(conn, CLOSE.updateTooLarge, 'update too large');
			return closeConnection(
				conn,
				read.why === 'truncated' ? CLOSE.invalidPayload : CLOSE.invalid,
				`update refused: ${read.why}`
			);
		}
		if (!this.#decode()) return;
		const fit = fitUpdate(this.doc, read.shape, this.#limits.maxDepth);
		if (fit.kind === 'refused') {
			this.#events.malformed(conn, this.name, `update ${fit.why}`);
			return closeConnection(conn, CLOSE.invalid, `update refused: ${fit.why}`);
		}
		if (fit.kind === 'missing') {
			// A step 2 answers the room's own state vector, so it is whole; one that is not cannot be saved.
			if (subType === SYNC_STEP_2)
				return closeConnection(conn, CLOSE.invalid, 'update refers to what the room does not have');
			// An update sent before what it builds on reached the room (racing the client's own step 2):
			// not applied; the client is asked, once, for everything the room lacks.
			if (!conn.resyncing) conn.socket.send(encodeSync(SYNC_STEP_1, Y.encodeStateVector(this.doc)));
			conn.resyncing = true;
			return;
		}
		if (fit.redundant) return this.#notify(conn, number);
		if (conn.access !== 'write') return this.#refuse(conn, number, 'read-only');
		if (
			this.#structs + read.shape.structs > LIMITS.maxRoomStructs ||
			this.#bytes + payload.length > LIMITS.maxRoomBytes
		)
			return this.#refuse(conn, number, 'room-full');
		if (!conn.budget.structs.take(read.shape.structs))
			return closeConnection(conn, CLOSE.tooFast, 'too many changes too fast');
		if (!this.#apply(payload, conn)) return;
		this.#structs += read.shape.structs;
		this.#bytes += payload.length;
		const relay = subType === SYNC_UPDATE ? frame : encodeSync(SYNC_UPDATE, payload);
		this.#accepted(payload, conn.userId, () => {
			this.#relay(relay, conn);
			if (conn.notices && !conn.resyncing) conn.socket.send(encodeNotice(NOTICE.saved, number));
		});
	}

	/** Applies an update all or nothing: if Yjs fails half-way, the room is given up (and reloaded from
	 *  storage by the server); nothing of the half-applied document is ever stored or relayed. */
	#apply(update: Uint8Array, origin: unknown): boolean {
		try {
			Y.applyUpdate(this.doc, update, origin);
			return true;
		} catch (err) {
			this.#broken = true;
			this.#events.broken(this.name, err);
			return false;
		}
	}

	#accepted(
		update: Uint8Array,
		userId: string | null,
		then: () => void,
		failed?: (err: unknown) => void
	) {
		this.#queue.push(
			{ room: this.name, seq: ++this.#seq, data: update, userId, createdAt: this.#now() },
			() => {
				then();
				this.#fanOut.publish(this.name, update);
			},
			failed
		);
		if (this.#snapshot) {
			this.#since.push(update);
			if (this.#since.length > SINCE_SNAPSHOT_MAX) this.#dropSnapshot();
		}
		this.#events.changed?.(this.name);
		if (this.#seq - this.#compactedSeq >= COMPACT_AFTER) this.#scheduleCompaction();
	}

	#dropSnapshot() {
		if (!this.#decoded) return;
		this.#snapshot = null;
		this.#since = [];
	}

	/** Answers a client's state vector with what it lacks: a newcomer gets the shared encoding (and the
	 *  updates since), so that a hundred people joining cost one encoding, not a hundred. The answer
	 *  is encoded now and sent once all it holds is stored (after the relays of what came before). */
	#answerStep1(conn: Connection, stateVector: Uint8Array) {
		if (!conn.syncRequests.take(1))
			return closeConnection(conn, CLOSE.tooFast, 'too many sync requests');
		if (conn.closed || this.doc.isDestroyed) return;
		const answer = this.#answer(stateVector);
		if (!answer) return;
		this.#queue.after(() => {
			if (conn.closed) return;
			for (const frame of answer) conn.socket.send(frame);
			if (!this.#decoded) setImmediate(() => this.#decode());
		});
	}

	/** The frames that answer `stateVector` (null if the room cannot be read). */
	#answer(stateVector: Uint8Array): Uint8Array[] | null {
		if (isEmptyStateVector(stateVector)) {
			if (!this.#snapshot) {
				if (!this.#decode()) return null;
				this.#snapshot = {
					state: Y.encodeStateAsUpdate(this.doc),
					stateVector: Y.encodeStateVector(this.doc),
					seq: this.#seq
				};
				this.#since = [];
			}
			// What came after the snapshot goes first: Yjs holds it until the snapshot it builds on arrives
			// and applies both with the step 2, so the client is whole the moment it counts as synced.
			const step2 = encodeSync(SYNC_STEP_2, this.#snapshot.state);
			if (this.#since.length === 0) return [step2];
			return [encodeSync(SYNC_UPDATE, Y.mergeUpdates(this.#since)), step2];
		}
		if (!this.#decode()) return null;
		return [encodeSync(SYNC_STEP_2, Y.encodeStateAsUpdate(this.doc, stateVector))];
	}

	/** Tells `conn` that its update `number` was not applied, after whatever it sent before is stored. */
	#refuse(conn: Connection, number: number, reason: RefusedReason) {
		conn.refused++;
		this.#events.refused(conn, this.name, reason);
		this.#queue.after(() =>
			conn.socket.send(
				conn.notices ? encodeNotice(NOTICE.refused, number, reason) : encodePermissionDenied(reason)
			)
		);
	}

	/** Tells `conn` that everything up to its update `number` is handled, once it is stored. */
	#notify(conn: Connection, number: number) {
		if (!conn.notices) return;
		this.#queue.after(() => {
			if (!conn.resyncing) conn.socket.send(encodeNotice(NOTICE.saved, number));
		});
	}

	#receiveAwareness(conn: Connection, update: Uint8Array) {
		const introduced = new Set<number>();
		const reclaimed = new Set<number>();
		const authentic = authenticAwareness(
			update,
			conn,
			(id, state) => {
				const owner = this.#owners.get(id);
				if (owner?.conn === conn) return true;
				if (owner) {
					// The same session coming back (a reconnect keeps the client id) takes its id back.
					if (owner.conn !== null || owner.sessionId !== conn.sessionId) return false;
					reclaimed.add(id);
					return true;
				}
				// A removal of an id nobody holds (an echo of one long gone) says nothing.
				if (state === null) return false;
				if (!introduced.has(id) && ++conn.presenceIds > LIMITS.maxAwarenessClientsPerConnection)
					throw new PresenceRefused('too-many-clients');
				introduced.add(id);
				return true;
			},
			LIMITS.maxAwarenessStateChars
		);
		if (!authentic) return;
		for (const id of introduced)
			this.#owners.set(id, { sessionId: conn.sessionId, conn, leftAt: 0 });
		for (const id of reclaimed) this.#owners.get(id)!.conn = conn;
		awarenessProtocol.applyAwarenessUpdate(this.awareness, authentic, conn);
	}

	/**
	 * A change the server itself makes (a restore, a status update through a form action), in one
	 * transaction, stored under `userId` and relayed to every connection like a client's update.
	 * The change is made at once (when this is called); the promise says, once it is stored, whether
	 * it changed anything, and rejects if it could not be stored. If `fn` throws, the room is given
	 * up (its document may be half-changed) and the error passed on.
	 */
	async change(userId: string | null, fn: (doc: Y.Doc) => void): Promise<boolean> {
		if (!this.#decode()) throw new Error('room cannot be read');
		let update: Uint8Array | null = null;
		const capture = (u: Uint8Array) => (update = u);
		this.doc.on('update', capture);
		try {
			Y.transact(this.doc, () => fn(this.doc), SERVER);
		} catch (err) {
			this.#broken = true;
			this.#events.broken(this.name, err);
			throw err;
		} finally {
			this.doc.off('update', capture);
		}
		if (!update) return false;
		const made: Uint8Array = update;
		this.#structs = countStructs(this.doc);
		this.#bytes += made.length;
		const frame = encodeSync(SYNC_UPDATE, made);
		return new Promise((resolve, reject) =>
			this.#accepted(
				made,
				userId,
				() => {
					this.#relay(frame, null);
					resolve(true);
				},
				reject
			)
		);
	}

	/** One fold at a time: another is scheduled only once the one before is written. */
	#scheduleCompaction() {
		if (this.#compactScheduled) return;
		this.#compactScheduled = true;
		setImmediate(() => void this.compact().finally(() => (this.#compactScheduled = false)));
	}

	#relay(frame: Uint8Array, from: Connection | null) {
		for (const conn of this.connections) if (conn !== from) conn.socket.send(frame);
	}

	#onAwareness = ({
		added,
		updated,
		removed
	}: {
		added: number[];
		updated: number[];
		removed: number[];
	}) => {
		for (const id of added) this.#awarenessDue.add(id);
		for (const id of updated) this.#awarenessDue.add(id);
		for (const id of removed) this.#awarenessDue.add(id);
		// A room's presence goes out a few times a second at most, each client's latest state once.
		this.#awarenessTimer ??= setTimeout(() => this.#flushAwareness(), LIMITS.awarenessRelayMs);
	};

	#flushAwareness() {
		this.#awarenessTimer = null;
		if (this.doc.isDestroyed || this.#awarenessDue.size === 0) return;
		const frame = encodeAwareness(
			awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.#awarenessDue])
		);
		this.#awarenessDue.clear();
		for (const conn of this.connections) conn.socket.send(frame);
	}

	/** Folds the document into the state row: encodes it now (every update up to #seq), waits until
	 *  those updates are stored, then writes the encoding in their place. Updates accepted meanwhile
	 *  are logged after it and folded next time (applying twice is harmless in Yjs). Folds are
	 *  written in the order they were asked for; a broken room is never folded. Never rejects:
	 *  a fold that fails is told to `storageError`, and the log stays whole. */
	compact(): Promise<void> {
		// With no fold under way, this one encodes now; else once the one before is written.
		const idle = this.#folds === 0;
		this.#folds++;
		const fold = (idle ? this.#fold() : this.#folding.then(() => this.#fold())).finally(
			() => this.#folds--
		);
		this.#folding = fold.catch(() => {});
		return fold;
	}

	async #fold(): Promise<void> {
		if (this.#broken || this.#seq === this.#compactedSeq || this.doc.isDestroyed) return;
		if (!this.#decode()) return;
		const started = performance.now();
		const seq = this.#seq;
		const state = Y.encodeStateAsUpdate(this.doc);
		const stateVector = Y.encodeStateVector(this.doc);
		const structs = countStructs(this.doc);
		const estimated = { structs: this.#structs, bytes: this.#bytes };
		try {
			await this.#stored();
			await this.#store.compact(this.name, state, stateVector, seq);
		} catch (err) {
			// A room given up for a failed write has been told already, and hears no more.
			if (!this.doc.isDestroyed) this.#events.storageError(this.name, err);
			return;
		}
		this.#events.folded?.(this.name, seq - this.#compactedSeq, performance.now() - started);
		this.#compactedSeq = seq;
		// Counted at the fold, plus what was estimated for the updates accepted while it was written.
		this.#structs = structs + (this.#structs - estimated.structs);
		this.#bytes = state.length + (this.#bytes - estimated.bytes);
		// The fold's encoding is the one newcomers get from now on, unless the room has moved past it
		// (the snapshot it has, and the updates since, still hold then).
		if (this.#seq === seq) {
			this.#snapshot = { state, stateVector, seq };
			this.#since = [];
		}
	}

	/** Updates of this room could not be stored (the write queue said so): they are in the document but
	 *  were never relayed, so every connection closes (its client reconnects and sends its changes
	 *  again) and the room is destroyed, to be loaded afresh from what storage holds. */
	storageFailed(): void {
		for (const conn of this.connections) closeConnection(conn, CLOSE.serverError, 'storage error');
		this.destroy();
	}

	destroy(): void {
		if (this.#awarenessTimer) clearTimeout(this.#awarenessTimer);
		this.awareness.destroy();
		this.doc.destroy();
	}
}

function countStructs(doc: Y.Doc): number {
	let n = 0;
	for (const structs of doc.store.clients.values()) n += structs.length;
	return n;
}

function isEmptyStateVector(sv: Uint8Array): boolean {
	return sv.length === 1 && sv[0] === 0;
}

function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}
