// The sync endpoint: authorises each upgrade from the session cookie, caps each person's
// connections, then hands the socket to its room. Attach it to any http server's 'upgrade' event
// (production entry, Vite dev server). What goes wrong in one room (an update that breaks it, a
// stored state that does not decode) closes that room's connections and nothing else.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type * as Y from 'yjs';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import type { Logger } from 'pino';
import type { Db } from '../db/index.ts';
import { sessionExpiries, tokenFromCookieHeader, validateSessionToken } from '../auth/session.ts';
import { parseRoom } from './rooms.ts';
import { roomAccess } from '../policy/room.ts';
import {
	DocStore,
	storedState,
	type LogRow,
	type SetAsideRoom,
	type SyncStorage
} from './storage.ts';
import { WriteQueue } from './write-queue.ts';
import { Room, closeConnection, newConnection, type Connection } from './room.ts';
import { LIMITS, PersonBudget, updateLimits } from './limits.ts';
import { CLOSE } from '../../sync/protocol.ts';

export const SYNC_PATH = '/sync/';

export interface SyncServerOptions {
	db: Db;
	log: Logger;
	/** Origins allowed to open a socket from a browser (others get 403); none → same host only. */
	allowedOrigins?: string[];
	/** How often dead connections and ended sessions are looked for. */
	heartbeatMs?: number;
	/** Per room, the sequence number after which log rows are kept even once folded (see DocStore). */
	retainLogFrom?: (room: string) => number;
	/** Where the rooms are stored: SQLite in `db` (with `retainLogFrom`) unless another is given. */
	storage?: SyncStorage;
	/** Told when a room has closed (its last connection left and it was folded). */
	onRoomClosed?: (room: string) => void;
	/** Told of every accepted update, by room (automatic versions). Must be cheap. */
	onChange?: (room: string) => void;
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
/** How long a session read from the database is trusted before a frame asks again. */
const SESSION_CHECK_MS = 1000;

export class SyncServer {
	readonly rooms = new Map<string, Room>();
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
	/** Each person's budgets and open connections (all rooms, and per room). */
	#people = new Map<
		string,
		{ budget: PersonBudget; connections: number; perRoom: Map<string, number> }
	>();
	/** When each open connection's session expires, and when that was read from the database, by session id. */
	#sessions = new Map<string, { expiresAt: number; checkedAt: number }>();

	constructor(options: SyncServerOptions) {
		this.#db = options.db;
		this.#log = options.log.child({ part: 'sync' });
		this.#store = options.storage ?? new DocStore(options.db, options.retainLogFrom);
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
	}

