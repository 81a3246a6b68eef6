// The sync endpoint: authorises each upgrade from the session cookie, then hands the socket to
// its room. Attach it to any http server's 'upgrade' event (production entry, Vite dev server).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import type { Logger } from 'pino';
import type { Db } from '../db/index.ts';
import { tokenFromCookieHeader, validateSessionToken } from '../auth/session.ts';
import { parseRoom, roomAccess } from './rooms.ts';
import { DocStore, replay, type LogRow } from './storage.ts';
import { WriteQueue } from './write-queue.ts';
import { Room, closeConnection, type Connection } from './room.ts';
import { CLOSE } from './protocol.ts';

export const SYNC_PATH = '/sync/';

export interface SyncServerOptions {
	db: Db;
	log: Logger;
	/** Origins allowed to open a socket from a browser (others get 403); none → same host only. */
	allowedOrigins?: string[];
	/** Frames above this close the connection with 1009. */
	maxMessageBytes?: number;
	/** How often dead connections are looked for. */
	heartbeatMs?: number;
	/** Per room, the sequence number after which log rows are kept even once folded (see DocStore). */
	retainLogFrom?: (room: string) => number;
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
	503: 'Service Unavailable'
};

export class SyncServer {
	readonly rooms = new Map<string, Room>();
	#db: Db;
	#log: Logger;
	#store: DocStore;
	#queue: WriteQueue;
	#onChange: ((room: string) => void) | undefined;
	#onRoomClosed: ((room: string) => void) | undefined;
	#wss: WebSocketServer;
	#allowedOrigins: Set<string> | null;
	#heartbeat: NodeJS.Timeout;
	#alive = new WeakSet<WebSocket>();
	#closing = false;

	constructor(options: SyncServerOptions) {
		this.#db = options.db;
		this.#log = options.log.child({ part: 'sync' });
		this.#store = new DocStore(options.db, options.retainLogFrom);
		this.#onRoomClosed = options.onRoomClosed;
		this.#onChange = options.onChange;
		this.#queue = new WriteQueue(this.#store, (err, rooms) => this.#onWriteError(err, rooms));
		this.#allowedOrigins = options.allowedOrigins?.length ? new Set(options.allowedOrigins) : null;
		this.#wss = new WebSocketServer({
			noServer: true,
			maxPayload: options.maxMessageBytes ?? 8 * 1024 * 1024,
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
		const onSocketError = (err: Error) => this.#log.debug({ err: err.message }, 'upgrade socket error');
		socket.on('error', onSocketError);
		try {
			this.#upgrade(req, socket, head, onSocketError);
		} catch (err) {
			this.#log.error({ err }, 'upgrade failed');
			reject(socket, 503);
		}
	}

