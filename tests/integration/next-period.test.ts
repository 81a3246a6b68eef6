// The next period's board (下一期) against real parts: items written through real y-websocket
// clients, the next board made through the page's form action, and what it holds read back through
// the read API and a live client of the new board.
import { describe, expect, it } from 'vitest';
import { liveServer } from '../helpers/live.ts';
import { eventually } from '../helpers/yclient.ts';
import { postAction } from '../helpers/actions.ts';
import { addItem, readItems } from '../../src/lib/board/ydoc/list.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../../src/lib/board/model/lists/index.ts';
import { claim } from '../../src/lib/board/ydoc/claims.ts';
import { boardRoom, unitRoom } from '../../src/lib/server/sync/rooms.ts';

const live = liveServer();
const api = (path: string, cookie = live.s.people.member.cookie) =>
	fetch(`${live.server.url}${path}`, { headers: { cookie } });

describe('next period', () => {
	it('carries over exactly the open needs, unfinished projects and commitments, with their claims and a link back', async () => {
		const { units, people } = live.s;
		const plan = live.open(people.secretary.cookie);
		const hospital = live.open(people.hospitalRep.cookie, units.hospital.room);
		const school = live.open(people.schoolRep.cookie, units.school.room);
		await Promise.all([plan.synced, hospital.synced, school.synced]);

		const open = {
			needs: [
				addItem(plan.doc, NEEDS, { title: '独居老人探访', status: 'open' }),
				addItem(plan.doc, NEEDS, { title: '课后托管', status: 'claimed' }),
				addItem(plan.doc, NEEDS, { title: '楼道照明', status: 'active' })
			],
			projects: [] as string[],
			commitments: [] as string[]
		};
		const doneNeed = addItem(plan.doc, NEEDS, { title: '暑期托管', status: 'done' });
		addItem(plan.doc, NEEDS, { title: '已关闭的需求', status: 'closed' });
		open.projects.push(
			addItem(plan.doc, PLAN, {
				title: '暖心敲门',
				status: 'active',
				lead: units.hospital.id,
				partners: [units.school.id],
				needs: [open.needs[0]!, doneNeed],
				end: '2026-11-30'
			})
		);
		open.projects.push(addItem(plan.doc, PLAN, { title: '楼道整治', status: 'preparing' }));
		const doneProject = addItem(plan.doc, PLAN, { title: '七彩暑假', status: 'done' });
		addItem(plan.doc, PLAN, { title: '取消的项目', status: 'cancelled' });
		const pledge = addItem(hospital.doc, PLEDGES, { title: '医生义诊', state: 'confirmed' });
		open.commitments.push(
			addItem(hospital.doc, COMMITMENTS, {
				content: '每月探访',
				status: 'in_progress',
				project: open.projects[0]!,
				due: '2026-12-31'
			})
		);
		open.commitments.push(
			addItem(hospital.doc, COMMITMENTS, {
				content: '健康档案',
				status: 'not_started',
				project: doneProject
			})
		);
		addItem(hospital.doc, COMMITMENTS, { content: '已完成的承诺', status: 'done' });
		open.commitments.push(
			addItem(school.doc, COMMITMENTS, { content: '开放教室', status: 'in_progress' })
		);
		claim(hospital.doc, { kind: 'need', id: open.needs[1]! }, '孙倩');
		claim(hospital.doc, { kind: 'need', id: doneNeed }, '孙倩');
		claim(school.doc, { kind: 'project', id: open.projects[0]! }, '郑凯');
		await eventually(async () => {
			const content = (await (await api(`/api/boards/${live.s.boardId}`)).json()).content;
			expect(content.needs).toHaveLength(5);
			expect(
				content.sheets.find((s: { unit: { id: string } }) => s.unit.id === units.hospital.id)
					.commitments
			).toHaveLength(3);
			expect(
				content.sheets.find((s: { unit: { id: string } }) => s.unit.id === units.school.id).claims
			).toHaveLength(1);
		});

		// Only secretaries make it.
		expect(
			await postAction(live.server.url, `/boards/${live.s.boardId}/next`, people.member.cookie, {
				title: '共驻共建项目计划',
				period: '2027年第一季度'
			})
		).toMatchObject({ type: 'error', status: 403 });
		// Bad input comes back with what was typed.
		expect(
			await postAction(live.server.url, `/boards/${live.s.boardId}/next`, people.secretary.cookie, {
				title: '共驻共建项目计划',
				period: ''
			})
		).toMatchObject({
			type: 'failure',
			status: 400,
			data: {
				values: { title: '共驻共建项目计划', period: '' },
				errors: { period: { key: 'field.required' } }
			}
		});
		const made = await postAction(
			live.server.url,
			`/boards/${live.s.boardId}/next`,
			people.secretary.cookie,
			{ title: '共驻共建项目计划', period: '2027年第一季度' }
		);
		expect(made).toMatchObject({ type: 'redirect', status: 303 });
		const nextId = (made as unknown as { location: string }).location.split('/').pop()!;

		const next = await (await api(`/api/boards/${nextId}`)).json();
		expect(next.period).toBe('2027年第一季度');
		const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();
		expect(ids(next.content.needs)).toEqual([...open.needs].sort());
		expect(ids(next.content.plan)).toEqual([...open.projects].sort());
		const sheet = (id: string) =>
			next.content.sheets.find((s: { unit: { id: string } }) => s.unit.id === id);
		expect(
			ids([...sheet(units.hospital.id).commitments, ...sheet(units.school.id).commitments])
		).toEqual([...open.commitments].sort());
		for (const item of [
			...next.content.needs,
			...next.content.plan,
			...sheet(units.hospital.id).commitments
		])
			expect(item.carriedFrom).toBe(live.s.boardId);
		// Statuses and text come along; links to what stayed behind are dropped; pledges stay behind.
		expect(next.content.needs.find((n: { id: string }) => n.id === open.needs[2]).status).toBe(
			'active'
		);
		const visit = next.content.plan.find((p: { id: string }) => p.id === open.projects[0]);
		expect(visit).toMatchObject({
			title: '暖心敲门',
			lead: units.hospital.id,
			partners: [units.school.id],
			needs: [open.needs[0]],
			end: '2026-11-30'
		});
		expect(
			sheet(units.hospital.id)
				.commitments.map((c: { project: string }) => c.project)
				.sort()
		).toEqual(['', open.projects[0]].sort());
		expect(sheet(units.hospital.id).pledges).toEqual([]);
		expect(sheet(units.hospital.id).claims.map((c: { id: string }) => c.id)).toEqual([
			open.needs[1]
		]);
		expect(
			sheet(units.school.id).claims.map((c: { kind: string; id: string }) => `${c.kind}:${c.id}`)
		).toEqual([`project:${open.projects[0]}`]);
		expect(pledge).toBeTruthy();

		// A live client of the new board sees the same, and the old board is untouched.
		const nextPlan = live.open(people.member.cookie, boardRoom(nextId));
		const nextSheet = live.open(people.member.cookie, unitRoom(nextId, units.hospital.id));
		await Promise.all([nextPlan.synced, nextSheet.synced]);
		expect(readItems(nextPlan.doc, NEEDS).map((n) => n.title)).toEqual([
			'独居老人探访',
			'课后托管',
			'楼道照明'
		]);
		expect(readItems(nextSheet.doc, COMMITMENTS).map((c) => c.content)).toEqual([
			'每月探访',
			'健康档案'
		]);
		expect(readItems(plan.doc, NEEDS)).toHaveLength(5);

		// One next period per board; both boards' records say what happened.
		expect(
			await postAction(live.server.url, `/boards/${live.s.boardId}/next`, people.secretary.cookie, {
				title: '再来一次',
				period: '2027年第一季度'
			})
		).toMatchObject({
			type: 'failure',
			status: 409,
			data: { existing: { id: nextId } }
		});
		const boards = (await (await api('/api/boards')).json()).boards.filter(
			(b: { council: { id: string } }) => b.council.id === live.s.councilId
		);
		expect(boards).toHaveLength(2);

		// The council's figures count each carried commitment once, as the server recorded the carry
		// (carried_items): the hospital's three, not three plus the two copies.
		const { totals } = await (await api(`/api/councils/${live.s.councilId}/dashboard`)).json();
		expect(
			totals.commitments.byUnit.find((u: { unitId: string }) => u.unitId === units.hospital.id)
		).toMatchObject({ total: 3, done: 1 });
	});
});
