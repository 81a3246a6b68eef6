// Unit sheets against real parts: each unit representative writes its own sheet and only reads the
// others'; refusals happen on the server, so a forged update never reaches anyone.
import { describe, expect, it } from 'vitest';
import { liveServer } from '../helpers/live.ts';
import { eventually, upgradeStatus, type Client } from '../helpers/yclient.ts';
import { addItem, readItems } from '../../src/lib/board/ydoc/list.ts';
import { PLEDGES } from '../../src/lib/board/model/lists/index.ts';
import { claim, readClaims } from '../../src/lib/board/ydoc/claims.ts';

const live = liveServer();
const { open } = live;
const titles = (c: Client) => readItems(c.doc, PLEDGES).map((p) => p.title);

describe('unit sheets', () => {
	it('carry a representative’s pledges and claims to everyone, live', async () => {
		const rep = open(live.s.people.hospitalRep.cookie, live.s.units.hospital.room);
		const secretary = open(live.s.people.secretary.cookie, live.s.units.hospital.room);
		const otherRep = open(live.s.people.schoolRep.cookie, live.s.units.hospital.room);
		await Promise.all([rep.synced, secretary.synced, otherRep.synced]);
		addItem(rep.doc, PLEDGES, {
			title: '义诊医生 4 名',
			kind: 'volunteers',
			quantity: 4,
			measure: '人'
		});
		claim(rep.doc, { kind: 'need', id: 'need1' }, '孙倩');
		await eventually(() => {
			expect(titles(secretary)).toEqual(['义诊医生 4 名']);
			expect(titles(otherRep)).toEqual(['义诊医生 4 名']);
			expect(readClaims(otherRep.doc).map((c) => c.id)).toEqual(['need1']);
		});
	});

	it('refuse another unit’s representative: the forged pledge reaches no one and is not stored', async () => {
		const intruder = open(live.s.people.schoolRep.cookie, live.s.units.hospital.room);
		const watcher = open(live.s.people.member.cookie, live.s.units.hospital.room);
		await Promise.all([intruder.synced, watcher.synced]);
		addItem(intruder.doc, PLEDGES, { title: '冒充的资源' });
		await live.server.waitForLog(/refused an update from a read-only connection/);
		// A later change by the rightful representative arrives; the forged one never does.
		const rep = open(live.s.people.hospitalRep.cookie, live.s.units.hospital.room);
		await rep.synced;
		addItem(rep.doc, PLEDGES, { title: '健康讲座 2 场' });
		await eventually(() => expect(titles(watcher)).toContain('健康讲座 2 场'));
		expect(titles(watcher)).not.toContain('冒充的资源');
		expect(titles(rep)).not.toContain('冒充的资源');
		const api = await (
			await fetch(`${live.server.url}/api/boards/${live.s.boardId}`, {
				headers: { cookie: live.s.people.secretary.cookie }
			})
		).json();
		expect(JSON.stringify(api)).not.toContain('冒充的资源');
		expect(
			api.content.sheets
				.find((sh: { unit: { id: string } }) => sh.unit.id === live.s.units.hospital.id)
				.pledges.map((p: { title: string }) => p.title)
		).toEqual(['义诊医生 4 名', '健康讲座 2 场']);
	});

	it('let the secretary write every sheet; members and observers read them and write none', async () => {
		const secretary = open(live.s.people.secretary.cookie, live.s.units.school.room);
		await secretary.synced;
		addItem(secretary.doc, PLEDGES, { title: '礼堂（周末）', kind: 'venue' });
		for (const who of ['member', 'observer'] as const) {
			const reader = open(live.s.people[who].cookie, live.s.units.school.room);
			await reader.synced;
			await eventually(() => expect(titles(reader)).toContain('礼堂（周末）'));
			addItem(reader.doc, PLEDGES, { title: `来自${who}` });
		}
		const fresh = open(live.s.people.schoolRep.cookie, live.s.units.school.room);
		await fresh.synced;
		await eventually(() => expect(titles(fresh)).toEqual(['礼堂（周末）']));
		const observerBoard = open(live.s.people.observer.cookie, live.s.room);
		await observerBoard.synced; // observers read the board document too
	});

	it('answer 403 for every room to a person of another council, 404 for a unit not of this council', async () => {
		for (const room of [live.s.room, live.s.units.hospital.room, live.s.units.school.room]) {
			expect(
				await upgradeStatus(`${live.server.wsUrl}/${room}`, {
					cookie: live.s.people.outsider.cookie
				}),
				room
			).toBe(403);
		}
		expect(
			await upgradeStatus(
				`${live.server.wsUrl}/board:${live.s.otherBoardId}:unit:${live.s.units.hospital.id}`,
				{ cookie: live.s.people.outsider.cookie }
			)
		).toBe(404);
		expect(
			await upgradeStatus(`${live.server.wsUrl}/board:${live.s.boardId}:unit:nosuchunit`, {
				cookie: live.s.people.secretary.cookie
			})
		).toBe(404);
	});
});
