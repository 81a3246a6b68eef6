// Sign-in attempts are counted per username and per IP address in a fixed window; past the limit,
// further attempts are refused until the window ends, before any password is checked. An attempt
// counts as a failure from the moment it starts (so a burst of parallel requests cannot all slip
// through while their passwords are being checked) and is forgiven if it succeeds.

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
		if (!hit || now >= hit.resetAt)
			this.#hits.set(key, { count: 1, resetAt: now + this.limit.windowMs });
		else hit.count++;
		if (this.#hits.size > 10_000) this.#sweep(now);
	}

	reset(key: string): void {
		this.#hits.delete(key);
	}

	forgive(key: string): void {
		const hit = this.#hits.get(key);
		if (hit && hit.count > 0) hit.count--;
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
		/** Starts an attempt: 0 if it may go ahead (it is counted as failed until `succeed`), else
		 *  the milliseconds until the person may try again. */
		attempt(username: string, ip: string, now = Date.now()): number {
			const user = username.toLowerCase();
			const wait = Math.max(byUser.retryAfter(user, now), byIp.retryAfter(ip, now));
			if (wait > 0) return wait;
			byUser.fail(user, now);
			byIp.fail(ip, now);
			return 0;
		},
		succeed(username: string, ip: string) {
			byUser.reset(username.toLowerCase());
			byIp.forgive(ip);
		}
	};
}
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;

/** Spreadsheets read for an import: 30 per person per 10 minutes (each is unpacked and parsed). */
export function createImportLimiter() {
	return new FailureCounter({ max: 30, windowMs: 10 * MINUTE });
}

/** Accounts made through invitation links: 10 per IP address per hour (each costs a password hash). */
export function createSignupLimiter() {
	return new FailureCounter({ max: 10, windowMs: 60 * MINUTE });
}
