// Redis restarted in the middle of a storm of edits from clients on both nodes: what nodes tell each
// other goes through it, what they store does not, so no node falls over, nothing is lost and
// everyone converges; after it, a rights change made through one node still closes a socket held
// through the other (over Redis again, or from sync_closes).
import { describe, expect, it } from 'vitest';
import { addItem, readItems } from '../../src/lib/board/ydoc/list.ts';
import { NEEDS } from '../../src/lib/board/model/lists/index.ts';
import { CLOSE } from '../../src/lib/sync/protocol.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { postAction } from '../helpers/actions.ts';
import { eventually, type Client } from '../helpers/yclient.ts';
import { cluster, connectVia, storedDoc } from './nodes.ts';

const c = cluster(2);
const titles = (client: Client) => new Set(readItems(client.doc, NEEDS).map((n) => n.title));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Redis restarted mid-storm', () => {
	it('loses nothing, and the nodes converge and tell each other again once it is back', async () => {
		const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
		const people = c.s.people;
		const writers = [
			connectVia(c, () => a.wsUrl, c.s.room, people.secretary.cookie),
			connectVia(c, () => b.wsUrl, c.s.room, people.member.cookie),
			connectVia(c, () => b.wsUrl, c.s.room, people.hospitalRep.cookie)
		];
		await Promise.all(writers.map((w) => w.synced));

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
		await sleep(500);
		await c.redis.restart();
		await sleep(1000);
		storming = false;
		await Promise.all(storm);

		await eventually(() => {
			for (const writer of writers) expect(titles(writer).size).toBe(written.size);
		}, 20_000);
		// Stored, all of it.
		await eventually(async () => {
			const doc = await storedDoc(c, c.s.room);
			expect(readItems(doc, NEEDS).length).toBe(written.size);
		});

		// Told again: a role change through one node closes, through the other, a socket held there.
		const owner = (await c.owner(c.s.boardId)) === 'node-a' ? a : b;
		const other = owner === a ? b : a;
		const held = new RawClient(owner.wsUrl, c.s.room, people.member2.cookie);
		await held.opened;
		const changed = await postAction(
			other.url,
			`/councils/${c.s.councilId}?/setMember`,
			people.secretary.cookie,
			{ userId: people.member2.id, role: 'observer', unitId: '' }
		);
		expect(changed).toMatchObject({ type: 'success' });
		expect(await held.closed).toBe(CLOSE.rightsChanged);
		for (const writer of writers) writer.destroy();
	});
});
