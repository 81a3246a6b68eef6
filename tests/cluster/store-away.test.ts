// PostgreSQL unreachable for longer than a lease under two nodes: an edit made meanwhile cannot be
// stored, so it is relayed to no one (not to the owner's other clients, not through the other
// node), the room is dropped and its clients reconnect, in vain while the database is away, and the
// owner's lease runs out; once PostgreSQL is back they get in again, the board is taken again,
// they send what was not stored, and everyone converges on it, stored.
import { describe, expect, it } from 'vitest';
import { addItem, readItems } from '../../src/lib/board/ydoc/list.ts';
import { NEEDS } from '../../src/lib/board/model/lists/index.ts';
import { eventually, type Client } from '../helpers/yclient.ts';
import { cluster, connectVia, storedDoc } from './nodes.ts';

const c = cluster(2, { CLUSTER_LEASE_MS: '3000' });
const titles = (client: Client) =>
	readItems(client.doc, NEEDS)
		.map((n) => n.title)
		.sort();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL away for a while', () => {
	it('refuses the writes made meanwhile, relays nothing unstored, and converges once it is back', async () => {
		const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
		const people = c.s.people;
		const onA = connectVia(c, () => a.wsUrl, c.s.room, people.secretary.cookie);
		await onA.synced;
		const others = [
			connectVia(c, () => a.wsUrl, c.s.room, people.member.cookie),
			connectVia(c, () => b.wsUrl, c.s.room, people.member2.cookie)
		];
		await Promise.all(others.map((o) => o.synced));
		addItem(onA.doc, NEEDS, { title: '之前' });
		await eventually(() => {
			for (const other of others) expect(titles(other)).toEqual(['之前']);
		});

		await c.postgres.pause();
		try {
			addItem(onA.doc, NEEDS, { title: '数据库不在时' });
			await a.waitForLog(/could not write updates/);
			// Not stored, so seen by no one else: neither on node-a nor through node-b. Away longer
			// than a lease: the one node-a held runs out, and the board is taken again once it can be.
			await sleep(3500);
			for (const other of others) expect(titles(other)).toEqual(['之前']);
		} finally {
			await c.postgres.resume();
		}
		await eventually(() => {
			for (const client of [onA, ...others]) {
				expect(client.provider.wsconnected).toBe(true);
				expect(titles(client)).toEqual(['之前', '数据库不在时']);
			}
		}, 20_000);
		const doc = await storedDoc(c, c.s.room);
		expect(
			readItems(doc, NEEDS)
				.map((n) => n.title)
				.sort()
		).toEqual(['之前', '数据库不在时']);
	});
});
