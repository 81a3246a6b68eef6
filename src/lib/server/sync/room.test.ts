// The room in-process: real Yjs documents on both sides, frames made and read by y-protocols (as
// y-websocket does), sockets that record what they are sent, and the rooms' documents in memory.
// What is tested here is the room's word: stored before relayed, read-only refused and told, a bad
// frame closes its own connection only, a write that fails reaches nobody, a newcomer gets the
// stored state. The wire itself (ws, upgrades, kill -9) is tested against the built server.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { Room, newConnection, type Connection, type RoomEvents, type Socket } from './room.ts';
import { MemoryStorage } from './memory-storage.ts';
import { WriteQueue } from './write-queue.ts';
import { LIMITS, PersonBudget, updateLimits } from './limits.ts';
import type { LoggedUpdate } from './storage.ts';
import type { FanOut } from './fan-out.ts';
import type { UpdateLimits } from './update-check.ts';
import { addItem, readItems } from '../../board/ydoc/list.ts';
import { NEEDS, PLEDGES } from '../../board/model/lists/index.ts';
import {
	CLOSE,
	MESSAGE_AUTH,
	MESSAGE_AWARENESS,
	MESSAGE_NOTICE,
	MESSAGE_SYNC,
	NOTICE
} from '../../sync/protocol.ts';

const ROOM = 'board:b1';

/** A socket that keeps what it is sent, and how it was closed; closing it tells `onClose`, as ws's
 *  'close' event has the sync server take the connection out of its room. */
class RecordingSocket implements Socket {
	sent: Uint8Array[] = [];
	closedWith: { code: number; reason: string } | null = null;
	onClose = () => {};
	send(data: Uint8Array) {
		this.sent.push(data);
	}
	close(code: number, reason: string) {
		this.closedWith = { code, reason };
		this.onClose();
	}
}

/** Storage in memory that can be made to fail, and that says when it writes. */
class TestStorage extends MemoryStorage {
	failing = false;
	/** Updates stored so far. */
	stored = 0;
	onAppend: (rows: LoggedUpdate[]) => void = () => {};
	#held: { until: Promise<void>; release: () => void } | null = null;
	/** Writes from now on wait until `release`, as a database's take their time. */
	hold() {
		let release!: () => void;
		const until = new Promise<void>((resolve) => (release = resolve));
		this.#held = { until, release };
	}
	release() {
		this.#held?.release();
		this.#held = null;
	}
	override async append(rows: LoggedUpdate[]) {
		this.onAppend(rows);
		if (this.#held) await this.#held.until;
		if (this.failing) throw new Error('disk full');
		await super.append(rows);
		this.stored += rows.length;
	}
}

/** A room as the sync server builds one: a write queue whose failure gives the room up. */
async function openRoom(
	store: TestStorage,
	options: { limits?: UpdateLimits; fanOut?: FanOut } = {}
) {
	const malformed: string[] = [];
	const events: RoomEvents = {
		refused() {},
		malformed: (_conn, _room, why) => malformed.push(why),
		broken: (_room, err) => {
			throw err;
		},
		unloadable: (_room, err) => {
			throw err;
		},
		storageError: (_room, err) => {
			throw err;
		}
	};
	const writeErrors: string[][] = [];
	const queue = new WriteQueue(store, (_err, rooms) => {
		writeErrors.push([...rooms]);
		if (rooms.has(room.name)) room.storageFailed();
	});
	const room: Room = await Room.open(ROOM, {
		store,
		queue,
		events,
		limits: options.limits ?? updateLimits('board'),
		fanOut: options.fanOut
	});
	opened.push(room);
	return { room, queue, malformed, writeErrors };
}

const opened: Room[] = [];
afterEach(() => {
	for (const room of opened.splice(0)) if (!room.doc.isDestroyed) room.destroy();
});

/** A y-websocket client in-process: its own document, speaking to the room through frames. */
class Client {
	readonly doc = new Y.Doc();
	readonly socket = new RecordingSocket();
	readonly conn: Connection;
	#room: Room;
	#read = 0;

