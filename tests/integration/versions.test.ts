// Versions against real parts: the production server, its store, real y-websocket clients,
// and the versions page's form actions as a browser posts them.
import { describe, expect, it } from 'vitest';
import { liveServer } from '../helpers/live.ts';
import { seed } from '../helpers/seed.ts';
import { and, count, eq } from 'drizzle-orm';
import { tables } from '../../src/lib/server/db/index.ts';
import { withStore } from '../helpers/store.ts';
import { startServer } from '../helpers/server.ts';
import { connect, eventually, type Client } from '../helpers/yclient.ts';
import { postAction } from '../helpers/actions.ts';
import {
	addItem,
	deleteItem,
	itemText,
	readItems,
	setField
} from '../../src/lib/board/ydoc/list.ts';
import { COMMITMENTS, NEEDS, PLEDGES } from '../../src/lib/board/model/lists/index.ts';

const live = liveServer();
const { open, clients } = live;
const needTitles = (c: Client) => readItems(c.doc, NEEDS).map((n) => n.title);
const api = async (path: string, cookie: string) => {
	const response = await fetch(`${live.server.url}${path}`, { headers: { cookie } });
	return { status: response.status, body: response.status === 200 ? await response.json() : null };
};

describe('versions', () => {
	it('are taken and restored by a secretary; connected clients converge on the restored state without reloading', async () => {
		const a = open(live.s.people.secretary.cookie, live.s.room);
		const b = open(live.s.people.member.cookie, live.s.room);
		const sheet = open(live.s.people.hospitalRep.cookie, live.s.units.hospital.room);
		await Promise.all([a.synced, b.synced, sheet.synced]);
		const bath = addItem(a.doc, NEEDS, { title: '独居老人助浴' });
		addItem(sheet.doc, PLEDGES, { title: '义诊医生 4 名' });
		await eventually(() => expect(needTitles(b)).toEqual(['独居老人助浴']));

		const versions = `/boards/${live.s.boardId}/versions`;
		const taken = await postAction(
			live.server.url,
			`${versions}?/take`,
			live.s.people.secretary.cookie,
			{ label: '会前草案' }
		);
		expect(taken).toMatchObject({ type: 'success', data: { taken: '会前草案' } });

		// Edits after the version, by two people, in the board and in a sheet.
		itemText(a.doc, NEEDS, bath, 'title')!.insert(6, '服务');
		addItem(b.doc, NEEDS, { title: '楼道照明' });
		deleteItem(sheet.doc, PLEDGES, readItems(sheet.doc, PLEDGES)[0]!.id);
		await eventually(() => expect(needTitles(a)).toEqual(['独居老人助浴服务', '楼道照明']));

		const { body } = await api(
			`/api/boards/${live.s.boardId}/versions`,
			live.s.people.member.cookie
		);
		const draft = body.versions.find((v: { label: string }) => v.label === '会前草案');
		const restored = await postAction(
			live.server.url,
			`${versions}?/restore`,
			live.s.people.secretary.cookie,
			{ versionId: draft.id, beforeLabel: '恢复前' }
		);
		expect(restored).toMatchObject({ type: 'success', data: { restored: '会前草案' } });

		await eventually(() => {
			for (const c of [a, b]) expect(needTitles(c)).toEqual(['独居老人助浴']);
			expect(readItems(sheet.doc, PLEDGES).map((p) => p.title)).toEqual(['义诊医生 4 名']);
		});

		// The state before the restore is itself a version, and holds the later edits.
		const after = (
			await api(`/api/boards/${live.s.boardId}/versions`, live.s.people.observer.cookie)
		).body.versions;
		expect(after.map((v: { label: string; kind: string }) => [v.label, v.kind])).toEqual([
			['恢复前', 'before_restore'],
			['会前草案', 'manual']
		]);
		expect(after[0].author).toEqual({
			id: live.s.people.secretary.id,
			name: live.s.people.secretary.displayName
		});
		const before = await api(
			`/api/boards/${live.s.boardId}/versions/${after[0].id}`,
			live.s.people.observer.cookie
		);
		expect(before.body.content.needs.map((n: { title: string }) => n.title)).toEqual([
			'独居老人助浴服务',
			'楼道照明'
		]);
		expect(
			before.body.content.sheets.find(
				(x: { unit: { id: string } }) => x.unit.id === live.s.units.hospital.id
			).pledges
		).toEqual([]);
	});

	it('are saved and restored by secretaries only; a label is required; other councils see none', async () => {
		const versions = `/boards/${live.s.boardId}/versions`;
		for (const person of [
			live.s.people.member,
			live.s.people.hospitalRep,
			live.s.people.observer
		]) {
			expect(
				await postAction(live.server.url, `${versions}?/take`, person.cookie, { label: 'x' })
			).toMatchObject({ type: 'error', status: 403 });
		}
		const list = (
			await api(`/api/boards/${live.s.boardId}/versions`, live.s.people.secretary.cookie)
		).body.versions;
		expect(
			await postAction(live.server.url, `${versions}?/restore`, live.s.people.member.cookie, {
				versionId: list[0].id
			})
		).toMatchObject({ type: 'error', status: 403 });

		const empty = await postAction(
			live.server.url,
			`${versions}?/take`,
			live.s.people.secretary.cookie,
			{ label: '  ' }
		);
		expect(empty).toMatchObject({
			type: 'failure',
			status: 400,
			data: { take: { errors: { label: { key: 'field.required' } } } }
		});
		const long = await postAction(
			live.server.url,
			`${versions}?/take`,
			live.s.people.secretary.cookie,
			{ label: '长'.repeat(101) }
		);
		expect(long).toMatchObject({
			type: 'failure',
			data: {
				take: { values: { label: '长'.repeat(101) }, errors: { label: { key: 'field.tooLong' } } }
			}
		});

		expect(
			(await api(`/api/boards/${live.s.boardId}/versions`, live.s.people.outsider.cookie)).status
		).toBe(403);
		expect(
			(
				await api(
					`/api/boards/${live.s.boardId}/versions/${list[0].id}`,
					live.s.people.outsider.cookie
				)
			).status
		).toBe(403);
		expect(
			(
				await api(
					`/api/boards/${live.s.otherBoardId}/versions/${list[0].id}`,
					live.s.people.secretary.cookie
				)
			).status
		).not.toBe(200);
	});
});

