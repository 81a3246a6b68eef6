// The sync endpoint: authorises each upgrade from the session cookie, caps each person's
// connections, then hands the socket to its room. Attach it to any http server's 'upgrade' event
// (production entry, Vite dev server). What goes wrong in one room (an update that breaks it, a
// stored state that does not decode) closes that room's connections and nothing else. Storage and
// the database answer asynchronously: an upgrade is answered once its session, its rights and its
// room are read (concurrent openers of a room share one load), and frames are handled as they come,
// in order, the session's expiry re-read beside them.
//
// On several nodes (an optional `cluster`: cluster/index.ts) every room of a board lives on the
// node that holds the board's lease: a node takes the board when it needs one of its rooms and no
// live node holds it, forwards the upgrades of a board another node owns to that node (after
// checking the session and rights itself), asks the owner to make its server changes, drops a
// board's rooms the moment it stops trusting its lease, and closes connections on every node.
// Without a cluster nothing of that happens: one node, as ever.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import type { Logger } from 'pino';
import type { Db, Store } from '../db/index.ts';
import { sessionExpiries, tokenFromCookieHeader, validateSessionToken } from '../auth/session.ts';
import { parseRoom } from './rooms.ts';
import { roomAccess } from '../policy/room.ts';
import {
	docStorage,
	storedState,
	type LogRow,
	type RetainFrom,
	type SetAsideRoom,
	type SyncStorage
} from './storage.ts';
import { WriteQueue } from './write-queue.ts';
import {
	Room,
	SERVER,
	closeConnection,
	newConnection,
	type Connection,
	type RoomDeps
} from './room.ts';
import { LIMITS, PersonBudget, updateLimits } from './limits.ts';
import { CLOSE } from '../../sync/protocol.ts';
import type { Documents } from '../docs/documents.ts';
import { FORWARDED_BY, type ChangeReply, type Cluster, type Owner } from './cluster/index.ts';
import { underLease } from './cluster/under-lease.ts';
import { FencedOut } from './pg-storage.ts';

export const SYNC_PATH = '/sync/';

export interface SyncServerOptions {
	/** The database (sessions, rights) and, unless `storage` says otherwise, where rooms are stored. */
	store: Store;
	log: Logger;
	/** Origins allowed to open a socket from a browser (others get 403); none → same host only. */
	allowedOrigins?: string[];
	/** How often dead connections and ended sessions are looked for. */
	heartbeatMs?: number;
	/** Per room, the sequence number after which log rows are kept even once folded (RetainFrom). */
	retainLogFrom?: RetainFrom;
	/** Where the rooms are stored: the store's own (docStorage, with `retainLogFrom`, fenced by the
	 *  cluster's node id on several nodes) unless another is given. */
	storage?: SyncStorage;
	/** Told when a room has closed (its last connection left and it was folded). */
	onRoomClosed?: (room: string) => void;
	/** Told of every accepted update, by room (automatic versions). Must be cheap. */
	onChange?: (room: string) => void;
	/** Several nodes (PostgreSQL only): the boards' leases, forwarding, and the other nodes. */
	cluster?: Cluster;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	429: 'Too Many Requests',
	503: 'Service Unavailable'
};

/** A stored room larger than this is not even read (it would take seconds and gigabytes): it is set
 *  aside. A room takes no updates past half of it. */
const UNREADABLE_BYTES = 2 * LIMITS.maxRoomBytes;
/** How long a session read from the database is trusted before a frame has it read again. */
const SESSION_CHECK_MS = 1000;

/** A session of open connections: when it expires, when that was read, whether it is being read. */
interface KnownSession {
	expiresAt: number;
	checkedAt: number;
	/** The read under way, if any: whether the session still holds. */
	checking: Promise<boolean> | null;
}

/** Frames a connection may send while its session is being read again; past that it is too fast. */
const HELD_FRAMES_MAX = 64;

/** An upgrade being authorised. Rights that change meanwhile (closeConnectionsOf) make it `stale`:
 *  it is authorised again before it joins, since what it read may be from before the change. */
interface PendingUpgrade {
	roomName: string;
	userId: string | null;
	sessionId: string | null;
	stale: boolean;
}

/** Whose connections close (closeConnectionsOf). */
export type Who = { userId: string } | { sessionId: string } | { boardId: string };

/** Several nodes: the room asked for belongs to a board another live node owns. */
class OwnedElsewhere extends Error {
	readonly owner: Owner;
	constructor(owner: Owner) {
		super(`the board is owned by node ${owner.nodeId}`);
		this.owner = owner;
	}
}

