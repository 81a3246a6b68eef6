// The owner of a board killed (kill -9) in the middle of a storm of edits from clients on both
// nodes: the other node takes the board once the dead owner's lease has run out, every client
// reconnects (the dead node's to the other one) and carries on, and nothing any client saw, nor
// anything any client wrote, is lost. An owner stopped cleanly (SIGTERM) gives its boards up once
// they are folded: another node takes them at once, without waiting for a lease to run out.
import { describe, expect, it } from 'vitest';
import { addItem, readItems } from '../../src/lib/board/ydoc/list.ts';
import { NEEDS } from '../../src/lib/board/model/lists/index.ts';
import { eventually, type Client } from '../helpers/yclient.ts';
import { cluster, connectVia, storedDoc, firstAlive, stopNode } from './nodes.ts';

// Long enough that a board taken over within a fraction of it was given up, not left to run out.
const LEASE_MS = 6000;
const c = cluster(3, { CLUSTER_LEASE_MS: String(LEASE_MS) });
const titles = (client: Client) => new Set(readItems(client.doc, NEEDS).map((n) => n.title));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the owner killed mid-storm', () => {
	it('loses nothing anyone saw: its clients reconnect to the other node and carry on', async () => {
		const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
		const people = c.s.people;
		const first = connectVia(c, firstAlive(a, b), c.s.room, people.secretary.cookie);
		await first.synced;
		const writers = [
			first,
			connectVia(c, firstAlive(a, b), c.s.room, people.member.cookie),
			connectVia(c, firstAlive(b, a), c.s.room, people.member2.cookie),
			connectVia(c, firstAlive(b, a), c.s.room, people.hospitalRep.cookie)
		];
		await Promise.all(writers.map((w) => w.synced));
		expect(await c.owner(c.s.boardId)).toBe('node-a');

		const written = new Set<string>();
		let storming = true;
		const storm = writers.map(async (writer, w) => {
			for (let i = 0; storming; i++) {
				const title = `写者${w}-${i}`;
				addItem(writer.doc, NEEDS, { title });
				written.add(title);
				await sleep(15);
			}
		});
		await sleep(700);
		// What every client has seen (its own edits and the others' relayed to it) when the owner dies.
		await a.kill();
		const seen = writers.map(titles);
		expect(Math.min(...seen.map((s) => s.size))).toBeGreaterThan(20);
		// Through the outage and past it: edits go on, offline, then through node-b.
		await sleep(LEASE_MS + 1500);
		storming = false;
		await Promise.all(storm);

		await eventually(() => {
			for (const writer of writers) {
				expect(writer.provider.wsconnected).toBe(true);
				expect(titles(writer).size).toBe(written.size);
			}
		}, 20_000);
		expect(await c.owner(c.s.boardId)).toBe('node-b');
		await b.waitForLog(/"msg":"took the board"/);
		for (const writer of writers) {
			const now = titles(writer);
			for (const title of [...written, ...seen.flatMap((s) => [...s])])
				expect(now.has(title)).toBe(true);
		}
		// And carry on: an edit after it all reaches everyone, through the one node left.
		addItem(writers[0]!.doc, NEEDS, { title: '之后' });
		await eventually(() => {
			for (const writer of writers) expect(titles(writer).has('之后')).toBe(true);
		});
		// Stored, all of it: what PostgreSQL holds is what every client has.
		await eventually(async () => {
			const doc = await storedDoc(c, c.s.room);
			expect(readItems(doc, NEEDS).length).toBe(written.size + 1);
		});
	});
});

describe('the owner stopped cleanly', () => {
	it('gives its boards up: its clients are on another node well before a lease would run out', async () => {
		const [, b, third] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0], (typeof c.nodes)[0]];
		const writers = [
			connectVia(c, firstAlive(b, third), c.s.room, c.s.people.secretary.cookie),
			connectVia(c, firstAlive(third, b), c.s.room, c.s.people.member.cookie)
		];
		await Promise.all(writers.map((w) => w.synced));
		expect(await c.owner(c.s.boardId)).toBe('node-b');
		addItem(writers[0]!.doc, NEEDS, { title: '停机前' });
		await eventually(() => expect(titles(writers[1]!).has('停机前')).toBe(true));

		const started = Date.now();
		const stopped = stopNode(b);
		await eventually(async () => expect(await c.owner(c.s.boardId)).toBe('node-c'), LEASE_MS);
		// node-b renews every third of a lease, so its lease had two thirds left at least: taken
		// before that, it was given up, not left to run out (the clients' back-off takes the rest).
		expect(Date.now() - started).toBeLessThan((LEASE_MS * 2) / 3);
		addItem(writers[0]!.doc, NEEDS, { title: '停机后' });
		await eventually(() => {
			for (const writer of writers) expect(titles(writer).has('停机后')).toBe(true);
		});
		await stopped;
		expect(b.logs.join('\n')).toContain('"msg":"gave the boards up"');
	});
});