describe('the activity feed', () => {
	it('names the right person for edits made by two different users, before and after the log is folded', async () => {
		for (const c of clients.splice(0)) c.destroy(); // the room empties (and folds) when these two leave
		const wang = open(live.s.people.member.cookie, live.s.room);
		const zhang = open(live.s.people.member2.cookie, live.s.room);
		await Promise.all([wang.synced, zhang.synced]);
		addItem(wang.doc, NEEDS, { title: '加装电梯' });
		await eventually(() => expect(needTitles(zhang)).toContain('加装电梯'));
		addItem(zhang.doc, NEEDS, { title: '停车难' });
		await eventually(() => expect(needTitles(wang)).toContain('停车难'));
		// Everyone leaves: the room folds its log, and the record keeps what it said.
		for (const c of [wang, zhang]) c.destroy();
		await eventually(async () => {
			const [rows] = await withStore(live.s.database, (db) => {
				const { activity } = tables(db);
				return db.select({ n: count() }).from(activity).where(eq(activity.title, '加装电梯'));
			});
			expect(rows!.n, live.server.logs.filter((l) => /activity|fold/.test(l)).join('\n')).toBe(1);
		});
		// A later edit, not folded yet.
		const again = open(live.s.people.member2.cookie, live.s.room);
		await again.synced;
		itemText(
			again.doc,
			NEEDS,
			readItems(again.doc, NEEDS).find((n) => n.title === '停车难')!.id,
			'details'
		)!.insert(0, '晚上车位不足');
		await new Promise((r) => setTimeout(r, 200));

		// The page as a reader sees it (its text, not the data it carries for the browser).
		const feed = async (query = '') => {
			const html = await (
				await fetch(`${live.server.url}/boards/${live.s.boardId}/activity${query}`, {
					headers: { cookie: live.s.people.observer.cookie }
				})
			).text();
			return html
				.replace(/<script[\s\S]*?<\/script>/g, '')
				.replace(/<[^>]+>/g, '')
				.replace(/\s+/g, ' ');
		};
		const text = await feed();
		expect(text).toMatch(/王建国（成员） 新增需求：加装电梯/);
		expect(text).toMatch(/张丽（成员） 新增需求：停车难/);
		expect(text, text.slice(text.indexOf('筛选'))).toMatch(
			/张丽（成员） 修改需求：停车难（详细说明）/
		);
		expect(text).toMatch(/李敏（书记\/秘书） 恢复到版本「会前草案」/);
		// Filtered by person.
		const only = await feed(`?person=${live.s.people.member.id}`);
		expect(only).toContain('加装电梯');
		expect(only).not.toContain('停车难');
		expect(
			(
				await fetch(`${live.server.url}/boards/${live.s.boardId}/activity`, {
					headers: { cookie: live.s.people.outsider.cookie }
				})
			).status
		).toBe(403);
	});

	it('names each person once, with their own unit or role, and tells a short field’s old and new value', async () => {
		const { people, units } = live.s;
		// The representative wrote her unit into her name, as many do.
		await withStore(live.s.database, async (db) => {
			const { users } = tables(db);
			await db
				.update(users)
				.set({ displayName: '孙倩（市第一人民医院）' })
				.where(eq(users.id, people.hospitalRep.id));
		});
		const board = open(people.hospitalRep.cookie, live.s.room);
		const sheet = open(people.secretary.cookie, units.hospital.room);
		await Promise.all([board.synced, sheet.synced]);
		const need = readItems(board.doc, NEEDS).find((n) => n.title === '加装电梯')!;
		setField(board.doc, NEEDS, need.id, 'status', 'claimed');
		// The secretary sets a due date on the hospital's sheet.
		const commitment = addItem(sheet.doc, COMMITMENTS, { content: '每月义诊', due: '2026-12-01' });
		await new Promise((r) => setTimeout(r, 200));
		for (const c of [board, sheet]) c.destroy();
		await eventually(async () => {
			const [rows] = await withStore(live.s.database, (db) => {
				const { activity } = tables(db);
				return db
					.select({ n: count() })
					.from(activity)
					.where(and(eq(activity.itemId, commitment), eq(activity.action, 'added')));
			});
			expect(rows!.n).toBe(1);
		});
		const later = open(people.secretary.cookie, units.hospital.room);
		await later.synced;
		setField(later.doc, COMMITMENTS, commitment, 'due', '2026-12-31');
		await new Promise((r) => setTimeout(r, 200));

		const html = await (
			await fetch(`${live.server.url}/boards/${live.s.boardId}/activity`, {
				headers: { cookie: people.observer.cookie }
			})
		).text();
		const text = html
			.replace(/<script[\s\S]*?<\/script>/g, '')
			.replace(/<[^>]+>/g, '')
			.replace(/\s+/g, ' ');
		expect(text).toContain('孙倩（市第一人民医院） 修改需求：加装电梯（状态：待认领 → 已认领）');
		expect(text).not.toContain('（市第一人民医院）（市第一人民医院）');
		// The secretary is the secretary, on whichever sheet; the sentence says whose sheet it was.
		expect(text).toContain('李敏（书记/秘书） 新增市第一人民医院的承诺：每月义诊');
		expect(text).toContain(
			'李敏（书记/秘书） 修改市第一人民医院的承诺：每月义诊（完成时限：2026年12月1日 → 2026年12月31日）'
		);
		expect(text).not.toMatch(/李敏（市第一人民医院）/);
	});
});

