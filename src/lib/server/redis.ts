// The node's connection to Redis (REDIS_URL), for what several nodes must count or decide together
// (the rate limits: auth/rate-limit.ts). One client per process, made by the app and closed with it.
// A command made while the connection is down fails at once instead of waiting in node-redis's
// offline queue for a reconnect that may not come: its caller refuses (fails closed) rather than
// hanging a request, and the client keeps reconnecting by itself.
import type { Logger } from 'pino';
import { createClient, type RedisClientType } from 'redis';
import { redact } from './db/index.ts';

export type Redis = RedisClientType;

/** How long the app waits at start for a first connection before it serves without one. */
const FIRST_CONNECT_MS = 3000;

/** Opens the client; resolves once connected or after FIRST_CONNECT_MS, whichever comes first (an
 *  unreachable Redis at start is logged, and the node serves what it can meanwhile). */
export async function connectRedis(url: string, log: Logger): Promise<Redis> {
	const client: Redis = createClient({
		url,
		disableOfflineQueue: true,
		socket: {
			connectTimeout: 2000,
			// Capped backoff, for ever: Redis coming back is noticed within 5 s.
			reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000)
		}
	});
	// node-redis emits `error` for every failed (re)connection; without a listener that would throw.
	// Said once per outage, not once per retry.
	let down = false;
	client.on('error', (err: unknown) => {
		if (down) return;
		down = true;
		log.error({ err, redis: redact(url) }, 'Redis is unreachable');
	});
	client.on('ready', () => {
		if (down) log.info({ redis: redact(url) }, 'Redis is reachable again');
		down = false;
	});
	const connected = client.connect().then(
		() => true,
		() => false
	);
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<false>(
		(resolve) => (timer = setTimeout(resolve, FIRST_CONNECT_MS, false))
	);
	const ok = await Promise.race([connected, late]);
	clearTimeout(timer);
	if (!ok) log.warn({ redis: redact(url) }, 'serving without Redis until it answers');
	return client;
}

/** Closes the client whatever its state (connected, or still trying). */
export async function closeRedis(client: Redis): Promise<void> {
	if (client.isReady) await client.close();
	else if (client.isOpen) client.destroy();
}