	/** Handles an http upgrade whose path starts with /sync/. Never throws: whatever goes wrong
	 *  answers this request alone. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		// Node drops the http server's error listener on upgrade: without one of our own, a client
		// that resets the connection mid-answer would crash the process.
		const onSocketError = (err: Error) =>
			this.#log.debug({ err: err.message }, 'upgrade socket error');
		socket.on('error', onSocketError);
		try {
			this.#upgrade(req, socket, head, onSocketError);
		} catch (err) {
			this.#log.error({ err }, 'upgrade failed');
			reject(socket, 503);
		}
	}

	#upgrade(
		req: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		onSocketError: (err: Error) => void
	) {
		if (this.#closing) return reject(socket, 503);
		const url = new URL(req.url ?? '/', 'http://localhost');
		let roomName: string;
		try {
			roomName = decodeURIComponent(url.pathname.slice(SYNC_PATH.length));
		} catch {
			return reject(socket, 400);
		}
		if (!this.#originAllowed(req)) return reject(socket, 403);
		const token = tokenFromCookieHeader(req.headers.cookie);
		const { user, session } = token
			? validateSessionToken(this.#db, token)
			: { user: null, session: null };
		if (!user) return reject(socket, 401);
		const access = roomAccess(this.#db, user, roomName);
		if (!access.ok) return reject(socket, access.status);
		const person = this.#person(user.id);
		if (
			person.connections >= LIMITS.connectionsPerPerson ||
			(person.perRoom.get(roomName) ?? 0) >= LIMITS.connectionsPerRoom
		) {
			this.#log.warn({ room: roomName, user: user.id }, 'refused a connection: too many open');
			return reject(socket, 429);
		}
		let room: Room;
		try {
			room = this.#room(roomName);
		} catch (err) {
			this.#log.error({ room: roomName, err }, 'could not open the room');
			return reject(socket, 503);
		}

		this.#wss.handleUpgrade(req, socket, head, (ws) => {
			socket.off('error', onSocketError); // ws has its own from here on
			const conn = newConnection({
				socket: ws,
				userId: user.id,
				name: user.displayName,
				sessionId: session.id,
				access: access.access,
				mayPresent: access.mayPresent,
				notices: url.searchParams.get('notices') === '1',
				budget: person.budget
			});
			this.#sessions.set(session.id, {
				expiresAt: session.expiresAt.getTime(),
				checkedAt: Date.now()
			});
			person.connections++;
			person.perRoom.set(roomName, (person.perRoom.get(roomName) ?? 0) + 1);
			// The room may have been given up while the upgrade was answered.
			if (this.rooms.get(roomName) !== room) room = this.#room(roomName);
			this.#alive.add(ws);
			ws.on('pong', () => this.#alive.add(ws));
			ws.on('message', (data: RawData, isBinary: boolean) => {
				if (conn.closed) return; // closing: whatever it still sends is ignored
				if (!isBinary) return closeConnection(conn, CLOSE.unsupported, 'binary frames only');
				if (!this.#sessionLasts(conn))
					return closeConnection(conn, CLOSE.sessionEnded, 'session ended');
				room.receive(conn, toBytes(data));
			});
			ws.on('error', (err) =>
				this.#log.warn({ room: roomName, user: user.id, err: err.message }, 'socket error')
			);
			ws.on('close', () => {
				conn.closed = true;
				person.connections--;
				const left = (person.perRoom.get(roomName) ?? 1) - 1;
				if (left > 0) person.perRoom.set(roomName, left);
				else person.perRoom.delete(roomName);
				this.#leave(room, conn);
			});
			room.join(conn, access.status);
		});
	}

	#person(userId: string) {
		let person = this.#people.get(userId);
		if (!person) {
			person = { budget: new PersonBudget(), connections: 0, perRoom: new Map() };
			this.#people.set(userId, person);
		}
		return person;
	}

	/** Whether the connection's session still holds. Checked as frames arrive: against the database at
	 *  most once a second per session (a session ended or expired there is seen within a second),
	 *  against the expiry known in memory in between. */
	#sessionLasts(conn: Connection): boolean {
		const now = Date.now();
		const known = this.#sessions.get(conn.sessionId);
		if (known && now < known.expiresAt && now - known.checkedAt < SESSION_CHECK_MS) return true;
		const expiresAt = sessionExpiries(this.#db, [conn.sessionId]).get(conn.sessionId);
		if (expiresAt === undefined || now >= expiresAt) {
			this.#sessions.delete(conn.sessionId);
			return false;
		}
		this.#sessions.set(conn.sessionId, { expiresAt, checkedAt: now });
		return true;
	}

	/** Closes the connections of a person whose rights changed (role changed, removed from a
	 *  council), of one session (signed out), or to a board's documents (its status changed what
	 *  they may do): they reconnect and are authorised afresh. A connection whose session has ended
	 *  is told so, and does not reconnect. */
	closeConnectionsOf(who: { userId: string } | { sessionId: string } | { boardId: string }): void {
		// Whatever was accepted is written (and its notices sent) before the sockets close.
		this.#queue.flush();
		const concerns = (room: Room, conn: Connection) =>
			'userId' in who
				? conn.userId === who.userId
				: 'sessionId' in who
					? conn.sessionId === who.sessionId
					: parseRoom(room.name)?.boardId === who.boardId;
		const affected = [...this.rooms.values()].flatMap((room) =>
			[...room.connections].filter((conn) => concerns(room, conn))
		);
		const expiries = sessionExpiries(this.#db, [
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
	logAfter(roomName: string, seq: number, limit?: number): LogRow[] {
		this.#queue.flush();
		return this.#store.rowsAfter(roomName, seq, limit);
	}

	/** Drops a room's log rows up to `seq` that are folded already (the activity record has read them). */
	trimLog(roomName: string, seq: number): void {
		this.#store.trimFolded(roomName, seq);
	}

	/** Rooms whose stored documents could not be opened and were set aside, for administrators. */
	setAsideRooms(): SetAsideRoom[] {
		return this.#store.setAsideRooms();
	}

	/** A room's current content as one update: the live document if the room is open, else storage. */
	encodeState(roomName: string): Uint8Array {
		const room = this.rooms.get(roomName);
		if (room) return room.encodeState();
		return storedState(this.#store, roomName);
	}

	/**
	 * Changes a room's document on the server (see Room.change): live clients get it at once; a
	 * room nobody has open is loaded for the change, stored and folded again.
	 */
	change(roomName: string, userId: string | null, fn: (doc: Y.Doc) => void): boolean {
		const room = this.#room(roomName);
		const changed = room.change(userId, fn);
		if (room.connections.size === 0 && this.rooms.get(roomName) === room) {
			this.#queue.flush();
			room.compact();
			room.destroy();
			this.rooms.delete(roomName);
		}
		return changed;
	}

	#room(name: string): Room {
		const open = this.rooms.get(name);
		if (open) return open;
		const kind = parseRoom(name)?.kind;
		if (!kind) throw new Error(`not a room: ${name}`);
		if (this.#store.storedBytes(name) > UNREADABLE_BYTES) this.#setAside(name, 'too large to open');
		const started = performance.now();
		let room: Room;
		try {
			room = this.#newRoom(name, kind);
		} catch (err) {
			// A stored state that does not decode would fail every time: it goes aside, the room opens empty.
			this.#setAside(name, `could not be read: ${String(err)}`);
			room = this.#newRoom(name, kind);
		}
		this.rooms.set(name, room);
		this.#log.debug({ room: name, ms: Math.round(performance.now() - started) }, 'room loaded');
		return room;
	}

	#newRoom(name: string, kind: NonNullable<ReturnType<typeof parseRoom>>['kind']): Room {
		return new Room(name, {
			store: this.#store,
			queue: this.#queue,
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
					this.#setAside(room, `could not be read: ${String(err)}`);
				},
				storageError: (room, err) =>
					this.#log.error({ room, err }, 'could not fold the room; its log stays as it is'),
				folded: (room, updates, ms) =>
					this.#log.debug({ room, updates, ms: Math.round(ms) }, 'room folded'),
				changed: this.#onChange
			},
			limits: updateLimits(kind)
		});
	}