describe('automatic versions', () => {
	it('are taken once a board has been left alone after changes', async () => {
		const own = await seed();
		const quick = await startServer({
			database: own.database,
			env: { AUTO_VERSION_IDLE_MS: '400', AUTO_VERSION_MAX_MS: '60000' }
		});
		try {
			const c = connect(quick.wsUrl, own.room, own.people.member.cookie);
			await c.synced;
			addItem(c.doc, NEEDS, { title: '自动保存的需求' });
			const list = async () =>
				(
					await (
						await fetch(`${quick.url}/api/boards/${own.boardId}/versions`, {
							headers: { cookie: own.people.member.cookie }
						})
					).json()
				).versions;
			await new Promise((r) => setTimeout(r, 200));
			expect(await list()).toEqual([]); // not idle long enough yet
			await eventually(
				async () =>
					expect(
						(await list()).map((v: { kind: string; author: unknown }) => [v.kind, v.author])
					).toEqual([['auto', null]]),
				5000
			);
			const [auto] = await list();
			const content = await (
				await fetch(`${quick.url}/api/boards/${own.boardId}/versions/${auto.id}`, {
					headers: { cookie: own.people.member.cookie }
				})
			).json();
			expect(content.content.needs.map((n: { title: string }) => n.title)).toEqual([
				'自动保存的需求'
			]);
			c.destroy();
		} finally {
			await quick.stop();
			await own.drop();
		}
	});
});
