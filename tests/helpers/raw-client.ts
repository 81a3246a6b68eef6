// A websocket speaking the sync protocol by hand, for tests that send what no honest client would:
// it keeps what it receives and how it was closed.
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

export class RawClient {
	readonly ws: WebSocket;
	readonly opened: Promise<void>;
	readonly closed: Promise<number>;
	received: Uint8Array[] = [];
	receivedBytes = 0;

	constructor(wsUrl: string, room: string, cookie: string, query = '') {
		this.ws = new WebSocket(`${wsUrl}/${room}${query}`, { headers: { cookie } });
		this.opened = new Promise((resolve, reject) => {
			this.ws.once('open', () => resolve());
			this.ws.once('error', reject);
		});
		this.closed = new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
		this.ws.on('message', (data: Buffer) => {
			this.received.push(new Uint8Array(data));
			this.receivedBytes += data.length;
		});
	}

	get open(): boolean {
		return this.ws.readyState === WebSocket.OPEN;
	}

	sendUpdate(update: Uint8Array) {
		this.ws.send(syncUpdateFrame(update));
	}

	sendAwareness(update: Uint8Array) {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint8Array(encoder, update);
		this.ws.send(encoding.toUint8Array(encoder));
	}

	/** Notices (message type 100) received so far, as [kind, first number]. */
	notices(): number[][] {
		return this.received
			.filter((m) => m[0] === 100)
			.map((m) => {
				const decoder = decoding.createDecoder(m);
				decoding.readVarUint(decoder);
				const kind = decoding.readVarUint(decoder);
				return [kind, decoding.readVarUint(decoder)];
			});
	}
}

/** A y-protocols sync frame carrying `update`. */
export function syncUpdateFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** An awareness update (the payload of a presence frame) for client `clientID`. */
export function presence(clientID: number, state: object, clock = 1): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint(encoder, clientID);
	encoding.writeVarUint(encoder, clock);
	encoding.writeVarString(encoder, JSON.stringify(state));
	return encoding.toUint8Array(encoder);
}
