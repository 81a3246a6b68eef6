// The sync endpoint against real parts: the production server on a free port, its own SQLite file,
// and real y-websocket clients.
import { describe, expect, it } from 'vitest';
import { liveServer } from '../helpers/live.ts';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import net from 'node:net';
import { eventually, upgradeStatus } from '../helpers/yclient.ts';

const live = liveServer();
const { open } = live;

describe('sync', () => {
	it('two clients converge, live', async () => {
		const a = open(live.s.people.secretary.cookie);
		const b = open(live.s.people.member.cookie);
		await Promise.all([a.synced, b.synced]);
		a.doc.getMap('needs').set('from-a', '李敏');
		b.doc.getMap('needs').set('x', new Y.Text('王建国'));
		const text = (c: typeof a) => c.doc.getMap('needs').get('x') as Y.Text | undefined;
		await eventually(() => {
			expect(b.doc.getMap('needs').get('from-a')).toBe('李敏');
			expect(text(a)?.toString()).toBe('王建国');
		});
		// Concurrent edits of one text merge the same way on both sides.
		text(a)!.insert(0, 'A');
		text(b)!.insert(3, 'B');
		await eventually(() => expect(text(a)!.toString()).toBe(text(b)!.toString()));
		expect(text(a)!.toString()).toBe('A王建国B');
	});

	it('a client that joins later gets everything', async () => {
		const c = open(live.s.people.member2.cookie);
		await c.synced;
		expect(c.doc.getMap('needs').get('from-a')).toBe('李敏');
	});
});

