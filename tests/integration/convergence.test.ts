// A property test against the real server: three people edit one board at random (add, move, delete,
// type, set fields) while their connections drop and the server restarts; in the end every client,
// a newcomer and what the server stored are one and the same board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seed, type Seeded } from '../helpers/seed.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { connect, eventually, type Client } from '../helpers/yclient.ts';
import {
	addItem,
	deleteItem,
	itemText,
	moveItem,
	readItems,
	setField
} from '../../src/lib/board/ydoc/list.ts';
import { NEEDS, PLAN } from '../../src/lib/board/model/lists/index.ts';

let s: Seeded;
let server: RunningServer;

beforeAll(async () => {
	s = await seed();
	server = await startServer({ database: s.database });
});
afterAll(async () => {
	await server?.stop();
	await s?.drop();
});

const board = (doc: Y.Doc) => JSON.stringify([readItems(doc, NEEDS), readItems(doc, PLAN)]);

describe('three people, dropped connections and restarts', () => {
	for (const seedValue of [7, 1234]) {
		it(`converge to what the server stored (seed ${seedValue})`, async () => {
			let state = seedValue;
			const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
			const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
			const people = [s.people.secretary, s.people.member, s.people.member2];
			const clients: Client[] = people.map((p) => connect(server.wsUrl, s.room, p.cookie));
			await Promise.all(clients.map((c) => c.synced));

			for (let step = 0; step < 160; step++) {
				const client = pick(clients);
				const doc = client.doc;
				const spec = pick([NEEDS, PLAN]);
				const items = readItems(doc, spec);
				const roll = random();
				if (items.length === 0 || roll < 0.25)
					addItem(
						doc,
						spec,
						{ title: `第${step}项` },
						items.length && random() < 0.5 ? pick(items).id : undefined
					);
				else if (roll < 0.4) moveItem(doc, spec, pick(items).id, random() < 0.5 ? -1 : 1);
				else if (roll < 0.5) deleteItem(doc, spec, pick(items).id);
				else if (roll < 0.85) {
					const text = itemText(doc, spec, pick(items).id, 'title');
					if (text && random() < 0.3 && text.length > 0)
						text.delete(Math.floor(random() * text.length), 1);
					else
						text?.insert(
							Math.floor(random() * ((text?.length ?? 0) + 1)),
							pick(['甲', '乙', '丙', 'x'])
						);
				} else if (spec === PLAN)
					setField(doc, PLAN, pick(items).id, 'status', pick(['preparing', 'active', 'done']));
				else setField(doc, NEEDS, pick(items).id, 'beneficiaries', Math.floor(random() * 100));

				if (random() < 0.06) {
					const dropped = pick(clients);
					dropped.provider.disconnect();
					setTimeout(() => dropped.provider.connect(), Math.floor(random() * 300));
				}
				if (step === 60 || step === 120) {
					// A restart on the same port: graceful once, killed once.
					const port = server.port;
					if (step === 60) await server.stop();
					else await server.kill();
					server = await startServer({ database: s.database, env: { PORT: String(port) } });
				}
				if (random() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(random() * 20)));
			}

			for (const c of clients) c.provider.connect();
			await eventually(() => {
				const first = board(clients[0]!.doc);
				for (const c of clients) expect(board(c.doc)).toBe(first);
			}, 30_000);
			const fresh = connect(server.wsUrl, s.room, s.people.observer.cookie);
			await fresh.synced;
			expect(board(fresh.doc)).toBe(board(clients[0]!.doc));
			// What the server stored, read back through the API after a restart.
			const port = server.port;
			await server.stop();
			server = await startServer({ database: s.database, env: { PORT: String(port) } });
			const api = (await (
				await fetch(`${server.url}/api/boards/${s.boardId}`, {
					headers: { cookie: s.people.member.cookie }
				})
			).json()) as {
				content: { needs: { id: string; title: string }[]; plan: { id: string; title: string }[] };
			};
			const titles = (list: { id: string; title: string }[]) =>
				list.map((i) => `${i.id}:${i.title}`);
			expect(titles(api.content.needs)).toEqual(titles(readItems(fresh.doc, NEEDS)));
			expect(titles(api.content.plan)).toEqual(titles(readItems(fresh.doc, PLAN)));
			for (const c of [...clients, fresh]) c.destroy();
		}, 120_000);
	}
});