	constructor(
		room: Room,
		options: { access?: 'write' | 'read'; notices?: boolean; userId?: string } = {}
	) {
		this.#room = room;
		this.conn = newConnection({
			socket: this.socket,
			userId: options.userId ?? 'u1',
			name: '孙倩',
			sessionId: `s-${options.userId ?? 'u1'}`,
			access: options.access ?? 'write',
			mayPresent: false,
			notices: options.notices ?? true,
			budget: new PersonBudget()
		});
		this.socket.onClose = () => room.leave(this.conn);
		room.join(this.conn, 'draft');
	}

	send(frame: Uint8Array) {
		this.#room.receive(this.conn, frame);
	}

	/** Makes a change on the client's document and sends it as an update; returns the update. */
	edit(change: (doc: Y.Doc) => void): Uint8Array {
		let update: Uint8Array = new Uint8Array();
		const capture = (u: Uint8Array) => (update = u);
		this.doc.on('update', capture);
		change(this.doc);
		this.doc.off('update', capture);
		this.send(syncFrame((encoder) => syncProtocol.writeUpdate(encoder, update)));
		return update;
	}

	/** Sends sync step 1 (its state vector), as a client does on connecting. */
	askForState() {
		this.send(syncFrame((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc)));
	}

	/** Reads the sync messages received since last time, as y-websocket does, answering step 1. */
	readSync() {
		for (const frame of this.socket.sent.slice(this.#read)) {
			const decoder = decoding.createDecoder(frame);
			if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue;
			const reply = encoding.createEncoder();
			encoding.writeVarUint(reply, MESSAGE_SYNC);
			syncProtocol.readSyncMessage(decoder, reply, this.doc, 'server', () => {});
			if (encoding.length(reply) > 1) this.send(encoding.toUint8Array(reply));
		}
		this.#read = this.socket.sent.length;
	}

	/** The updates the room relayed to this client (sync update messages). */
	updates(): Uint8Array[] {
		return this.socket.sent.flatMap((frame) => {
			const decoder = decoding.createDecoder(frame);
			if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return [];
			if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsUpdate) return [];
			return [decoding.readVarUint8Array(decoder)];
		});
	}

	/** The notices received: each kind's name with its fields. */
	notices(): (string | number)[][] {
		return this.socket.sent.flatMap((frame) => {
			const decoder = decoding.createDecoder(frame);
			if (decoding.readVarUint(decoder) !== MESSAGE_NOTICE) return [];
			const kind = decoding.readVarUint(decoder);
			if (kind === NOTICE.saved) return [['saved', decoding.readVarUint(decoder)]];
			if (kind === NOTICE.refused)
				return [['refused', decoding.readVarUint(decoder), decoding.readVarString(decoder)]];
			return [['access', decoding.readVarString(decoder), decoding.readVarString(decoder)]];
		});
	}