describe('upgrade authorisation', () => {
	it('answers 401 without a valid session', async () => {
		expect(await upgradeStatus(`${live.server.wsUrl}/${live.s.room}`)).toBe(401);
		expect(
			await upgradeStatus(`${live.server.wsUrl}/${live.s.room}`, { cookie: 'gj_session=forged' })
		).toBe(401);
	});

	it('survives a malformed cookie and clients that reset the connection mid-answer', async () => {
		expect(
			await upgradeStatus(`${live.server.wsUrl}/${live.s.room}`, { cookie: 'gj_session=%E0%A4%A' })
		).toBe(401);
		for (let i = 0; i < 30; i++) {
			await new Promise<void>((resolve) => {
				const socket = net.connect(live.server.port, '127.0.0.1', () => {
					socket.write(
						`GET /sync/${live.s.room} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
							'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
					);
					socket.resetAndDestroy();
					resolve();
				});
				socket.on('error', () => resolve());
			});
		}
		await new Promise((r) => setTimeout(r, 200));
		expect(live.server.process.exitCode).toBeNull();
		expect(
			await upgradeStatus(`${live.server.wsUrl}/${live.s.room}`, {
				cookie: live.s.people.member.cookie
			})
		).toBe(101);
	});

	it('answers 403 for a board of another council', async () => {
		expect(
			await upgradeStatus(`${live.server.wsUrl}/${live.s.room}`, {
				cookie: live.s.people.outsider.cookie
			})
		).toBe(403);
		expect(
			await upgradeStatus(`${live.server.wsUrl}/board:${live.s.otherBoardId}`, {
				cookie: live.s.people.secretary.cookie
			})
		).toBe(403);
	});

	it('answers 404 for unknown rooms', async () => {
		expect(
			await upgradeStatus(`${live.server.wsUrl}/board:nosuchboard`, {
				cookie: live.s.people.secretary.cookie
			})
		).toBe(404);
		expect(
			await upgradeStatus(`${live.server.wsUrl}/chat:abc`, {
				cookie: live.s.people.secretary.cookie
			})
		).toBe(404);
	});

	it('answers 403 to a browser page of another site', async () => {
		const headers = { cookie: live.s.people.secretary.cookie };
		expect(
			await upgradeStatus(`${live.server.wsUrl}/${live.s.room}`, {
				...headers,
				origin: 'https://evil.example'
			})
		).toBe(403);
		expect(
			await upgradeStatus(`${live.server.wsUrl}/${live.s.room}`, {
				...headers,
				origin: live.server.url
			})
		).toBe(101);
	});
});

describe('read-only connections', () => {
	it('receive the document, but their updates are refused and never relayed', async () => {
		const member = open(live.s.people.member.cookie);
		const observer = open(live.s.people.observer.cookie);
		await Promise.all([member.synced, observer.synced]);
		expect(observer.doc.getMap('needs').get('from-a')).toBe('李敏');

		observer.doc.getMap('needs').set('from-observer', 'forged');
		await live.server.waitForLog(/refused an update from a read-only connection/);
		// A write from the member after the refusal arrives; the observer's never does.
		member.doc.getMap('needs').set('after', 1);
		const fresh = open(live.s.people.secretary.cookie);
		await fresh.synced;
		await eventually(() => expect(fresh.doc.getMap('needs').get('after')).toBe(1));
		expect(fresh.doc.getMap('needs').has('from-observer')).toBe(false);
		expect(member.doc.getMap('needs').has('from-observer')).toBe(false);

		const api = await fetch(`${live.server.url}/api/boards/${live.s.boardId}`, {
			headers: { cookie: live.s.people.secretary.cookie }
		});
		expect(JSON.stringify(await api.json())).not.toContain('forged');
	});
});

describe('malformed input', () => {
	function rawSocket(): Promise<WebSocket> {
		return new Promise((resolve, reject) => {
			const ws = new WebSocket(`${live.server.wsUrl}/${live.s.room}`, {
				headers: { cookie: live.s.people.member.cookie }
			});
			ws.once('open', () => resolve(ws));
			ws.once('error', reject);
		});
	}
	const closeCode = (ws: WebSocket) =>
		new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

	it('closes only the offending connection, with a clear code', async () => {
		const a = open(live.s.people.secretary.cookie);
		const b = open(live.s.people.member2.cookie);
		await Promise.all([a.synced, b.synced]);

		const cases: [string, (ws: WebSocket) => void, number][] = [
			['unknown message type', (ws) => ws.send(Uint8Array.of(9)), 1003],
			['unknown sync message', (ws) => ws.send(Uint8Array.of(0, 7, 0)), 1003],
			['truncated update', (ws) => ws.send(Uint8Array.of(0, 2, 50, 1, 2)), 1007],
			['garbage update', (ws) => ws.send(Uint8Array.of(0, 2, 4, 255, 255, 255, 255)), 1007],
			['text frame', (ws) => ws.send('hello'), 1003],
			['oversized frame', (ws) => ws.send(new Uint8Array(9 * 1024 * 1024)), 1009]
		];
		for (const [name, send, expected] of cases) {
			const ws = await rawSocket();
			const closed = closeCode(ws);
			send(ws);
			expect(await closed, name).toBe(expected);
		}

		a.doc.getMap('needs').set('still-working', true);
		await eventually(() => expect(b.doc.getMap('needs').get('still-working')).toBe(true));
		expect(live.server.process.exitCode).toBeNull();
	});
});

describe('presence', () => {
	it('shows the person signed in on the connection, whoever the client claims to be', async () => {
		const a = open(live.s.people.member.cookie);
		const b = open(live.s.people.secretary.cookie);
		await Promise.all([a.synced, b.synced]);
		a.provider.awareness.setLocalStateField('user', {
			id: live.s.people.secretary.id,
			name: '冒充的书记',
			color: 'url(x)'
		});
		await eventually(() => {
			const seen = b.provider.awareness.getStates().get(a.doc.clientID);
			expect(seen?.user).toEqual({
				id: live.s.people.member.id,
				name: live.s.people.member.displayName
			});
		});
	});

	it("ignores what a connection says about another connection's client", async () => {
		const a = open(live.s.people.secretary.cookie);
		const b = open(live.s.people.member2.cookie);
		await Promise.all([a.synced, b.synced]);
		a.provider.awareness.setLocalStateField('user', { id: live.s.people.secretary.id, name: 'x' });
		await eventually(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(true));

		// A raw client removes the secretary's presence by announcing a null state for its client id.
		const ws = new WebSocket(`${live.server.wsUrl}/${live.s.room}`, {
			headers: { cookie: live.s.people.member.cookie }
		});
		await new Promise((resolve) => ws.once('open', resolve));
		const forged = encoding.createEncoder();
		encoding.writeVarUint(forged, 1); // awareness message
		const update = encoding.createEncoder();
		encoding.writeVarUint(update, 1);
		encoding.writeVarUint(update, a.doc.clientID);
		encoding.writeVarUint(update, 1_000_000);
		encoding.writeVarString(update, 'null');
		encoding.writeVarUint8Array(forged, encoding.toUint8Array(update));
		ws.send(encoding.toUint8Array(forged));

		// The secretary's own next change still arrives (so the forged one would have been there by now).
		a.provider.awareness.setLocalStateField('editing', {
			room: live.s.room,
			item: 'i',
			field: 'title'
		});
		await eventually(() =>
			expect(b.provider.awareness.getStates().get(a.doc.clientID)?.editing).toEqual({
				room: live.s.room,
				item: 'i',
				field: 'title'
			})
		);
		expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user).toEqual({
			id: live.s.people.secretary.id,
			name: live.s.people.secretary.displayName
		});
		ws.close();
	});
});

describe('presenting', () => {
	it('passes on what a secretary presents and strips it from anyone else’s presence', async () => {
		const secretary = open(live.s.people.secretary.cookie);
		const member = open(live.s.people.member.cookie);
		const observer = open(live.s.people.observer.cookie);
		await Promise.all([secretary.synced, member.synced, observer.synced]);
		secretary.provider.awareness.setLocalStateField('showing', {
			view: 'plan',
			item: 'p1',
			meeting: null
		});
		// A member tries to take over the followers' screens, then moves a caret (which must arrive).
		member.provider.awareness.setLocalStateField('showing', {
			view: 'needs',
			item: 'n1',
			meeting: null
		});
		member.provider.awareness.setLocalStateField('editing', {
			room: live.s.room,
			item: 'n1',
			field: 'title'
		});
		await eventually(() => {
			const states = observer.provider.awareness.getStates();
			expect(states.get(secretary.doc.clientID)?.showing).toEqual({
				view: 'plan',
				item: 'p1',
				meeting: null
			});
			expect(states.get(member.doc.clientID)?.editing).toEqual({
				room: live.s.room,
				item: 'n1',
				field: 'title'
			});
		});
		for (const viewer of [observer, secretary])
			expect(viewer.provider.awareness.getStates().get(member.doc.clientID)).not.toHaveProperty(
				'showing'
			);
		// The member's own later states stay stripped too, and stopping presenting reaches everyone.
		member.provider.awareness.setLocalStateField('editing', null);
		secretary.provider.awareness.setLocalStateField('showing', null);
		await eventually(() => {
			const states = observer.provider.awareness.getStates();
			expect(states.get(secretary.doc.clientID)?.showing).toBeNull();
			expect(states.get(member.doc.clientID)?.editing).toBeNull();
		});
		expect(observer.provider.awareness.getStates().get(member.doc.clientID)).not.toHaveProperty(
			'showing'
		);
	});
});

describe('read API', () => {
	it('lists the boards a person may see, with their role and rooms', async () => {
		const res = await fetch(`${live.server.url}/api/boards`, {
			headers: { cookie: live.s.people.observer.cookie }
		});
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.boards).toEqual([
			{
				id: live.s.boardId,
				title: '共驻共建项目计划',
				period: '2026年第四季度',
				status: 'draft',
				council: { id: live.s.councilId, name: '幸福里社区党建联席会', community: '幸福里社区' },
				role: 'observer',
				unit: null,
				rooms: [live.s.room],
				sheets: [
					{
						unit: { id: live.s.units.hospital.id, name: '市第一人民医院' },
						room: live.s.units.hospital.room
					},
					{
						unit: { id: live.s.units.school.id, name: '幸福里小学' },
						room: live.s.units.school.room
					}
				]
			}
		]);
	});

	it('returns a board’s current content', async () => {
		const writer = open(live.s.people.secretary.cookie);
		await writer.synced;
		const { addItem } = await import('../../src/lib/board/ydoc/list.ts');
		const { PLAN } = await import('../../src/lib/board/model/lists/index.ts');
		addItem(writer.doc, PLAN, {
			title: '重阳节敬老义诊',
			place: '党群服务中心',
			status: 'done',
			start: '2026-10-29'
		});
		let body: { content: { plan: { title: string }[] } } | undefined;
		for (let i = 0; i < 100 && !body?.content.plan.some((p) => p.title === '重阳节敬老义诊'); i++) {
			await new Promise((r) => setTimeout(r, 20));
			body = await (
				await fetch(`${live.server.url}/api/boards/${live.s.boardId}`, {
					headers: { cookie: live.s.people.member.cookie }
				})
			).json();
		}
		expect(body?.content.plan).toContainEqual(
			expect.objectContaining({
				title: '重阳节敬老义诊',
				place: '党群服务中心',
				status: 'done',
				start: '2026-10-29',
				end: ''
			})
		);
	});

	it('answers 401 without a session and 403 for another council’s board', async () => {
		expect((await fetch(`${live.server.url}/api/boards`)).status).toBe(401);
		expect((await fetch(`${live.server.url}/api/boards/${live.s.boardId}`)).status).toBe(401);
		const other = await fetch(`${live.server.url}/api/boards/${live.s.otherBoardId}`, {
			headers: { cookie: live.s.people.member.cookie }
		});
		expect(other.status).toBe(403);
		const missing = await fetch(`${live.server.url}/api/boards/nosuchboard`, {
			headers: { cookie: live.s.people.member.cookie }
		});
		expect(missing.status).toBe(404);
	});
});