/** Several nodes: how long a server change is tried again while its board changes hands. */
const CHANGE_RETRY_MS = 250;

export class SyncServer implements Documents {
	readonly rooms = new Map<string, Room>();
	/** Rooms being loaded: whoever asks for one meanwhile waits for the same load. */
	#opening = new Map<string, Promise<Room>>();
	/** Rooms being set aside: they are loaded again only once that is done. Never rejects. */
	#settingAside = new Map<string, Promise<void>>();
	#upgrading = new Set<PendingUpgrade>();
	#db: Db;
	#log: Logger;
	#store: SyncStorage;
	#queue: WriteQueue;
	#onChange: ((room: string) => void) | undefined;
	#onRoomClosed: ((room: string) => void) | undefined;
	#wss: WebSocketServer;
	#allowedOrigins: Set<string> | null;
	#heartbeat: NodeJS.Timeout;
	#alive = new WeakSet<WebSocket>();
	#closing = false;
	#closed: Promise<void> | null = null;
	#sweeping = false;
	/** Each person's budgets and open connections (all rooms, and per room). */
	#people = new Map<
		string,
		{ budget: PersonBudget; connections: number; perRoom: Map<string, number> }
	>();
	/** The sessions of open connections, by session id. */
	#sessions = new Map<string, KnownSession>();
	/** Frames of connections waiting for their session to be read again, in order. */
	#held = new Map<Connection, Uint8Array[]>();
	#cluster: Cluster | null;
	/** Several nodes: each open room's board, and the lease generation it was loaded under. */
	#leases = new WeakMap<Room, { boardId: string; generation: number }>();