	/** The y-protocols auth messages received (a stock client's "permission denied"). */
	denials(): string[] {
		return this.socket.sent.flatMap((frame) => {
			const decoder = decoding.createDecoder(frame);
			if (decoding.readVarUint(decoder) !== MESSAGE_AUTH) return [];
			decoding.readVarUint(decoder);
			return [decoding.readVarString(decoder)];
		});
	}
}

function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

const addNeed = (title: string) => (doc: Y.Doc) => addItem(doc, NEEDS, { title });
const withNeed = (title: string) => {
	const doc = new Y.Doc();
	addNeed(title)(doc);
	return doc;
};
const needTitles = (doc: Y.Doc) => readItems(doc, NEEDS).map((n) => n.title);
const storedNeeds = async (store: MemoryStorage) => {
	const doc = new Y.Doc();
	for (const update of (await store.load(ROOM)).updates) Y.applyUpdate(doc, update);
	return needTitles(doc);
};
const storedSeq = async (store: MemoryStorage) => (await store.load(ROOM)).seq;
const endOfTick = () => new Promise((resolve) => setImmediate(resolve));

describe('an accepted update', () => {
	it('is stored before anyone else receives it, and only then acknowledged', async () => {
		const store = new TestStorage();
		const { room } = await openRoom(store);
		const [writer, other] = [new Client(room), new Client(room, { userId: 'u2' })];
		const seenWhenWritten: number[] = [];
		store.onAppend = () => seenWhenWritten.push(other.updates().length);

		const update = writer.edit(addNeed('老年人健康筛查'));
		// Until the tick's write is done, nobody has it: not the others, not the record.
		expect(other.updates()).toEqual([]);
		expect(writer.notices()).not.toContainEqual(['saved', 1]);
		expect(await storedSeq(store)).toBe(0);

		await endOfTick();
		expect(seenWhenWritten).toEqual([0]);
		expect(await storedNeeds(store)).toEqual(['老年人健康筛查']);
		expect((await store.rowsAfter(ROOM, 0)).map((r) => [r.seq, r.userId])).toEqual([[1, 'u1']]);
		expect(other.updates()).toEqual([update]);
		expect(writer.updates()).toEqual([]); // never echoed to its sender
		expect(writer.notices()).toContainEqual(['saved', 1]);
	});

	it('goes to the other nodes only once it is stored', async () => {
		const store = new TestStorage();
		const published: { room: string; update: Uint8Array; stored: number }[] = [];
		const { room } = await openRoom(store, {
			fanOut: {
				publish: (name, update) => published.push({ room: name, update, stored: store.stored })
			}
		});
		const update = new Client(room).edit(addNeed('楼道堆物'));
		expect(published).toEqual([]);
		await endOfTick();
		expect(published).toEqual([{ room: ROOM, update, stored: 1 }]);
	});

	it('that the store cannot write reaches nobody: the room closes its connections and is given up', async () => {
		const store = new TestStorage();
		const { room, writeErrors } = await openRoom(store);
		const [writer, other] = [new Client(room), new Client(room, { userId: 'u2' })];
		store.failing = true;

		writer.edit(addNeed('暑期托管'));
		await endOfTick();
		expect(writeErrors).toEqual([[ROOM]]);
		expect(other.updates()).toEqual([]);
		expect(writer.notices()).not.toContainEqual(['saved', 1]);
		// As the sync server does: every client reconnects and sends its changes again.
		for (const client of [writer, other])
			expect(client.socket.closedWith).toEqual({
				code: CLOSE.serverError,
				reason: 'storage error'
			});
		expect(room.doc.isDestroyed).toBe(true);
		expect(await storedSeq(store)).toBe(0);

		// The room loaded again holds what storage holds, and takes the change when it comes again.
		store.failing = false;
		const { room: reloaded } = await openRoom(store);
		const again = new Client(reloaded);
		again.edit(addNeed('暑期托管'));
		await endOfTick();
		expect(await storedNeeds(store)).toEqual(['暑期托管']);
	});
});

describe('a read-only connection', () => {
	it('has its update refused and told, nothing of it stored or relayed, and stays open', async () => {
		const store = new TestStorage();
		const { room } = await openRoom(store);
		const reader = new Client(room, { access: 'read', userId: 'u2' });
		const stock = new Client(room, { access: 'read', notices: false, userId: 'u3' });
		const writer = new Client(room);

		reader.edit(addNeed('观察员写的需求'));
		stock.edit(addNeed('另一个'));
		await endOfTick();
		expect(await storedSeq(store)).toBe(0);
		expect(writer.updates()).toEqual([]);
		expect(needTitles(room.doc)).toEqual([]);
		expect(reader.notices()).toContainEqual(['refused', 1, 'read-only']);
		expect(stock.denials()).toEqual(['read-only']);
		expect(reader.socket.closedWith).toBeNull();
		expect(stock.socket.closedWith).toBeNull();

		// What others write still reaches it.
		const update = writer.edit(addNeed('居民提的需求'));
		await endOfTick();
		expect(reader.updates()).toEqual([update]);
	});
});

describe('a frame the room cannot take', () => {
	/** Three clients: `bad` sends the frame; the other two go on editing together. */
	async function sendBad(frame: () => Uint8Array, limits?: UpdateLimits) {
		const store = new TestStorage();
		const { room, malformed } = await openRoom(store, { limits });
		const bad = new Client(room, { userId: 'bad' });
		const [a, b] = [new Client(room, { userId: 'a' }), new Client(room, { userId: 'b' })];
		bad.send(frame());
		const update = a.edit(addNeed('照常'));
		await endOfTick();
		expect(a.socket.closedWith).toBeNull();
		expect(b.socket.closedWith).toBeNull();
		expect(b.updates()).toEqual([update]);
		expect(bad.updates()).toEqual([]); // closed: nothing more is sent to it
		expect(await storedNeeds(store)).toEqual(['照常']);
		return { closedWith: bad.socket.closedWith, malformed };
	}

	it('closes its connection only when the bytes do not decode', async () => {
		const frame = await sendBad(() => new Uint8Array([MESSAGE_SYNC, 2, 200]));
		expect(frame.closedWith).toEqual({ code: CLOSE.invalidPayload, reason: 'malformed message' });
		const update = await sendBad(() => {
			const whole = Y.encodeStateAsUpdate(withNeed('半截'));
			return syncFrame((encoder) => syncProtocol.writeUpdate(encoder, whole.slice(0, -4)));
		});
		expect(update.closedWith).toEqual({
			code: CLOSE.invalidPayload,
			reason: 'update refused: truncated'
		});
		expect(update.malformed).toEqual(['update truncated']);
	});

	it('closes its connection only for an unknown message type', async () => {
		const { closedWith } = await sendBad(() => new Uint8Array([42, 0]));
		expect(closedWith).toEqual({ code: CLOSE.unsupported, reason: 'unknown message type' });
	});

	it('closes its connection only for an update larger than any change to a board', async () => {
		const limits = { ...updateLimits('board'), maxElements: 20 };
		const { closedWith, malformed } = await sendBad(() => {
			const doc = new Y.Doc();
			doc.transact(() => {
				for (let i = 0; i < 30; i++) addItem(doc, NEEDS, { title: `需求 ${i}` });
			});
			return syncFrame((encoder) => syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc)));
		}, limits);
		expect(closedWith).toEqual({ code: CLOSE.updateTooLarge, reason: 'update too large' });
		expect(malformed).toEqual(['update too-many']);
	});

