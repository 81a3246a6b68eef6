// A websocket upgrade for a board another node owns goes there: the upgrade request is sent again,
// as it came, over a TCP connection to the owner's internal address, and from then on both sockets
// are piped into each other byte for byte. The owner answers the upgrade itself (101, or its own
// refusal) and authorises it as any other, from the same cookie; the stock y-websocket client sees
// one ordinary connection, and needs nothing. This node has already checked the session and rights
// (refusing early with the same HTTP codes); it counts nothing, the owner does.
//
// An owner that does not answer (gone, paused, cut off) is a lease about to run out or be taken
// over: the client is told to try again (503) and, reconnecting, lands wherever the board is then.
// A forwarded upgrade carries FORWARDED_BY: a node that gets one for a board it does not own
// answers 503 rather than forwarding it again, so that no upgrade goes round in circles.
import { connect, type Socket } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export const FORWARDED_BY = 'x-gongjian-forwarded-by';

export interface ForwardOptions {
	/** This node's id, sent in FORWARDED_BY. */
	nodeId: string;
	/** How long the owner has to accept the TCP connection and start answering the upgrade. */
	answerMs?: number;
}

/** Open pipes to owners, so that a node stopping can end them (their clients reconnect). */
export class Forwarder {
	#nodeId: string;
	#answerMs: number;
	#pipes = new Set<Socket>();

	constructor(options: ForwardOptions) {
		this.#nodeId = options.nodeId;
		this.#answerMs = options.answerMs ?? 3000;
	}

	/** Pipes the upgrade to `address` (http://host:port). Resolves true once the owner has started
	 *  answering (the client's socket is the pipe's from then on), false when it did not answer in
	 *  time: the client's socket is untouched, for the caller to refuse. */
	forward(req: IncomingMessage, socket: Duplex, head: Buffer, address: string): Promise<boolean> {
		const target = new URL(address);
		return new Promise((resolve) => {
			const upstream = connect({ host: target.hostname, port: Number(target.port) || 80 });
			let answered = false;
			const giveUp = () => {
				if (answered) return;
				clearTimeout(timer);
				upstream.destroy();
				resolve(false);
			};
			const timer = setTimeout(giveUp, this.#answerMs);
			upstream.once('error', giveUp);
			upstream.once('close', giveUp);
			upstream.once('connect', () => upstream.write(requestHead(req, this.#nodeId, head)));
			upstream.once('data', (first: Buffer) => {
				answered = true;
				clearTimeout(timer);
				upstream.off('error', giveUp);
				upstream.off('close', giveUp);
				this.#pipe(socket, upstream, first);
				resolve(true);
			});
			// A client gone while the owner is being reached.
			socket.once('close', () => upstream.destroy());
		});
	}

	#pipe(socket: Duplex, upstream: Socket, first: Buffer) {
		this.#pipes.add(upstream);
		socket.write(first);
		upstream.pipe(socket);
		socket.pipe(upstream);
		// Either side ending or failing ends the other: the client reconnects.
		const end = () => {
			this.#pipes.delete(upstream);
			upstream.destroy();
			socket.destroy();
		};
		upstream.on('error', end);
		upstream.on('close', end);
		socket.on('error', end);
		socket.on('close', end);
	}

	/** Ends every pipe. */
	close(): void {
		for (const upstream of this.#pipes) upstream.destroy();
		this.#pipes.clear();
	}
}

/** The upgrade request as it came (its raw headers, in order), marked as forwarded, then whatever
 *  the client sent after it. */
function requestHead(req: IncomingMessage, nodeId: string, head: Buffer): Buffer {
	const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`];
	for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
		if (req.rawHeaders[i]!.toLowerCase() !== FORWARDED_BY)
			lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
	lines.push(`${FORWARDED_BY}: ${nodeId}`);
	return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), head]);
}
