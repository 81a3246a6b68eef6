// Two real nodes over one PostgreSQL and one Redis (nodes.ts): people on different nodes edit one
// board together, as one room on the board's owner; rights are the owner's to enforce, and every
// node refuses what it can early; a change of rights made through one node closes the sockets held
// through the other, and so it does with Redis gone; a change the server makes on the node that
// does not own the board reaches the owner's clients.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, readItems } from '../../src/lib/board/ydoc/list.ts';
import { NEEDS } from '../../src/lib/board/model/lists/index.ts';
import { CLOSE, NOTICE } from '../../src/lib/sync/protocol.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { eventually, upgradeStatus, type Client } from '../helpers/yclient.ts';
import { postAction } from '../helpers/actions.ts';
import { cluster, connectVia, storedDoc } from './nodes.ts';

const c = cluster(2);
const needs = (client: Client) => readItems(client.doc, NEEDS).map((n) => n.title);
const update = (title: string) => {
	const doc = new Y.Doc();
	addItem(doc, NEEDS, { title });
	return Y.encodeStateAsUpdate(doc);
};

/** `promise`'s value, or a failure once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
	return Promise.race([
		promise,
		new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms)
		)
	]);
}

/** The board's needs as PostgreSQL holds them (its state row, then its log). */
async function storedNeeds(): Promise<string[]> {
	const doc = await storedDoc(c, c.s.room);
	return readItems(doc, NEEDS).map((n) => n.title);
}

/** Closes `clients` and waits until no node holds the board any more (its rooms all closed). */
async function leaveBoard(clients: (Client | RawClient)[]) {
	for (const client of clients) {
		if (client instanceof RawClient) client.ws.close();
		else client.destroy();
	}
	await eventually(async () => expect(await c.owner(c.s.boardId)).toBeNull(), 10_000);
}