	it('closes its connection only for an update forged with lists the board has not', async () => {
		const { closedWith } = await sendBad(() => {
			const doc = new Y.Doc();
			addItem(doc, PLEDGES, { title: '写进了别人的文档' });
			return syncFrame((encoder) => syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc)));
		});
		expect(closedWith).toEqual({ code: CLOSE.invalid, reason: 'update refused: root' });
	});

	it('closes its connection only for presence speaking for more clients than one connection has', async () => {
		const { closedWith } = await sendBad(() => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
			const update = encoding.createEncoder();
			const ids = LIMITS.maxAwarenessClientsPerConnection + 1;
			encoding.writeVarUint(update, ids);
			for (let id = 1; id <= ids; id++) {
				encoding.writeVarUint(update, id);
				encoding.writeVarUint(update, 1);
				encoding.writeVarString(update, JSON.stringify({ user: { name: '冒名' } }));
			}
			encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
			return encoding.toUint8Array(encoder);
		});
		expect(closedWith).toEqual({ code: CLOSE.invalid, reason: 'presence too-many-clients' });
	});

	it('shows presence as the person signed in, whatever name it claims', async () => {
		const { room } = await openRoom(new TestStorage());
		const client = new Client(room, { userId: 'u7' });
		const awareness = new awarenessProtocol.Awareness(client.doc);
		awareness.setLocalState({ user: { id: 'someone-else', name: '书记' } });
		const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [client.doc.clientID]);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(encoder, update);
		client.send(encoding.toUint8Array(encoder));
		expect(room.awareness.getStates().get(client.doc.clientID)).toEqual({
			user: { id: 'u7', name: '孙倩' }
		});
		expect(client.socket.closedWith).toBeNull();
		awareness.destroy();
	});
});

