// Rate limits: sign-in attempts per username and per IP address, accounts made per IP, imports per
// person, each counted in a fixed window; past the limit, further attempts are refused until the
// window ends, before any password is checked or file read. An attempt counts from the moment it
// starts (so a burst of parallel requests cannot all slip through while their passwords are being
// checked), in the same step as the check, and a sign-in is forgiven if it succeeds.
//
// The counts live where every node sees them: in Redis when the app has one (REDIS_URL), so that
// ten nodes do not give ten times the attempts; else in this process's memory (one node). When
// Redis cannot answer, an attempt is refused (LimitsUnavailable), never let through uncounted.
import type { Logger } from 'pino';
import type { Redis } from '../redis.ts';

export interface Limit {
	max: number;
	windowMs: number;
}

/** One attempt to count: `key` names who makes it (e.g. `login:ip:192.0.2.1`). */
export interface Counted {
	key: string;
	limit: Limit;
}

/** Where the counts live: this process (MemoryCounts) or Redis (RedisCounts). */
export interface Counts {
	/** If none of `counted` is at its limit, counts one attempt against each and answers 0; else
	 *  counts nothing and answers the milliseconds until all of them may try again. One step: no
	 *  other attempt is checked or counted in between. */
	take(counted: readonly Counted[]): Promise<number>;
	/** Forgets every attempt of `key`'s. */
	clear(key: string): Promise<void>;
	/** Takes back one attempt of `key`'s, if it has any. */
	forgive(key: string): Promise<void>;
}

/** The counts could not be read or written (Redis is unreachable): the attempt is refused. */
export class LimitsUnavailable extends Error {
	constructor(cause: unknown) {
		super('the rate limits cannot be checked', { cause });
	}
}

/** The counts of one process. `now` is the clock, for tests. */
export class MemoryCounts implements Counts {
	#hits = new Map<string, { count: number; resetAt: number }>();
	#now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	async take(counted: readonly Counted[]): Promise<number> {
		const now = this.#now();
		let wait = 0;
		for (const { key, limit } of counted) {
			const hit = this.#hits.get(key);
			if (hit && now < hit.resetAt && hit.count >= limit.max)
				wait = Math.max(wait, hit.resetAt - now);
		}
		if (wait > 0) return wait;
		for (const { key, limit } of counted) {
			const hit = this.#hits.get(key);
			if (!hit || now >= hit.resetAt)
				this.#hits.set(key, { count: 1, resetAt: now + limit.windowMs });
			else hit.count++;
		}
		if (this.#hits.size > 10_000) this.#sweep(now);
		return 0;
	}

	async clear(key: string): Promise<void> {
		this.#hits.delete(key);
	}

	async forgive(key: string): Promise<void> {
		const hit = this.#hits.get(key);
		if (hit && hit.count > 0) hit.count--;
	}

	#sweep(now: number) {
		for (const [key, hit] of this.#hits) if (now >= hit.resetAt) this.#hits.delete(key);
	}
}

/** Checks every count, then counts each (its window starting with its first attempt), in one
 *  script: Redis runs it whole, so two nodes' attempts cannot interleave. KEYS are the counts,
 *  ARGV each one's max and window (ms) in turn. */
const TAKE = `
local wait = 0
for i, key in ipairs(KEYS) do
	if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[2 * i - 1]) then
		wait = math.max(wait, redis.call('PTTL', key))
	end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
	redis.call('INCR', key)
	if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, ARGV[2 * i]) end
end
return 0`;

/** A decrement that stops at zero and keeps the window (DECR keeps the key's expiry). */
const FORGIVE = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

/** Every node's counts, in Redis under `gj:limit:`. A command that gets no answer within a second
 *  fails, as does one made while the connection is down (redis.ts): the attempt is refused. */
export class RedisCounts implements Counts {
	static readonly PREFIX = 'gj:limit:';
	#redis: Redis;
	#log: Logger;
	#loggedAt = -Infinity;

	constructor(redis: Redis, log: Logger) {
		this.#redis = redis.withCommandOptions({ timeout: 1000 });
		this.#log = log;
	}