	/** Moves a room's stored documents aside (kept whole for an administrator) so that it opens again. */
	#setAside(name: string, reason: string) {
		this.#queue.flush();
		this.#store.setAside(name, reason);
		this.#log.error(
			{ room: name, reason },
			'set a room aside: its stored documents could not be opened; an administrator can see them on the admin page'
		);
	}

	/** Drops a room whose document can no longer be trusted: what was accepted is written, the
	 *  connections close (their clients reconnect and resend), and it loads afresh next time. */
	#giveUp(name: string, err: unknown, message: string) {
		this.#log.error({ room: name, err }, message);
		const room = this.rooms.get(name);
		if (!room) return;
		this.#queue.flush();
		this.rooms.delete(name);
		for (const conn of room.connections)
			closeConnection(conn, CLOSE.serverError, 'document reloaded');
		// Destroyed once the current message is handled: the room may still be on the stack.
		setImmediate(() => room.destroy());
	}

	#leave(room: Room, conn: Connection) {
		if (this.#closing) return;
		room.leave(conn);
		if (conn.refused > 0)
			this.#log.info(
				{ room: room.name, user: conn.userId, refused: conn.refused },
				'connection with refused updates closed'
			);
		if (room.connections.size === 0 && this.rooms.get(room.name) === room) {
			room.compact();
			room.destroy();
			this.rooms.delete(room.name);
			this.#onRoomClosed?.(room.name);
		}
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
		const open = new Set<string>();
		for (const room of this.rooms.values())
			for (const conn of room.connections) open.add(conn.sessionId);
		const expiries = sessionExpiries(this.#db, [...open]);
		const now = Date.now();
		this.#sessions = new Map(
			[...expiries]
				.filter(([, at]) => at > now)
				.map(([id, expiresAt]) => [id, { expiresAt, checkedAt: now }])
		);
		for (const room of this.rooms.values()) {
			for (const conn of room.connections)
				if (!this.#sessions.has(conn.sessionId))
					closeConnection(conn, CLOSE.sessionEnded, 'session ended');
		}
		for (const [userId, person] of this.#people)
			if (person.connections === 0 && person.budget.full()) this.#people.delete(userId);
	}

	/** Updates that could not be written were applied to their rooms' documents but never relayed.
	 *  Those rooms are dropped whole, so they reload from disk, and their clients reconnect and
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
		}
	}

	/** Stops accepting, closes every connection, writes what is pending and folds each room (and
	 *  says each has closed, so that its activity is read). */
	close(): void {
		if (this.#closing) return;
		this.#closing = true;
		clearInterval(this.#heartbeat);
		this.#queue.flush();
		for (const ws of this.#wss.clients) ws.close(CLOSE.goingAway, 'server shutting down');
		for (const room of this.rooms.values()) {
			room.compact();
			room.destroy();
			this.#onRoomClosed?.(room.name);
		}
		this.rooms.clear();
		this.#wss.close();
	}
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