describe('a newcomer', () => {
	it('gets the stored state with sync step 1 and 2, also from a room loaded again from storage', async () => {
		const store = new TestStorage();
		const { room } = await openRoom(store);
		const writer = new Client(room);
		writer.edit(addNeed('第一条'));
		writer.edit(addNeed('第二条'));
		await endOfTick();

		const joiner = new Client(room, { userId: 'u2' });
		joiner.askForState();
		joiner.readSync();
		expect(needTitles(joiner.doc)).toEqual(['第一条', '第二条']);

		// Folded and loaded again, as after everyone left: the state comes from what is stored.
		await room.compact();
		room.destroy();
		const { room: reloaded } = await openRoom(store);
		const late = new Client(reloaded, { userId: 'u3' });
		late.askForState();
		late.readSync();
		expect(needTitles(late.doc)).toEqual(['第一条', '第二条']);

		// A client that has part of it gets the rest, and what it had that the room lacked is stored.
		const offline = new Client(reloaded, { userId: 'u4' });
		Y.applyUpdate(offline.doc, Y.encodeStateAsUpdate(joiner.doc));
		addNeed('离线时写的')(offline.doc);
		offline.readSync(); // answers the room's step 1 with what the room lacks
		offline.askForState();
		offline.readSync();
		await endOfTick();
		expect(needTitles(offline.doc)).toEqual(['第一条', '第二条', '离线时写的']);
		expect(await storedNeeds(store)).toEqual(['第一条', '第二条', '离线时写的']);
		expect(offline.notices()).toContainEqual(['saved', 1]);
	});
});

describe('while writes take their time', () => {
	it('answers a newcomer only once all its answer holds is stored', async () => {
		const store = new TestStorage();
		const { room } = await openRoom(store);
		const writer = new Client(room);
		store.hold();
		writer.edit(addNeed('第一条'));
		await endOfTick(); // the write has begun, and waits
		const joiner = new Client(room, { userId: 'u2' });
		joiner.askForState();
		joiner.readSync();
		await endOfTick();
		expect(needTitles(joiner.doc)).toEqual([]);
		expect(writer.notices()).not.toContainEqual(['saved', 1]);

		store.release();
		await endOfTick();
		joiner.readSync();
		expect(needTitles(joiner.doc)).toEqual(['第一条']);
		expect(writer.notices()).toContainEqual(['saved', 1]);
	});

	it("gives the room's content, and a server's change, once stored; a change not stored is refused", async () => {
		const store = new TestStorage();
		const { room } = await openRoom(store);
		const reader = new Client(room, { access: 'read', userId: 'u2' });
		store.hold();
		const settled: string[] = [];
		const changed = room.change(null, addNeed('服务器写的')).then((made) => {
			settled.push('change');
			return made;
		});
		const state = room.encodeState().then((update) => {
			settled.push('state');
			return update;
		});
		await endOfTick();
		expect(settled).toEqual([]);
		expect(reader.updates()).toEqual([]);

		store.release();
		expect(await changed).toBe(true);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, await state);
		expect(needTitles(doc)).toEqual(['服务器写的']);
		expect(settled).toEqual(['change', 'state']);
		expect(reader.updates()).toHaveLength(1);

		store.failing = true;
		await expect(room.change(null, addNeed('存不上'))).rejects.toThrow('disk full');
		expect(room.doc.isDestroyed).toBe(true);
		expect(await storedNeeds(store)).toEqual(['服务器写的']);
	});

	it('folds what it had when asked, once that is stored, and keeps what came while it was written', async () => {
		const store = new TestStorage();
		const { room } = await openRoom(store);
		const writer = new Client(room);
		store.hold();
		writer.edit(addNeed('一'));
		await endOfTick();
		const folding = room.compact();
		writer.edit(addNeed('二')); // accepted while the fold waits for 一 to be stored
		store.release();
		await folding;
		await endOfTick();
		expect(await store.load(ROOM)).toMatchObject({ seq: 2, compactedSeq: 1 });
		expect(await storedNeeds(store)).toEqual(['一', '二']);
		// And the room, loaded again from the fold and its tail, has both.
		room.destroy();
		const { room: reloaded } = await openRoom(store);
		expect(needTitles(reloaded.doc)).toEqual(['一', '二']);
	});
});
