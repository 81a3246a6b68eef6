// Sends what waits in the outbox (outbox.ts), every few seconds, on every node: each claims its
// own batch, so that a delivery is sent by one node. A few are sent at a time (a mail server may
// take few connections, a robot 20 messages a minute). Nothing here throws out of the worker: a
// send that fails is recorded and tried again later or given up; a store that cannot be reached is
// logged and the outbox read again at the next tick. What is logged names the delivery, never its
// address, URL or secret.
import type { Logger } from 'pino';
import type { Db } from '../../db/index.ts';
import { newId } from '../../db/ids.ts';
import type { Send } from './channels.ts';
import { asDeliveryError } from './error.ts';
import {
	claimDue,
	giveUpUnanswered,
	recordFailure,
	recordSent,
	type ClaimedDelivery
} from './outbox.ts';

export interface DeliveryWorkerOptions {
	db: Db;
	log: Logger;
	send: Send;
	/** This node's name, in the claims it makes (a random one by default). */
	nodeId?: string;
	/** How often the outbox is looked at (5 s). */
	intervalMs?: number;
	/** How many deliveries a tick claims (10). */
	batchSize?: number;
	/** How many are sent at once (4). */
	concurrency?: number;
	/** How long a claim lasts (5 min): longer than a batch can take to send, so that no other node
	 *  takes a delivery still being sent; a node that died is replaced after it. */
	claimMs?: number;
	/** For tests: the clock, and the jitter of the retry delays. */
	now?: () => Date;
	random?: () => number;
}

/** What one pass did. */
export interface DeliveryRun {
	sent: number;
	retrying: number;
	gaveUp: number;
}

export class DeliveryWorker {
	readonly claimer: string;
	#db: Db;
	#log: Logger;
	#send: Send;
	#intervalMs: number;
	#batchSize: number;
	#concurrency: number;
	#claimMs: number;
	#now: () => Date;
	#random: () => number;
	#timer: NodeJS.Timeout | null = null;
	#running: Promise<unknown> | null = null;
	#stopped = false;
	/** Aborts the sends under way when stopping takes too long. */
	#abort = new AbortController();

	constructor(options: DeliveryWorkerOptions) {
		this.#db = options.db;
		this.#log = options.log;
		this.#send = options.send;
		this.#intervalMs = options.intervalMs ?? 5_000;
		this.#batchSize = options.batchSize ?? 10;
		this.#concurrency = options.concurrency ?? 4;
		this.#claimMs = options.claimMs ?? 5 * 60_000;
		this.#now = options.now ?? (() => new Date());
		this.#random = options.random ?? Math.random;
		this.claimer = `${options.nodeId ?? 'node'}-${newId(5)}`;
	}

	start(): void {
		if (this.#timer || this.#stopped) return;
		this.#timer = setInterval(() => this.#tick(), this.#intervalMs);
		this.#timer.unref();
	}

	/** Stops the timer, lets the sends under way finish for up to `graceMs`, then stops them (each
	 *  recorded as failed, to be tried again: it may have gone, and then goes twice), and settles
	 *  once the pass in progress has recorded what it did. */
	async stop(graceMs = 5_000): Promise<void> {
		this.#stopped = true;
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		let timer: NodeJS.Timeout | undefined;
		const grace = new Promise((resolve) => (timer = setTimeout(resolve, graceMs)));
		await Promise.race([this.#running, grace]);
		clearTimeout(timer);
		this.#abort.abort();
		await this.#running;
	}

	/** One pass: claims what is due and sends it. Never rejects. */
	async runOnce(): Promise<DeliveryRun> {
		const run: DeliveryRun = { sent: 0, retrying: 0, gaveUp: 0 };
		let claimed: ClaimedDelivery[];
		try {
			const now = this.#now();
			run.gaveUp += await giveUpUnanswered(this.#db, now);
			claimed = await claimDue(this.#db, {
				claimer: this.claimer,
				now,
				claimMs: this.#claimMs,
				limit: this.#batchSize
			});
		} catch (err) {
			this.#log.error({ err }, 'could not read the outbox');
			return run;
		}
		const waiting = [...claimed];
		const sender = async () => {
			for (let next = waiting.shift(); next; next = waiting.shift())
				run[await this.#deliver(next)]++;
		};
		await Promise.all(Array.from({ length: Math.min(this.#concurrency, claimed.length) }, sender));
		return run;
	}

	#tick(): void {
		if (this.#running) return;
		this.#running = (async () => {
			// A full batch says more may be waiting: go on until the outbox has no more due.
			for (;;) {
				const run = await this.runOnce();
				if (this.#stopped) break;
				if (run.sent + run.retrying + run.gaveUp < this.#batchSize) break;
			}
		})().finally(() => (this.#running = null));
	}

	async #deliver(delivery: ClaimedDelivery): Promise<keyof DeliveryRun> {
		const about = { delivery: delivery.id, channel: delivery.channel, attempt: delivery.attempts };
		let failure: { message: string; retry: boolean } | null = null;
		try {
			await this.#send(delivery, this.#abort.signal);
		} catch (err) {
			const { message, retry } = asDeliveryError(err);
			// A mail server's reply may repeat the address: the record and the log say which
			// delivery instead.
			failure = { message: message.replace(anyCase(delivery.target), '<recipient>'), retry };
		}
		try {
			if (!failure) {
				await recordSent(this.#db, delivery.id, this.#now());
				this.#log.info(about, 'delivered');
				return 'sent';
			}
			const outcome = await recordFailure(
				this.#db,
				delivery,
				this.claimer,
				failure,
				this.#now(),
				this.#random
			);
			const why = { ...about, error: failure.message, retry: failure.retry };
			if ('retryAt' in outcome) {
				this.#log.warn({ ...why, retryAt: outcome.retryAt }, 'delivery failed; trying again later');
				return 'retrying';
			}
			if ('gaveUp' in outcome) {
				this.#log.error(why, 'delivery failed; given up');
				return 'gaveUp';
			}
			this.#log.warn(why, 'delivery failed after its claim ran out; another node has it');
			return 'retrying';
		} catch (err) {
			// The claim runs out and the delivery is taken again: sent twice at worst, never lost.
			this.#log.error({ ...about, err }, 'could not record a delivery');
			return failure ? 'retrying' : 'sent';
		}
	}
}

/** `text` found anywhere, in any case. */
function anyCase(text: string): RegExp {
	return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
}