	#upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, onSocketError: (err: Error) => void) {
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
		const { user, session } = token ? validateSessionToken(this.#db, token) : { user: null, session: null };
		if (!user) return reject(socket, 401);
		const access = roomAccess(this.#db, user, roomName);
		if (!access.ok) return reject(socket, access.status);

		this.#wss.handleUpgrade(req, socket, head, (ws) => {
			socket.off('error', onSocketError); // ws has its own from here on
			const conn: Connection = {
				socket: ws,
				userId: user.id,
				name: user.displayName,
				sessionId: session.id,
				access: access.access,
				mayPresent: access.mayPresent,
				refused: 0,
				closed: false
			};
			let room: Room;
			try {
				room = this.#room(roomName);
			} catch (err) {
				this.#log.error({ room: roomName, err }, 'could not load room');
				return ws.close(1011, 'could not load the document');
			}
			this.#alive.add(ws);
			ws.on('pong', () => this.#alive.add(ws));
			ws.on('message', (data: RawData, isBinary: boolean) => {
				if (conn.closed) return; // closing: whatever it still sends is ignored
				if (!isBinary) return closeConnection(conn, CLOSE.unsupported, 'binary frames only');
				room.receive(conn, toBytes(data));
			});
			ws.on('error', (err) => this.#log.warn({ room: roomName, user: user.id, err: err.message }, 'socket error'));
			ws.on('close', () => {
				conn.closed = true;
				this.#leave(room, conn);
			});
			room.join(conn);
		});
	}

	/** Closes the connections of a person whose rights changed (role changed, removed from a
	 *  council), of one session (signed out), or to a board's documents (its status changed what
	 *  they may do): they reconnect and are authorised afresh. */
	closeConnectionsOf(who: { userId: string } | { sessionId: string } | { boardId: string }): void {
		const concerns = (room: Room, conn: Connection) =>
			'userId' in who ? conn.userId === who.userId : 'sessionId' in who ? conn.sessionId === who.sessionId : parseRoom(room.name)?.boardId === who.boardId;
		for (const room of this.rooms.values()) {
			for (const conn of room.connections) if (concerns(room, conn)) closeConnection(conn, 1008, 'rights changed');
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

	/** A room's current content as one update: the live document if the room is open, else storage. */
	encodeState(roomName: string): Uint8Array {
		const room = this.rooms.get(roomName);
		if (room) return room.encodeState();
		const { updates } = this.#store.load(roomName);
		if (updates.length <= 1) return updates[0] ?? new Uint8Array([0, 0]);
		const doc = replay(new Y.Doc(), updates);
		const state = Y.encodeStateAsUpdate(doc);
		doc.destroy();
		return state;
	}

	/**
	 * Changes a room's document on the server (see Room.change): live clients get it at once; a
	 * room nobody has open is loaded for the change, stored and folded again.
	 */
	change(roomName: string, userId: string | null, fn: (doc: Y.Doc) => void): boolean {
		const room = this.#room(roomName);
		const changed = room.change(userId, fn);
		if (room.connections.size === 0) {
			this.#queue.flush();
			room.compact();
			room.destroy();
			this.rooms.delete(roomName);
		}
		return changed;
	}

	#room(name: string): Room {
		let room = this.rooms.get(name);
		if (!room) {
			const started = performance.now();
			room = new Room(name, this.#store, this.#queue, {
				refused: (conn, room) => {
					if (conn.refused === 1) this.#log.warn({ room, user: conn.userId }, 'refused an update from a read-only connection');
				},
				malformed: (conn, room, why) => this.#log.warn({ room, user: conn.userId, why }, 'closed a connection: malformed message'),
				storageError: (room, err) => this.#log.error({ room, err }, 'could not fold the room; its log stays as it is'),
				folded: (room, updates, ms) => this.#log.debug({ room, updates, ms: Math.round(ms) }, 'room folded'),
				changed: this.#onChange
			});
			this.rooms.set(name, room);
			this.#log.debug({ room: name, ms: Math.round(performance.now() - started) }, 'room loaded');
		}
		return room;
	}

	#leave(room: Room, conn: Connection) {
		if (this.#closing) return;
		room.leave(conn);
		if (conn.refused > 0) this.#log.info({ room: room.name, user: conn.userId, refused: conn.refused }, 'read-only connection closed');
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

	#sweep() {
		for (const ws of this.#wss.clients) {
			if (!this.#alive.has(ws)) {
				ws.terminate();
				continue;
			}
			this.#alive.delete(ws);
			ws.ping();
		}
	}

	/** Updates that could not be written were applied to their rooms' documents but never relayed.
	 *  Those rooms are dropped whole, so they reload from disk, and their clients reconnect and
	 *  send their changes again. */
	#onWriteError(err: unknown, rooms: Set<string>) {
		this.#log.error({ err, rooms: [...rooms] }, 'could not write updates; reloading the rooms so that clients resend');
		for (const name of rooms) {
			const room = this.rooms.get(name);
			if (!room) continue;
			this.rooms.delete(name);
			for (const conn of room.connections) closeConnection(conn, 1011, 'storage error');
			room.destroy();
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
	socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