describe('two nodes', () => {
	it('serve one board to people on either: they co-edit and converge, and see each other', async () => {
		const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
		const onA = connectVia(c, () => a.wsUrl, c.s.room, c.s.people.secretary.cookie);
		await onA.synced;
		const onB = connectVia(c, () => b.wsUrl, c.s.room, c.s.people.member.cookie);
		const sheetOnB = connectVia(
			c,
			() => b.wsUrl,
			c.s.units.hospital.room,
			c.s.people.hospitalRep.cookie
		);
		await Promise.all([onB.synced, sheetOnB.synced]);
		// The first to open the board made node-a its owner; node-b forwards to it.
		expect(await c.owner(c.s.boardId)).toBe('node-a');
		await b.waitForLog(/forwarded to the board's owner/);

		for (let i = 0; i < 20; i++) {
			addItem(onA.doc, NEEDS, { title: `甲${i}` });
			addItem(onB.doc, NEEDS, { title: `乙${i}` });
		}
		await eventually(() => {
			expect(needs(onA).length).toBe(40);
			expect(needs(onB)).toEqual(needs(onA));
		});

		onA.provider.awareness.setLocalStateField('user', { name: '随便写的' });
		onB.provider.awareness.setLocalStateField('cursor', 3);
		await eventually(() => {
			const seenOnB = [...onB.provider.awareness.getStates().values()];
			expect(seenOnB).toContainEqual(
				expect.objectContaining({
					user: { id: c.s.people.secretary.id, name: c.s.people.secretary.displayName }
				})
			);
			const seenOnA = [...onA.provider.awareness.getStates().values()];
			expect(seenOnA).toContainEqual(expect.objectContaining({ cursor: 3 }));
		});
		await leaveBoard([onA, onB, sheetOnB]);
	});

	it('refuse an observer’s writes whichever node it connects to, and refuse those without rights early', async () => {
		const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
		const writer = connectVia(c, () => a.wsUrl, c.s.room, c.s.people.member.cookie);
		await writer.synced;
		const observers = [a, b].map(
			(node) => new RawClient(node.wsUrl, c.s.room, c.s.people.observer.cookie, '?notices=1')
		);
		await Promise.all(observers.map((o) => o.opened));
		for (const [i, observer] of observers.entries()) observer.sendUpdate(update(`观察员${i}`));
		await eventually(() => {
			for (const observer of observers)
				expect(observer.notices()).toContainEqual([NOTICE.refused, 1]);
		});
		// Both read the one room: the writer's edit reaches them, theirs reached no one.
		addItem(writer.doc, NEEDS, { title: '成员写的' });
		await eventually(() => {
			for (const observer of observers) expect(observer.receivedBytes).toBeGreaterThan(0);
			expect(c.nodes[0]!.logs.join('\n')).toContain(
				'refused an update from a read-only connection'
			);
		});
		await eventually(async () => expect(await storedNeeds()).toContain('成员写的'));
		for (const titles of [await storedNeeds(), needs(writer)])
			expect(titles.filter((t) => t.startsWith('观察员'))).toEqual([]);

		for (const node of [a, b]) {
			expect(await upgradeStatus(`${node.wsUrl}/${c.s.room}`)).toBe(401);
			expect(
				await upgradeStatus(`${node.wsUrl}/${c.s.room}`, { cookie: c.s.people.outsider.cookie })
			).toBe(403);
		}
		await leaveBoard([writer, ...observers]);
	});

	it('close a socket held through one node when the person’s role is changed through the other, within a second', async () => {
		const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
		const held = new RawClient(b.wsUrl, c.s.room, c.s.people.member2.cookie);
		await held.opened;
		expect(await c.owner(c.s.boardId)).toBe('node-b');
		const started = Date.now();
		const changed = await postAction(
			a.url,
			`/councils/${c.s.councilId}?/setMember`,
			c.s.people.secretary.cookie,
			{ userId: c.s.people.member2.id, role: 'observer', unitId: '' }
		);
		expect(changed).toMatchObject({ type: 'success' });
		expect(await within(held.closed, 1000)).toBe(CLOSE.rightsChanged);
		expect(Date.now() - started).toBeLessThan(1000);
		await leaveBoard([held]);
	});

	it('make a server change asked of the node that does not own the board: a restore reaches the owner’s clients', async () => {
		const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
		const onB = connectVia(c, () => b.wsUrl, c.s.room, c.s.people.secretary.cookie);
		await onB.synced;
		expect(await c.owner(c.s.boardId)).toBe('node-b');
		const before = needs(onB);
		addItem(onB.doc, NEEDS, { title: '恢复前有的' });
		await eventually(async () => expect(await storedNeeds()).toContain('恢复前有的'));
		const versions = `/boards/${c.s.boardId}/versions`;
		const taken = await postAction(a.url, `${versions}?/take`, c.s.people.secretary.cookie, {
			label: '草案'
		});
		expect(taken).toMatchObject({ type: 'success' });
		addItem(onB.doc, NEEDS, { title: '之后加的' });
		await eventually(async () => expect(await storedNeeds()).toContain('之后加的'));
		const listed = await fetch(`${a.url}/api/boards/${c.s.boardId}/versions`, {
			headers: { cookie: c.s.people.secretary.cookie }
		});
		const { versions: list } = (await listed.json()) as {
			versions: { id: string; label: string }[];
		};
		const draft = list.find((v) => v.label === '草案')!;
		const logged = a.logs.length;
		const restored = await postAction(a.url, `${versions}?/restore`, c.s.people.secretary.cookie, {
			versionId: draft.id,
			beforeLabel: '恢复之前'
		});
		expect(restored).toMatchObject({ type: 'success' });
		await eventually(() => expect(needs(onB)).toEqual([...before, '恢复前有的']));
		// Made by the owner: node-a did not open the room for it.
		expect(a.logs.slice(logged).filter((l) => l.includes('"msg":"room loaded"'))).toEqual([]);
		await leaveBoard([onB]);
	});

	it('close those sockets from the database when Redis is gone', async () => {
		const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
		const held = new RawClient(b.wsUrl, c.s.room, c.s.people.member.cookie);
		await held.opened;
		expect(await c.owner(c.s.boardId)).toBe('node-b');
		await c.redis.stop();
		const started = Date.now();
		const changed = await postAction(
			a.url,
			`/councils/${c.s.councilId}?/setMember`,
			c.s.people.secretary.cookie,
			{ userId: c.s.people.member.id, role: 'observer', unitId: '' }
		);
		expect(changed).toMatchObject({ type: 'success' });
		expect(await within(held.closed, 1500)).toBe(CLOSE.rightsChanged);
		expect(Date.now() - started).toBeLessThan(1500);
	});
});