	async take(counted: readonly Counted[]): Promise<number> {
		const wait = await this.#run(TAKE, {
			keys: counted.map((c) => RedisCounts.PREFIX + c.key),
			arguments: counted.flatMap((c) => [String(c.limit.max), String(c.limit.windowMs)])
		});
		return Number(wait);
	}

	async clear(key: string): Promise<void> {
		await this.#command(() => this.#redis.del(RedisCounts.PREFIX + key));
	}

	async forgive(key: string): Promise<void> {
		await this.#run(FORGIVE, { keys: [RedisCounts.PREFIX + key] });
	}

	#run(script: string, options: { keys: string[]; arguments?: string[] }) {
		return this.#command(() => this.#redis.eval(script, options));
	}

	async #command<T>(run: () => Promise<T>): Promise<T> {
		try {
			return await run();
		} catch (err) {
			// Once per 10 s at most: an outage under a burst of sign-ins must not flood the log.
			if (performance.now() - this.#loggedAt > 10_000) {
				this.#loggedAt = performance.now();
				this.#log.error({ err }, 'rate limits unavailable (Redis): attempts are refused');
			}
			throw new LimitsUnavailable(err);
		}
	}
}

/** What an attempt's limits answer: the milliseconds to wait (0: go ahead), or 'unavailable' when
 *  they cannot be checked, which the caller answers with "try again later". */
export async function limitWait(attempt: Promise<number>): Promise<number | 'unavailable'> {
	try {
		return await attempt;
	} catch (err) {
		if (err instanceof LimitsUnavailable) return 'unavailable';
		throw err;
	}
}

const MINUTE = 60_000;

/** The sign-in limits: 5 wrong passwords per username, 20 failures per IP, per 15 minutes. */
export const LOGIN_LIMITS = {
	user: { max: 5, windowMs: 15 * MINUTE },
	ip: { max: 20, windowMs: 15 * MINUTE }
} satisfies Record<string, Limit>;

export function createLoginLimiter(counts: Counts) {
	const keys = (username: string, ip: string) => ({
		user: `login:user:${username.toLowerCase()}`,
		ip: `login:ip:${ip}`
	});
	return {
		/** Starts an attempt: 0 if it may go ahead (it is counted as failed until `succeed`), else
		 *  the milliseconds until the person may try again. Rejects with LimitsUnavailable. */
		attempt(username: string, ip: string): Promise<number> {
			const key = keys(username, ip);
			return counts.take([
				{ key: key.user, limit: LOGIN_LIMITS.user },
				{ key: key.ip, limit: LOGIN_LIMITS.ip }
			]);
		},
		/** Forgives a successful attempt. If the counts cannot be reached it stays counted, which
		 *  errs on the safe side, and the sign-in goes ahead. */
		async succeed(username: string, ip: string): Promise<void> {
			const key = keys(username, ip);
			await Promise.all([counts.clear(key.user), counts.forgive(key.ip)]).catch(() => {});
		}
	};
}
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;

/** A limit on one kind of attempt, counted by one key (an IP, a person). */
export function createLimiter(counts: Counts, name: string, limit: Limit) {
	return {
		limit,
		/** 0 if the attempt may go ahead (it is counted), else the milliseconds to wait. Rejects
		 *  with LimitsUnavailable. */
		attempt(key: string): Promise<number> {
			return counts.take([{ key: `${name}:${key}`, limit }]);
		}
	};
}
export type Limiter = ReturnType<typeof createLimiter>;

/** Spreadsheets read for an import: 30 per person per 10 minutes (each is unpacked and parsed). */
export function createImportLimiter(counts: Counts): Limiter {
	return createLimiter(counts, 'import:user', { max: 30, windowMs: 10 * MINUTE });
}

/** Comments written or edited: 60 per person per 10 minutes, plenty for a meeting, and a bound on
 *  what a script can make the server write (and tell everyone) on someone's behalf. */
export function createCommentLimiter(counts: Counts): Limiter {
	return createLimiter(counts, 'comment:user', { max: 60, windowMs: 10 * MINUTE });
}

/** Accounts made through invitation links: 10 per IP address per hour (each costs a password hash). */
export function createSignupLimiter(counts: Counts): Limiter {
	return createLimiter(counts, 'signup:ip', { max: 10, windowMs: 60 * MINUTE });
}
