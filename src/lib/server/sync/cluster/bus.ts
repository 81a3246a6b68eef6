// The nodes' message bus: Redis publish/subscribe (node-redis), two connections per node, one to
// publish and one subscribed (Redis puts a subscribed connection in a mode of its own). Messages
// are JSON. Pub/sub delivers at most once, to whoever is subscribed at that moment: what must not
// be missed has a backstop elsewhere (closes.ts polls PostgreSQL), and a request that gets no
// answer times out (remote-change.ts). While Redis is away, publishing fails at once instead of
// queueing (nothing here is worth sending late), and both connections reconnect by themselves; the
// subscribed one subscribes again. A node starts only once it has reached Redis.
import { createClient } from 'redis';
import type { Logger } from 'pino';

export interface Bus {
	/** Publishes `message` on `channel`; resolves with how many nodes were subscribed to it. */
	publish(channel: string, message: unknown): Promise<number>;
	/** Calls `handler` with every message on `channel` (parsed; one that does not parse is dropped). */
	subscribe(channel: string, handler: (message: unknown) => void): Promise<void>;
	close(): Promise<void>;
}

/** Channel names, under one prefix. */
export const CHANNELS = {
	closes: 'gongjian:closes',
	node: (nodeId: string) => `gongjian:node:${nodeId}`
};

export async function connectBus(url: string, log: Logger): Promise<Bus> {
	const publisher = createClient({ url, disableOfflineQueue: true });
	const subscriber = publisher.duplicate();
	for (const [name, client] of [
		['publisher', publisher],
		['subscriber', subscriber]
	] as const) {
		// Said once per outage, not on every reconnection attempt.
		let down = false;
		client.on('error', (err: Error) => {
			if (!down) log.warn({ err: err.message, connection: name }, 'cannot reach Redis; retrying');
			down = true;
		});
		client.on('ready', () => {
			if (down) log.info({ connection: name }, 'connected to Redis again');
			down = false;
		});
	}
	await Promise.all([publisher.connect(), subscriber.connect()]);
	return {
		publish: (channel, message) => publisher.publish(channel, JSON.stringify(message)),
		subscribe: (channel, handler) =>
			subscriber.subscribe(channel, (raw: string) => {
				let message: unknown;
				try {
					message = JSON.parse(raw);
				} catch {
					return log.warn({ channel }, 'dropped a message that is not JSON');
				}
				handler(message);
			}),
		async close() {
			await Promise.allSettled([publisher.close(), subscriber.close()]);
		}
	};
}