	constructor(options: SyncServerOptions) {
		this.#db = options.store.db;
		this.#log = options.log.child({ part: 'sync' });
		this.#cluster = options.cluster ?? null;
		this.#store =
			options.storage ?? docStorage(options.store, options.retainLogFrom, this.#cluster?.nodeId);
		this.#onRoomClosed = options.onRoomClosed;
		this.#onChange = options.onChange;
		this.#queue = new WriteQueue(this.#store, (err, rooms) => this.#onWriteError(err, rooms));
		this.#allowedOrigins = options.allowedOrigins?.length ? new Set(options.allowedOrigins) : null;
		this.#wss = new WebSocketServer({
			noServer: true,
			maxPayload: LIMITS.maxFrameBytes,
			perMessageDeflate: false
		});
		this.#heartbeat = setInterval(() => this.#sweep(), options.heartbeatMs ?? 30_000);
		this.#heartbeat.unref();
		this.#cluster?.attach({
			lost: (boardId) => this.#dropBoard(boardId),
			closeConnections: (who) => this.#closeHere(who),
			applyChange: (room, userId, update) => this.#applyChange(room, userId, update)
		});
	}

	/** Handles an http upgrade whose path starts with /sync/. Never throws: whatever goes wrong
	 *  answers this request alone. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		// Node drops the http server's error listener on upgrade: without one of our own, a client
		// that resets the connection mid-answer would crash the process.
		const onSocketError = (err: Error) =>
			this.#log.debug({ err: err.message }, 'upgrade socket error');
		socket.on('error', onSocketError);
		const pending: PendingUpgrade = { roomName: '', userId: null, sessionId: null, stale: false };
		this.#upgrading.add(pending);
		this.#upgrade(req, socket, head, onSocketError, pending)
			.catch((err: unknown) => {
				this.#log.error({ err }, 'upgrade failed');
				reject(socket, 503);
			})
			.finally(() => this.#upgrading.delete(pending));
	}

	async #upgrade(
		req: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		onSocketError: (err: Error) => void,
		pending: PendingUpgrade
	) {
		if (this.#closing) return reject(socket, 503);
		const url = new URL(req.url ?? '/', 'http://localhost');
		let roomName: string;
		try {
			roomName = decodeURIComponent(url.pathname.slice(SYNC_PATH.length));
		} catch {
			return reject(socket, 400);
		}
		pending.roomName = roomName;
		if (!this.#originAllowed(req)) return reject(socket, 403);
		const token = tokenFromCookieHeader(req.headers.cookie);
		if (!token) return reject(socket, 401);
		for (;;) {
			pending.stale = false;
			const { user, session } = await validateSessionToken(this.#db, token);
			if (!user) return reject(socket, 401);
			pending.userId = user.id;
			pending.sessionId = session.id;
			const access = await roomAccess(this.#db, user, roomName);
			if (!access.ok) return reject(socket, access.status);
			if (this.#tooMany(user.id, roomName)) return reject(socket, 429);
			let room: Room;
			try {
				room = await this.#room(roomName);
				while (!this.#isOpen(room)) room = await this.#room(roomName);
			} catch (err) {
				if (err instanceof OwnedElsewhere)
					return this.#forward(req, socket, head, roomName, err.owner);
				this.#log.error({ room: roomName, err }, 'could not open the room');
				return reject(socket, 503);
			}
			if (pending.stale) {
				void this.#closeIfIdle(room);
				continue;
			}
			// What may have happened while all that was read: the client gone, the server closing, more
			// connections of the same person. From here on nothing waits until the connection has joined.
			if (socket.destroyed || this.#closing || this.#tooMany(user.id, roomName)) {
				reject(socket, this.#closing ? 503 : 429);
				void this.#closeIfIdle(room);
				return;
			}
			const notices = url.searchParams.get('notices') === '1';
			let joined = false;
			this.#wss.handleUpgrade(req, socket, head, (ws) => {
				joined = true;
				socket.off('error', onSocketError); // ws has its own from here on
				this.#join(ws, room, { user, session, access, notices });
			});
			// ws answers at once (no verifyClient); a socket it would not take leaves the room unused.
			if (!joined) void this.#closeIfIdle(room);
			return;
		}
	}

	#join(
		ws: WebSocket,
		room: Room,
		{
			user,
			session,
			access,
			notices
		}: {
			user: { id: string; displayName: string };
			session: { id: string; expiresAt: Date };
			access: { access: Connection['access']; mayPresent: boolean; status: string };
			notices: boolean;
		}
	) {
		const roomName = room.name;
		// Should ws ever answer later than at once, the room may have closed meanwhile: the client
		// reconnects, to the room as it is then.
		if (!this.#isOpen(room)) return ws.close(CLOSE.serverError, 'document reloaded');
		const person = this.#person(user.id);
		const conn = newConnection({
			socket: ws,
			userId: user.id,
			name: user.displayName,
			sessionId: session.id,
			access: access.access,
			mayPresent: access.mayPresent,
			notices,
			budget: person.budget
		});
		this.#sessions.set(session.id, {
			expiresAt: session.expiresAt.getTime(),
			checkedAt: Date.now(),
			checking: null
		});
		person.connections++;
		person.perRoom.set(roomName, (person.perRoom.get(roomName) ?? 0) + 1);
		this.#alive.add(ws);
		ws.on('pong', () => this.#alive.add(ws));
		ws.on('message', (data: RawData, isBinary: boolean) => {
			// Closing (the connection, or the server): whatever it still sends is ignored, and unacknowledged.
			if (conn.closed || this.#closing) return;
			if (!isBinary) return closeConnection(conn, CLOSE.unsupported, 'binary frames only');
			const frame = toBytes(data);
			const held = this.#held.get(conn);
			if (held) {
				if (held.length >= HELD_FRAMES_MAX)
					return closeConnection(conn, CLOSE.tooFast, 'too many messages');
				return void held.push(frame);
			}
			const lasts = this.#sessionLasts(conn);
			if (lasts === false) return closeConnection(conn, CLOSE.sessionEnded, 'session ended');
			if (lasts === true) return this.#receive(room, conn, frame);
			// Read again now: this frame and those after it wait for the answer, in order.
			const waiting = [frame];
			this.#held.set(conn, waiting);
			void lasts.then((still) => {
				this.#held.delete(conn);
				if (!still) return closeConnection(conn, CLOSE.sessionEnded, 'session ended');
				for (const f of waiting) if (!conn.closed && !this.#closing) this.#receive(room, conn, f);
			});
		});
		ws.on('error', (err) =>
			this.#log.warn({ room: roomName, user: user.id, err: err.message }, 'socket error')
		);
		ws.on('close', () => {
			conn.closed = true;
			this.#held.delete(conn);
			person.connections--;
			const left = (person.perRoom.get(roomName) ?? 1) - 1;
			if (left > 0) person.perRoom.set(roomName, left);
			else person.perRoom.delete(roomName);
			this.#leave(room, conn);
		});
		room.join(conn, access.status);
	}

	/** Hands a frame to its room. A paused node may be handed frames before its timers run: a lease
	 *  it does not trust any more closes the board's connections now, before anything is applied or
	 *  answered. */
	#receive(room: Room, conn: Connection, frame: Uint8Array) {
		if (!this.#stillOwned(room)) return;
		room.receive(conn, frame);
	}

	#person(userId: string) {
		let person = this.#people.get(userId);
		if (!person) {
			person = { budget: new PersonBudget(), connections: 0, perRoom: new Map() };
			this.#people.set(userId, person);
		}
		return person;
	}

	/** Whether a person has as many connections open as they may (all told, or to this room). */
	#tooMany(userId: string, roomName: string): boolean {
		const person = this.#people.get(userId);
		if (
			!person ||
			(person.connections < LIMITS.connectionsPerPerson &&
				(person.perRoom.get(roomName) ?? 0) < LIMITS.connectionsPerRoom)
		)
			return false;
		this.#log.warn({ room: roomName, user: userId }, 'refused a connection: too many open');
		return true;
	}

	/** Whether the connection's session still holds: true or false when the expiry known in memory
	 *  answers (read from the store within the last second), else the answer of reading it again (one
	 *  read at a time per session). A frame waits for that answer, so that no frame of a session ended
	 *  elsewhere (signed out, expired) is taken more than a second after it ended. */
	#sessionLasts(conn: Connection): boolean | Promise<boolean> {
		const now = Date.now();
		const known = this.#sessions.get(conn.sessionId);
		if (!known || now >= known.expiresAt) {
			this.#sessions.delete(conn.sessionId);
			return false;
		}
		if (known.checking) return known.checking;
		if (now - known.checkedAt < SESSION_CHECK_MS) return true;
		return (known.checking = this.#recheck(conn.sessionId, known));
	}

	async #recheck(sessionId: string, known: KnownSession): Promise<boolean> {
		try {
			const expiresAt = (await sessionExpiries(this.#db, [sessionId])).get(sessionId);
			const now = Date.now();
			if (expiresAt === undefined || now >= expiresAt) {
				this.#endSession(sessionId);
				return false;
			}
			if (this.#sessions.get(sessionId) === known) {
				known.expiresAt = expiresAt;
				known.checkedAt = now;
			}
			return true;
		} catch (err) {
			this.#log.warn({ err }, 'could not read a session again; its known expiry holds meanwhile');
			return Date.now() < known.expiresAt;
		} finally {
			known.checking = null;
		}
	}

	/** A session has ended (expired, signed out elsewhere): its connections close, and are told. */
	#endSession(sessionId: string) {
		this.#sessions.delete(sessionId);
		for (const room of this.rooms.values())
			for (const conn of room.connections)
				if (conn.sessionId === sessionId)
					closeConnection(conn, CLOSE.sessionEnded, 'session ended');
	}

	/** Closes the connections of a person whose rights changed (role changed, removed from a
	 *  council), of one session (signed out), or to a board's documents (its status changed what
	 *  they may do): they reconnect and are authorised afresh. A connection whose session has ended
	 *  is told so, and does not reconnect. Upgrades under way are authorised again before they join.
	 *  On several nodes, on every node (cluster/closes.ts). */
	async closeConnectionsOf(who: Who): Promise<void> {
		await Promise.all([this.#closeHere(who), this.#cluster?.closeEverywhere(who)]);
	}

	async #closeHere(who: Who): Promise<void> {
		for (const pending of this.#upgrading)
			if (pending.userId === null || concerns(who, pending.roomName, pending)) pending.stale = true;
		// Whatever was accepted is written (and its notices sent) before the sockets close.
		await this.#queue.flush();
		const affected = [...this.rooms.values()].flatMap((room) =>
			[...room.connections].filter((conn) => concerns(who, room.name, conn))
		);
		const expiries = await sessionExpiries(this.#db, [
			...new Set(affected.map((conn) => conn.sessionId))
		]);
		const now = Date.now();
		for (const conn of affected) {
			const expiresAt = expiries.get(conn.sessionId);
			if (expiresAt !== undefined && now < expiresAt)
				closeConnection(conn, CLOSE.rightsChanged, 'rights changed');
			else {
				this.#sessions.delete(conn.sessionId);
				closeConnection(conn, CLOSE.sessionEnded, 'session ended');
			}
		}
	}

	/** A room's log rows after `seq` (every accepted update written first), for the activity record. */
	async logAfter(roomName: string, seq: number, limit?: number): Promise<LogRow[]> {
		await this.#queue.flush();
		return this.#store.rowsAfter(roomName, seq, limit);
	}

	/** Drops a room's log rows up to `seq` that are folded already (the activity record has read them). */
	trimLog(roomName: string, seq: number): Promise<void> {
		return this.#store.trimFolded(roomName, seq);
	}

	/** Rooms whose stored documents could not be opened and were set aside, for administrators. */
	setAsideRooms(): Promise<SetAsideRoom[]> {
		return this.#store.setAsideRooms();
	}

	/** A room's current content as one update: the live document if the room is open (once all of it
	 *  is stored), else what storage holds (once whatever is on its way there has arrived). */
	async encodeState(roomName: string): Promise<Uint8Array> {
		const room = this.rooms.get(roomName);
		if (room && this.#stillOwned(room)) return room.encodeState();
		await this.#settingAside.get(roomName);
		await this.#queue.flush();
		return storedState(this.#store, roomName);
	}

	/**
	 * Changes a room's document on the server (see Room.change): live clients get it once it is
	 * stored; a room nobody has open is loaded for the change, and folded and closed again after.
	 * On several nodes, a board another node owns has the change worked out here and made there
	 * (#changeAt); while the board changes hands (nothing made) it is tried again, for about two
	 * leases.
	 */
	async change(
		roomName: string,
		userId: string | null,
		fn: (doc: Y.Doc) => void
	): Promise<boolean> {
		if (!this.#cluster) return this.#changeHere(roomName, userId, fn);
		const until = Date.now() + 2 * this.#cluster.leaseMs;
		for (;;) {
			let reply: ChangeReply;
			try {
				return await this.#changeHere(roomName, userId, fn);
			} catch (err) {
				if (err instanceof OwnedElsewhere)
					reply = await this.#changeAt(err.owner, roomName, userId, fn);
				else if (err instanceof FencedOut) reply = { ok: false, reason: 'not-owner' };
				else throw err;
			}
			if (reply.ok) return reply.changed;
			// Tried again only when nothing was made (see ChangeReply).
			const untouched = reply.reason === 'not-owner' || reply.reason === 'unreachable';
			if (!untouched || Date.now() > until)
				throw new Error(
					`could not change ${roomName} on the board's owner: ${reply.message ?? reply.reason}`
				);
			await new Promise((resolve) => setTimeout(resolve, CHANGE_RETRY_MS));
		}
	}

	async #changeHere(
		roomName: string,
		userId: string | null,
		fn: (doc: Y.Doc) => void
	): Promise<boolean> {
		let room = await this.#room(roomName);
		while (!this.#isOpen(room)) room = await this.#room(roomName);
		// Made at once, in this same step: the room is still open.
		const changed = await room.change(userId, fn);
		await this.#closeIfIdle(room);
		return changed;
	}

	/** Several nodes: a server change to a board `owner` owns. It is worked out here, on a copy of
	 *  what is stored (the owner stores every update before anyone sees it, so nothing anyone has
	 *  seen is missing from it), and the owner applies the update it makes as a server change of
	 *  `userId`'s (#applyChange), which merges with whatever came meanwhile as any concurrent edit. */
	async #changeAt(
		owner: Owner,
		roomName: string,
		userId: string | null,
		fn: (doc: Y.Doc) => void
	): Promise<ChangeReply> {
		const doc = new Y.Doc({ gc: true });
		let update: Uint8Array | null = null;
		try {
			Y.applyUpdate(doc, await storedState(this.#store, roomName));
			doc.on('update', (made: Uint8Array) => (update = made));
			Y.transact(doc, () => fn(doc), SERVER);
		} finally {
			doc.destroy();
		}
		if (!update) return { ok: true, changed: false };
		return this.#cluster!.changeAt(owner, roomName, userId, update);
	}

	/** Several nodes: another node asks this one, the owner, to make a server change (#changeAt). */
	async #applyChange(
		roomName: string,
		userId: string | null,
		update: Uint8Array
	): Promise<ChangeReply> {
		const boardId = parseRoom(roomName)?.boardId;
		if (!boardId) return { ok: false, reason: 'failed', message: `not a room: ${roomName}` };
		if (this.#closing || this.#cluster?.holds(boardId) == null)
			return { ok: false, reason: 'not-owner' };
		try {
			const changed = await this.#changeHere(roomName, userId, (doc) => Y.applyUpdate(doc, update));
			return { ok: true, changed };
		} catch (err) {
			if (err instanceof OwnedElsewhere || err instanceof FencedOut)
				return { ok: false, reason: 'not-owner' };
			this.#log.error({ room: roomName, err }, 'could not make a change another node asked for');
			return { ok: false, reason: 'failed', message: String(err) };
		}
	}

	/** Several nodes: pipes an upgrade to the board's owner (cluster/forward.ts), the session and the
	 *  rights checked here already. One that was forwarded already is not forwarded again. */
	async #forward(
		req: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		roomName: string,
		owner: Owner
	): Promise<void> {
		const from = req.headers[FORWARDED_BY];
		if (from !== undefined) {
			this.#log.warn(
				{ room: roomName, owner: owner.nodeId, from },
				"refused a forwarded upgrade: the board is not this node's; the client tries again"
			);
			return reject(socket, 503);
		}
		if (socket.destroyed || this.#closing) return reject(socket, 503);
		if (!(await this.#cluster!.forward(req, socket, head, owner))) {
			this.#log.warn(
				{ room: roomName, owner: owner.nodeId, address: owner.address },
				"the board's owner did not answer; the client tries again"
			);
			return reject(socket, 503);
		}
		this.#log.debug({ room: roomName, owner: owner.nodeId }, "forwarded to the board's owner");
	}

	/** Several nodes: whether `room` is still under the lease it was loaded under. A room whose lease
	 *  is not trusted any more has its whole board dropped here and now. One node: always. */
	#stillOwned(room: Room): boolean {
		const lease = this.#leases.get(room);
		if (!this.#cluster || !lease) return true;
		if (this.#cluster.holds(lease.boardId) === lease.generation) return true;
		this.#dropBoard(lease.boardId);
		return false;
	}

	/** Several nodes: this node no longer holds `boardId`. Its rooms go at once, without writing
	 *  anything more (the fence would refuse it anyway), and their connections close: the clients
	 *  reconnect, through whichever node, to the board's owner, and send again what it lacks. */
	#dropBoard(boardId: string) {
		const dropped: string[] = [];
		for (const [name, room] of this.rooms) {
			if (this.#leases.get(room)?.boardId !== boardId) continue;
			this.rooms.delete(name);
			dropped.push(name);
			for (const conn of room.connections)
				closeConnection(conn, CLOSE.serverError, 'the board moved to another node');
			// Destroyed once the current message is handled: the room may still be on the stack.
			setImmediate(() => room.destroy());
		}
		if (dropped.length > 0)
			this.#log.warn(
				{ board: boardId, rooms: dropped },
				'dropped the rooms of a board this node no longer holds; their clients reconnect to its owner'
			);
	}

	/** Several nodes: gives `boardId` up once nothing of it is open or opening here, after whatever
	 *  was accepted for it is stored (under the lease). */
	#releaseIfIdle(boardId: string | undefined) {
		const cluster = this.#cluster;
		if (!cluster || !boardId) return;
		const release = () => {
			if (this.#closing) return; // the cluster gives every board up once all is folded
			for (const name of [...this.rooms.keys(), ...this.#opening.keys()])
				if (parseRoom(name)?.boardId === boardId) return;
			cluster.release(boardId);
		};
		this.#queue.after(release, release);
	}

	/** Several nodes: the lease this node holds `boardId` under, taken now if no live node holds
	 *  it (else OwnedElsewhere, saying where the board is). One node: null, no lease. */
	async #lease(boardId: string): Promise<number | null> {
		if (!this.#cluster) return null;
		const taken = await this.#cluster.take(boardId);
		if (!taken.held) throw new OwnedElsewhere(taken.owner);
		return taken.generation;
	}

	/** Whether `room` is the open room of its name (not closed, given up or dropped meanwhile). */
	#isOpen(room: Room): boolean {
		return this.rooms.get(room.name) === room;
	}

	/** The room `name`, open, or loaded (one load for everyone asking meanwhile). It may close again
	 *  before the caller's next step runs (others run between a promise settling and its awaiter):
	 *  callers check #isOpen after their await, in the step that uses the room. */
	#room(name: string): Promise<Room> {
		const open = this.rooms.get(name);
		if (open && this.#stillOwned(open)) return Promise.resolve(open);
		if (this.#closing) return Promise.reject(new Error('the sync server is closing'));
		let opening = this.#opening.get(name);
		if (!opening) {
			const loading: Promise<Room> = this.#load(name)
				.then((room) => {
					this.rooms.set(name, room);
					return room;
				})
				.finally(() => {
					if (this.#opening.get(name) === loading) this.#opening.delete(name);
				});
			// A board taken for a room that then could not be loaded is given up again.
			if (this.#cluster) loading.catch(() => this.#releaseIfIdle(parseRoom(name)?.boardId));
			this.#opening.set(name, (opening = loading));
		}
		return opening;
	}

	/** Reads a room from storage and makes it. What is stored is read only once everything on its way
	 *  there has arrived (the updates of the room's last instance, a setting aside). A stored state
	 *  that does not decode would fail every time: it goes aside, and the room opens empty. A store
	 *  that cannot be read is no reason to: that error is the caller's. */
	async #load(name: string): Promise<Room> {
		const parsed = parseRoom(name);
		if (!parsed) throw new Error(`not a room: ${name}`);
		// Several nodes: the board is this node's before anything of it is read.
		const lease = await this.#lease(parsed.boardId);
		await this.#settingAside.get(name);
		await this.#queue.flush();
		this.#queue.reopen(name);
		const started = performance.now();
		if ((await this.#store.storedBytes(name)) > UNREADABLE_BYTES)
			await this.#setAside(name, 'too large to open', lease);
		const deps = this.#roomDeps(parsed.kind, lease);
		const stored = await this.#store.load(name);
		let room: Room;
		try {
			room = new Room(name, deps, stored);
		} catch (err) {
			await this.#setAside(name, `could not be read: ${String(err)}`, lease);
			room = await Room.open(name, deps);
		}
		const ms = Math.round(performance.now() - started);
		if (lease === null) {
			this.#log.debug({ room: name, ms }, 'room loaded');
			return room;
		}
		if (this.#cluster!.holds(parsed.boardId) !== lease) {
			room.destroy();
			throw new Error(`lost board ${parsed.boardId} while loading ${name}`);
		}
		this.#leases.set(room, { boardId: parsed.boardId, generation: lease });
		this.#log.debug({ room: name, ms, board: parsed.boardId, generation: lease }, 'room loaded');
		return room;
	}

	/** What a room of `kind` is built on; several nodes: writing under `lease` (under-lease.ts). */
	#roomDeps(
		kind: NonNullable<ReturnType<typeof parseRoom>>['kind'],
		lease: number | null
	): RoomDeps {
		return {
			...(lease === null
				? { store: this.#store, queue: this.#queue }
				: underLease(this.#store, this.#queue, lease)),
			events: {
				refused: (conn, room, reason) => {
					if (conn.refused === 1)
						this.#log.warn(
							{ room, user: conn.userId },
							reason === 'read-only'
								? 'refused an update from a read-only connection'
								: 'refused an update: the room is full'
						);
				},
				malformed: (conn, room, why) =>
					this.#log.warn(
						{ room, user: conn.userId, why },
						'closed a connection: malformed or refused message'
					),
				broken: (room, err) =>
					this.#giveUp(room, err, 'could not apply an update; reloading the room from storage'),
				unloadable: (room, err) => {
					this.#giveUp(room, err, 'could not decode the stored room; setting it aside');
					this.#setAsideSoon(room, `could not be read: ${String(err)}`, lease);
				},
				storageError: (room, err) =>
					this.#log.error({ room, err }, 'could not fold the room; its log stays as it is'),
				folded: (room, updates, ms) =>
					this.#log.debug({ room, updates, ms: Math.round(ms) }, 'room folded'),
				changed: this.#onChange
			},
			limits: updateLimits(kind)
		};
	}

	/** Moves a room's stored documents aside (kept whole for an administrator) so that it opens again,
	 *  once whatever was accepted for it is written. */
	async #setAside(name: string, reason: string, lease: number | null): Promise<void> {
		await this.#queue.flush();
		await this.#store.setAside(name, reason, undefined, lease ?? undefined);
		this.#log.error(
			{ room: name, reason },
			'set a room aside: its stored documents could not be opened; an administrator can see them on the admin page'
		);
	}

	/** Sets a room aside in the background; it is not loaded again until that is done. */
	#setAsideSoon(name: string, reason: string, lease: number | null) {
		const done: Promise<void> = this.#setAside(name, reason, lease)
			.catch((err: unknown) => this.#log.error({ room: name, err }, 'could not set the room aside'))
			.finally(() => {
				if (this.#settingAside.get(name) === done) this.#settingAside.delete(name);
			});
		this.#settingAside.set(name, done);
	}

	/** Drops a room whose document can no longer be trusted: it is loaded afresh next time. What it
	 *  accepted before is written and handed on (relays, notices); then its connections close (their
	 *  clients reconnect and resend). Meanwhile it takes nothing more: a broken room reads nothing. */
	#giveUp(name: string, err: unknown, message: string) {
		this.#log.error({ room: name, err }, message);
		const room = this.rooms.get(name);
		if (!room) return;
		this.rooms.delete(name);
		const close = () => {
			for (const conn of room.connections)
				closeConnection(conn, CLOSE.serverError, 'document reloaded');
			// Destroyed once the current message is handled: the room may still be on the stack.
			setImmediate(() => room.destroy());
		};
		this.#queue.after(close, close);
		this.#releaseIfIdle(this.#leases.get(room)?.boardId);
	}

	#leave(room: Room, conn: Connection) {
		if (this.#closing) return;
		room.leave(conn);
		if (conn.refused > 0)
			this.#log.info(
				{ room: room.name, user: conn.userId, refused: conn.refused },
				'connection with refused updates closed'
			);
		void this.#closeIfIdle(room);
	}

	/** Closes a room nobody is connected to (its last connection left, or the one it was opened for
	 *  never joined): it is folded, then destroyed, then said to have closed. Someone joining while
	 *  it folds keeps it open. */
	async #closeIfIdle(room: Room): Promise<void> {
		const idle = () => !this.#closing && room.connections.size === 0 && this.#isOpen(room);
		if (!idle()) return;
		await room.compact();
		if (!idle()) return;
		room.destroy();
		this.rooms.delete(room.name);
		this.#onRoomClosed?.(room.name);
		this.#releaseIfIdle(this.#leases.get(room)?.boardId);
	}

	#originAllowed(req: IncomingMessage): boolean {
		const origin = req.headers.origin;
		if (!origin) return true; // not a browser: cookies are not sent cross-site by non-browsers anyway
		if (this.#allowedOrigins) return this.#allowedOrigins.has(origin);
		try {
			return new URL(origin).host === req.headers.host;
		} catch {
			return false;
		}
	}

	/** Dead sockets go; so do connections whose session has ended (expired, signed out elsewhere). */
	#sweep() {
		for (const ws of this.#wss.clients) {
			if (!this.#alive.has(ws)) {
				ws.terminate();
				continue;
			}
			this.#alive.delete(ws);
			ws.ping();
		}
		for (const [userId, person] of this.#people)
			if (person.connections === 0 && person.budget.full()) this.#people.delete(userId);
		if (this.#sweeping) return;
		this.#sweeping = true;
		this.#sweepSessions()
			.catch((err: unknown) => this.#log.warn({ err }, 'could not read the open sessions'))
			.finally(() => (this.#sweeping = false));
	}

	async #sweepSessions() {
		const open = this.#openSessions();
		const expiries = await sessionExpiries(this.#db, [...open]);
		const now = Date.now();
		for (const id of open) {
			const expiresAt = expiries.get(id);
			if (expiresAt === undefined || now >= expiresAt) {
				this.#endSession(id);
				continue;
			}
			const known = this.#sessions.get(id);
			if (known) Object.assign(known, { expiresAt, checkedAt: now });
			else this.#sessions.set(id, { expiresAt, checkedAt: now, checking: null });
		}
		// Sessions whose connections have all gone are forgotten (those that joined meanwhile stay).
		const still = this.#openSessions();
		for (const id of this.#sessions.keys()) if (!still.has(id)) this.#sessions.delete(id);
	}

	#openSessions(): Set<string> {
		const open = new Set<string>();
		for (const room of this.rooms.values())
			for (const conn of room.connections) if (!conn.closed) open.add(conn.sessionId);
		return open;
	}

	/** Updates that could not be written were applied to their rooms' documents but never relayed.
	 *  Those rooms are dropped whole, so they reload from storage, and their clients reconnect and
	 *  send their changes again. */
	#onWriteError(err: unknown, rooms: Set<string>) {
		this.#log.error(
			{ err, rooms: [...rooms] },
			'could not write updates; reloading the rooms so that clients resend'
		);
		for (const name of rooms) {
			const room = this.rooms.get(name);
			if (!room) continue;
			this.rooms.delete(name);
			room.storageFailed();
			this.#releaseIfIdle(this.#leases.get(room)?.boardId);
		}
	}

	/** Stops accepting, writes what is pending (and hands it on), closes every connection, folds each
	 *  room (and says each has closed, so that its activity is read). Settles once all is stored. */
	close(): Promise<void> {
		this.#closed ??= this.#shutDown();
		return this.#closed;
	}

	async #shutDown() {
		this.#closing = true;
		clearInterval(this.#heartbeat);
		await this.#queue.flush();
		for (const ws of this.#wss.clients) ws.close(CLOSE.goingAway, 'server shutting down');
		await Promise.allSettled([...this.#opening.values(), ...this.#settingAside.values()]);
		const rooms = [...this.rooms.values()];
		this.rooms.clear();
		await Promise.all(
			rooms.map(async (room) => {
				await room.compact();
				room.destroy();
				this.#onRoomClosed?.(room.name);
			})
		);
		// Changes made while the rooms folded.
		await this.#queue.flush();
		this.#wss.close();
	}
}

/** Whether a connection (or an upgrade under way) is one of those `who` names. */
function concerns(
	who: Who,
	roomName: string,
	conn: { userId: string | null; sessionId: string | null }
): boolean {
	if ('userId' in who) return conn.userId === who.userId;
	if ('sessionId' in who) return conn.sessionId === who.sessionId;
	return parseRoom(roomName)?.boardId === who.boardId;
}

function reject(socket: Duplex, status: number) {
	if (socket.destroyed) return;
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
	);
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
