// A change the server makes (a restore, an import, a tracking report, a check-in, the next period)
// asked for on a node that does not own the board: that node works the change out itself, on a copy
// of what is stored (sync/server.ts), and the owner applies the resulting Yjs update to its live
// room as a server change under the same person, stores it, relays it, and answers. The request
// and the answer go over Redis, to the owner's own channel and back to the asker's: Redis is there
// already and trusted by every node, so there is no second secret to share and no internal http
// surface on the public port, and publishing says at once whether the owner is listening (no
// subscriber: the owner is gone, and its lease about to run out). A lost message is an answer that
// does not come: the request times out and the caller's change fails, never tried again, since
// the owner may have stored it (a change worked out again on what is stored then, an item added,
// would be made twice). A request nobody received, or one the owner refused before applying
// anything (it is not the owner any more), may be.
import type { Logger } from 'pino';
import { CHANNELS, type Bus } from './bus.ts';

/** What the owner answers: the change stored (and whether it changed anything), or why not:
 *  'not-owner' and 'unreachable' say nothing was made (the change may be tried again), 'no-answer'
 *  and 'failed' do not. */
export type ChangeReply =
	| { ok: true; changed: boolean }
	| { ok: false; reason: 'not-owner' | 'unreachable' | 'no-answer' | 'failed'; message?: string };

/** What the owner does with a request: applies `update` to `room` as `userId`, once stored. */
export type ApplyChange = (
	room: string,
	userId: string | null,
	update: Uint8Array
) => Promise<ChangeReply>;

interface Request {
	kind: 'change';
	id: string;
	from: string;
	room: string;
	userId: string | null;
	update: string;
}

interface Reply {
	kind: 'reply';
	id: string;
	reply: ChangeReply;
}

/** How long an owner has to store a change and answer. */
const ANSWER_MS = 15_000;

export class RemoteChanges {
	#bus: Bus;
	#nodeId: string;
	#log: Logger;
	#waiting = new Map<string, (reply: ChangeReply) => void>();
	#apply: ApplyChange = async () => ({ ok: false, reason: 'not-owner' });

	constructor(bus: Bus, nodeId: string, log: Logger) {
		this.#bus = bus;
		this.#nodeId = nodeId;
		this.#log = log;
	}

	/** Listens on this node's channel: requests (applied with `apply`) and answers. */
	async start(apply: ApplyChange): Promise<void> {
		this.#apply = apply;
		await this.#bus.subscribe(CHANNELS.node(this.#nodeId), (message) => this.#receive(message));
	}

	/** Asks `ownerId` to apply `update` to `room` as `userId`; resolves with its answer, with
	 *  'unreachable' when nobody received the request, 'no-answer' when no answer came in time. */
	async request(
		ownerId: string,
		room: string,
		userId: string | null,
		update: Uint8Array
	): Promise<ChangeReply> {
		const id = crypto.randomUUID();
		const answered = new Promise<ChangeReply>((resolve) => {
			const timer = setTimeout(() => {
				this.#waiting.delete(id);
				resolve({ ok: false, reason: 'no-answer', message: 'the owner did not answer in time' });
			}, ANSWER_MS);
			this.#waiting.set(id, (reply) => {
				clearTimeout(timer);
				this.#waiting.delete(id);
				resolve(reply);
			});
		});
		const request: Request = {
			kind: 'change',
			id,
			from: this.#nodeId,
			room,
			userId,
			update: Buffer.from(update).toString('base64')
		};
		let listening: number;
		try {
			listening = await this.#bus.publish(CHANNELS.node(ownerId), request);
		} catch (err) {
			listening = 0;
			this.#log.warn({ err, room, owner: ownerId }, 'could not ask the owner to make a change');
		}
		if (listening === 0) this.#waiting.get(id)?.({ ok: false, reason: 'unreachable' });
		return answered;
	}

	#receive(message: unknown) {
		if (isReply(message)) return this.#waiting.get(message.id)?.(message.reply);
		if (!isRequest(message)) return;
		const update = new Uint8Array(Buffer.from(message.update, 'base64'));
		this.#apply(message.room, message.userId, update)
			.catch((err: unknown): ChangeReply => ({ ok: false, reason: 'failed', message: String(err) }))
			.then((reply) => {
				const answer: Reply = { kind: 'reply', id: message.id, reply };
				return this.#bus.publish(CHANNELS.node(message.from), answer);
			})
			.catch((err: unknown) =>
				this.#log.warn({ err, room: message.room }, 'could not answer a change request')
			);
	}
}

function isRequest(message: unknown): message is Request {
	const m = message as Partial<Request> | null;
	return (
		m?.kind === 'change' &&
		typeof m.id === 'string' &&
		typeof m.from === 'string' &&
		typeof m.room === 'string' &&
		(m.userId === null || typeof m.userId === 'string') &&
		typeof m.update === 'string'
	);
}

function isReply(message: unknown): message is Reply {
	const m = message as Partial<Reply> | null;
	return m?.kind === 'reply' && typeof m.id === 'string' && typeof m.reply === 'object';
}
