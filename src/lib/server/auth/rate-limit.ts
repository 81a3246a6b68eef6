// Failed sign-ins are counted per username and per IP address in a fixed window; past the limit,
// further attempts are refused until the window ends, before any password is checked.

export interface Limit {
	max: number;
	windowMs: number;
}

export class FailureCounter {
	#hits = new Map<string, { count: number; resetAt: number }>();
	readonly limit: Limit;

	constructor(limit: Limit) {
		this.limit = limit;
	}

	/** Milliseconds until `key` may try again, or 0 when it may try now. */
	retryAfter(key: string, now = Date.now()): number {
		const hit = this.#hits.get(key);
		if (!hit || now >= hit.resetAt) return 0;
		return hit.count >= this.limit.max ? hit.resetAt - now : 0;
	}

	fail(key: string, now = Date.now()): void {
		const hit = this.#hits.get(key);
		if (!hit || now >= hit.resetAt) this.#hits.set(key, { count: 1, resetAt: now + this.limit.windowMs });
		else hit.count++;
		if (this.#hits.size > 10_000) this.#sweep(now);
	}

	reset(key: string): void {
		this.#hits.delete(key);
	}

	#sweep(now: number) {
		for (const [key, hit] of this.#hits) if (now >= hit.resetAt) this.#hits.delete(key);
	}
}

const MINUTE = 60_000;

/** The sign-in limits: 5 wrong passwords per username, 20 failures per IP, per 15 minutes. */
export function createLoginLimiter() {
	const byUser = new FailureCounter({ max: 5, windowMs: 15 * MINUTE });
	const byIp = new FailureCounter({ max: 20, windowMs: 15 * MINUTE });
	return {
		retryAfter(username: string, ip: string, now = Date.now()) {
			return Math.max(byUser.retryAfter(username.toLowerCase(), now), byIp.retryAfter(ip, now));
		},
		fail(username: string, ip: string, now = Date.now()) {
			byUser.fail(username.toLowerCase(), now);
			byIp.fail(ip, now);
		},
		succeed(username: string) {
			byUser.reset(username.toLowerCase());
		}
	};
}
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
