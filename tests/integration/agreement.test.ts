// Agreement and tracking against real parts: the board's status moved through the page's form
// actions, the sync server refusing client updates once the plan is agreed, and follow-up changes
// made by the server for the person who has the right to them.
import { describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { tables } from '../../src/lib/server/db/index.ts';
import { withStore } from '../helpers/store.ts';
import { liveServer } from '../helpers/live.ts';
import { eventually, type Client } from '../helpers/yclient.ts';
import { postAction } from '../helpers/actions.ts';
import { addItem, readItems } from '../../src/lib/board/ydoc/list.ts';
import { COMMITMENTS, PLAN } from '../../src/lib/board/model/lists/index.ts';

const live = liveServer();
const { open } = live;
const board = () => `/boards/${live.s.boardId}`;
const commitments = (c: Client) => readItems(c.doc, COMMITMENTS);

describe('agreement and tracking', () => {
	let hospitalCommitment: string;
	let schoolCommitment: string;
	let project: string;

	it('agreeing without every confirmation needs a reason; then client updates are refused by the sync server', async () => {
		const rep = open(live.s.people.hospitalRep.cookie, live.s.units.hospital.room);
		const school = open(live.s.people.schoolRep.cookie, live.s.units.school.room);
		const plan = open(live.s.people.secretary.cookie, live.s.room);
		await Promise.all([rep.synced, school.synced, plan.synced]);
		hospitalCommitment = addItem(rep.doc, COMMITMENTS, {
			content: '每月义诊一次',
			due: '2026-12-31'
		});
		schoolCommitment = addItem(school.doc, COMMITMENTS, { content: '开放礼堂' });
		project = addItem(plan.doc, PLAN, { title: '健康讲座', lead: live.s.units.hospital.id });
		await new Promise((r) => setTimeout(r, 200));

		expect(
			await postAction(live.server.url, `${board()}?/confirm`, live.s.people.hospitalRep.cookie, {
				unitId: live.s.units.school.id
			})
		).toMatchObject({ type: 'error', status: 403 });
		expect(
			await postAction(live.server.url, `${board()}?/confirm`, live.s.people.hospitalRep.cookie, {
				unitId: live.s.units.hospital.id
			})
		).toMatchObject({ type: 'success' });
		expect(
			await postAction(live.server.url, `${board()}?/status`, live.s.people.member.cookie, {
				to: 'meeting'
			})
		).toMatchObject({ type: 'error', status: 403 });
		expect(
			await postAction(live.server.url, `${board()}?/status`, live.s.people.secretary.cookie, {
				to: 'agreed'
			})
		).toMatchObject({ type: 'failure', status: 409 }); // draft → agreed skips the meeting
		expect(
			await postAction(live.server.url, `${board()}?/status`, live.s.people.secretary.cookie, {
				to: 'meeting'
			})
		).toMatchObject({ type: 'success' });
		const refused = await postAction(
			live.server.url,
			`${board()}?/status`,
			live.s.people.secretary.cookie,
			{ to: 'agreed' }
		);
		expect(refused).toMatchObject({
			type: 'failure',
			status: 400,
			data: { reasonRequired: ['幸福里小学'] }
		});
		expect(
			await postAction(live.server.url, `${board()}?/status`, live.s.people.secretary.cookie, {
				to: 'agreed',
				reason: '会后补确认'
			})
		).toMatchObject({ type: 'success' });

		// The representative's client is reconnected read-only: its edit to its own sheet is refused
		// and reaches no one; the server keeps the agreed content.
		const again = open(live.s.people.hospitalRep.cookie, live.s.units.hospital.room);
		const watcher = open(live.s.people.secretary.cookie, live.s.units.hospital.room);
		await Promise.all([again.synced, watcher.synced]);
		addItem(again.doc, COMMITMENTS, { content: '锁定后偷偷加的' });
		await new Promise((r) => setTimeout(r, 300));
		expect(commitments(watcher).map((c) => c.content)).toEqual(['每月义诊一次']);
		await eventually(() =>
			expect(
				live.server.logs.some((l) => l.includes('refused an update from a read-only connection'))
			).toBe(true)
		);

		const versions = await (
			await fetch(`${live.server.url}/api/boards/${live.s.boardId}/versions`, {
				headers: { cookie: live.s.people.member.cookie }
			})
		).json();
		expect(versions.versions[0]).toMatchObject({ kind: 'agreed' });
		const api = await (
			await fetch(`${live.server.url}/api/boards`, {
				headers: { cookie: live.s.people.member.cookie }
			})
		).json();
		expect(api.boards[0].status).toBe('agreed');
	});

	it('in tracking, a representative updates its own commitment through the server, live for everyone; not another unit’s', async () => {
		expect(
			await postAction(live.server.url, `${board()}?/track`, live.s.people.hospitalRep.cookie, {
				list: 'commitments',
				unitId: live.s.units.hospital.id,
				itemId: hospitalCommitment,
				status: 'done'
			})
		).toMatchObject({
			type: 'failure',
			status: 409
		});
		expect(
			await postAction(live.server.url, `${board()}?/status`, live.s.people.secretary.cookie, {
				to: 'tracking'
			})
		).toMatchObject({ type: 'success' });

		const watcher = open(live.s.people.observer.cookie, live.s.units.hospital.room);
		await watcher.synced;
		const update = {
			list: 'commitments',
			unitId: live.s.units.hospital.id,
			itemId: hospitalCommitment,
			status: 'in_progress',
			note: '已完成 10 月、11 月义诊',
			evidence: '签到表已存档'
		};
		expect(
			await postAction(
				live.server.url,
				`${board()}?/track`,
				live.s.people.hospitalRep.cookie,
				update
			)
		).toMatchObject({ type: 'success' });
		await eventually(() => {
			const [c] = commitments(watcher);
			expect(c).toMatchObject({ status: 'in_progress' });
			expect(c!.notes).toMatch(/孙倩：已完成 10 月、11 月义诊$/);
			expect(c!.evidence).toMatch(/^\d{4}-\d{2}-\d{2} 孙倩：签到表已存档$/);
		});

		// Another unit's commitment, an unknown status, a project the unit does not lead: refused.
		expect(
			await postAction(live.server.url, `${board()}?/track`, live.s.people.hospitalRep.cookie, {
				...update,
				unitId: live.s.units.school.id,
				itemId: schoolCommitment
			})
		).toMatchObject({ type: 'error', status: 403 });
		expect(
			await postAction(live.server.url, `${board()}?/track`, live.s.people.hospitalRep.cookie, {
				...update,
				status: 'finished'
			})
		).toMatchObject({ type: 'failure', status: 400 });
		expect(
			await postAction(live.server.url, `${board()}?/track`, live.s.people.schoolRep.cookie, {
				list: 'plan',
				unitId: '',
				itemId: project,
				status: 'done',
				note: ''
			})
		).toMatchObject({ type: 'error', status: 403 });
		expect(
			await postAction(live.server.url, `${board()}?/track`, live.s.people.hospitalRep.cookie, {
				list: 'plan',
				unitId: '',
				itemId: project,
				status: 'done',
				note: '讲座已办两场'
			})
		).toMatchObject({ type: 'success' });
		const planWatcher = open(live.s.people.observer.cookie, live.s.room);
		await planWatcher.synced;
		expect(readItems(planWatcher.doc, PLAN)[0]).toMatchObject({
			title: '健康讲座',
			status: 'done'
		});
		expect(readItems(planWatcher.doc, PLAN)[0]!.progress).toMatch(/孙倩：讲座已办两场$/);

		// The server wrote it under the representative's name.
		const authors = await withStore(live.s.database, (db) => {
			const { docUpdates } = tables(db);
			return db
				.select({ userId: docUpdates.userId })
				.from(docUpdates)
				.where(eq(docUpdates.room, live.s.units.hospital.room))
				.orderBy(desc(docUpdates.seq))
				.limit(1);
		});
		expect(authors).toEqual([{ userId: live.s.people.hospitalRep.id }]);
	});
});
