// The owner of a board paused (SIGSTOP) past its lease, as a node stalled or cut off: the other
// node takes the board over; once the old owner runs again (SIGCONT) it writes nothing more, not
// the edits its clients sent it while it was stopped, nor a fold; it closes its connections, and
// those clients, reconnecting to the new owner, send their edits again and lose nothing.
import { describe, expect, it } from 'vitest';
import { addItem, readItems } from '../../src/lib/board/ydoc/list.ts';
import { NEEDS } from '../../src/lib/board/model/lists/index.ts';
import { eventually, type Client } from '../helpers/yclient.ts';
import { cluster, connectVia } from './nodes.ts';

const LEASE_MS = 3000;
const c = cluster(2, { CLUSTER_LEASE_MS: String(LEASE_MS) });
const titles = (client: Client) =>
	readItems(client.doc, NEEDS)
		.map((n) => n.title)
		.sort();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an owner paused past its lease', () => {
	it('is taken over, and after it runs again writes nothing; its clients lose nothing', async () => {
		const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
		const people = c.s.people;
		// Where the client of node-a goes when it reconnects: node-a, nowhere, then node-b.
		let target = a.wsUrl;
		const onA = connectVia(c, () => target, c.s.room, people.secretary.cookie);
		await onA.synced;
		const onB = connectVia(c, () => b.wsUrl, c.s.room, people.member.cookie);
		await onB.synced;
		expect(await c.owner(c.s.boardId)).toBe('node-a');
		addItem(onA.doc, NEEDS, { title: '停之前甲' });
		addItem(onB.doc, NEEDS, { title: '停之前乙' });
		await eventually(() => expect(titles(onB)).toEqual(['停之前乙', '停之前甲']));

		a.process.kill('SIGSTOP');
		try {
			// Sent to node-a while it is stopped: it sits in node-a's socket, unread.
			addItem(onA.doc, NEEDS, { title: '停着时甲写的' });
			await sleep(LEASE_MS + 500);
			// A newcomer through node-b finds the board free, and node-b takes it.
			const late = connectVia(c, () => b.wsUrl, c.s.room, people.member2.cookie);
			await late.synced;
			expect(await c.owner(c.s.boardId)).toBe('node-b');
			expect(titles(late)).toEqual(['停之前乙', '停之前甲']);
			target = 'ws://127.0.0.1:1/sync';
		} catch (err) {
			a.process.kill('SIGCONT');
			throw err;
		}
		const before = await stored();
		const logged = a.logs.length;
		a.process.kill('SIGCONT');
		await a.waitForLog(/dropped the rooms of a board this node no longer holds/);
		// Its clients are closed: the one through node-b is back through node-b, on the new owner.
		await eventually(() => expect(onB.provider.wsconnected).toBe(true));
		await sleep(1500);
		expect(await stored()).toEqual(before);
		expect(a.logs.slice(logged).filter((l) => /room folded|room loaded/.test(l))).toEqual([]);

		// The paused node's client reaches the new owner and sends what it wrote meanwhile.
		target = b.wsUrl;
		await eventually(() => {
			for (const client of [onA, onB])
				expect(titles(client)).toEqual(['停之前乙', '停之前甲', '停着时甲写的']);
		}, 10_000);
		expect(await stored()).not.toEqual(before);
	});
});

/** Every stored row of the board's room, as seq and a digest of its bytes. */
async function stored() {
	return c.query(
		"SELECT 'state' AS kind, seq, md5(data) AS digest FROM doc_states WHERE room = $1 " +
			"UNION ALL SELECT 'update', seq, md5(data) FROM doc_updates WHERE room = $1 ORDER BY kind, seq",
		[c.s.room]
	);
}
