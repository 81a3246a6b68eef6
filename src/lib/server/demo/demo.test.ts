// The demo council (seed.ts) written into a real store and read back through the project's own
// readers: its two quarters, their versions, meetings, record and figures.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { tempStore } from '../db/testing.ts';
import { seedDemo } from './seed.ts';
import { listCouncilBoards } from '../council/councils.ts';
import { getBoard } from '../council/councils.ts';
import { listVersions, versionContent } from '../versions/versions.ts';
import { boardEvents } from '../record/events.ts';
import { docStorage, storedState } from '../sync/storage.ts';
import { boardRoom } from '../sync/rooms.ts';
import { readBoard } from '../../board/ydoc/lists.ts';
import { readBoardContent, readMeetingsContent } from '../docs/board-content.ts';
import { storedDocuments } from '../docs/stored.ts';
import { boardDashboard, unitScorecard } from '../board/dashboard.ts';
import { doneDaysOf } from '../board/figures.ts';
import { createApp } from '../app.ts';
import pino from 'pino';

let t: Awaited<ReturnType<typeof tempStore>>;
beforeEach(async () => {
	t = await tempStore();
});
afterEach(() => t.cleanup());

describe('the demo council', () => {
	it('has this quarter’s board in draft and last quarter’s agreed and in follow-up, with versions and a record', async () => {
		const { council, board, lastQuarter } = await seedDemo(t.store);
		expect((await listCouncilBoards(t.db, council.id)).map((b) => b.period)).toEqual([
			'2026年第三季度',
			'2026年第四季度'
		]);
		expect((await getBoard(t.db, board.id))?.status).toBe('draft');
		expect((await getBoard(t.db, lastQuarter.board.id))?.status).toBe('tracking');

		const versions = await listVersions(t.db, lastQuarter.board.id);
		expect(versions.map((v) => [v.kind, v.label])).toEqual([
			['auto', 'auto'],
			['agreed', '审议通过 2026/6/28'],
			['manual', '会前草案']
		]);
		const agreed = await versionContent(t.db, versions[1]!.id);
		expect(agreed.plan.map((p) => [p.title, p.status])).toEqual([
			['“七彩暑假”托管班', 'active'],
			['防暑降温送清凉', 'active'],
			['消防通道清障行动', 'active']
		]);
		expect(
			agreed.sheets.find((s) => s.unit.name === '幸福里小学')?.pledges.map((p) => p.title)
		).toEqual(['暑期开放教室']);

		// Followed up since: the school reported its project done.
		const live = new Y.Doc();
		Y.applyUpdate(live, await storedState(docStorage(t.store), boardRoom(lastQuarter.board.id)));
		expect(readBoard(live).plan[0]).toMatchObject({ title: '“七彩暑假”托管班', status: 'done' });
		const types = (
			await boardEvents(t.db, { id: lastQuarter.board.id, councilId: council.id })
		).map((e) => e.data.type);
		expect(types.filter((x) => x === 'confirm')).toHaveLength(6);
		expect(types).toEqual(expect.arrayContaining(['status', 'version', 'tracking']));
	});
});

describe('the demo’s two quarters', () => {
	it('made this quarter’s board from last quarter’s, carrying over what was left open there', async () => {
		const { council, board, lastQuarter } = await seedDemo(t.store);
		expect((await getBoard(t.db, board.id))?.previousBoardId).toBe(lastQuarter.board.id);
		const app = { db: t.db, docs: storedDocuments(docStorage(t.store)) };
		const q4 = await readBoardContent(app, { id: board.id, councilId: council.id });
		const carried = (items: { title?: string; content?: string; carriedFrom: string }[]) =>
			items.filter((i) => i.carriedFrom === lastQuarter.board.id).map((i) => i.title ?? i.content);
		expect(carried(q4.needs)).toEqual(['楼道堆物占用消防通道', '老旧小区加装电梯意愿征集']);
		expect(carried(q4.plan)).toEqual(['消防通道清障行动']);
		expect(q4.sheets.flatMap((s) => carried(s.commitments))).toEqual(['清理二区 12 栋楼道堆物']);
		// And this quarter's own plan on top of it.
		expect(q4.needs.length).toBe(10);
	});

	it('shows last quarter’s meeting with its agenda, check-ins and decisions, and this quarter’s coming up', async () => {
		const { council, board, lastQuarter } = await seedDemo(t.store);
		const app = {
			db: t.db,
			docs: storedDocuments(docStorage(t.store)),
			sync: { logAfter: async () => [], trimLog: async () => {} }
		};
		const past = await readMeetingsContent(app, lastQuarter.board.id);
		expect(past.agenda.every((a) => a.state === 'done')).toBe(true);
		expect(past.attendance.filter((a) => a.checkedInAt)).toHaveLength(5);
		expect(past.decisions).toHaveLength(3);
		const stats = await boardDashboard(
			app,
			{ id: lastQuarter.board.id, councilId: council.id },
			'2026-12-02'
		);
		expect(stats.attendance.meetings).toBe(1);
		expect(stats.attendance.byUnit.find((u) => u.unit === '区税务局第二税务所')).toMatchObject({
			leave: 1,
			rate: 0
		});
		const coming = await readMeetingsContent(app, board.id);
		expect(coming.meetings.map((m) => m.date)).toEqual(['2026-12-18']);
		expect(coming.agenda).toHaveLength(5);
	});
});

describe('the demo’s figures', () => {
	it('count each done commitment by its story’s day, also once a real server has read the logs', async () => {
		const { council, board, lastQuarter } = await seedDemo(t.store);
		const app = await createApp({ database: t.location, log: pino({ level: 'silent' }) });
		try {
			const rows = (await unitScorecard(app, council.id, 2026)).rows;
			// 周华's blood-pressure visits were due 31 August and done 4 September: late; the others on time.
			expect(rows.reduce((n, r) => n + r.late, 0)).toBe(1);
			expect(rows.reduce((n, r) => n + r.onTime, 0)).toBeGreaterThan(1);
			for (const ref of [lastQuarter.board, board]) {
				const days = await doneDaysOf(t.db, ref.id);
				for (const sheet of (await readBoardContent(app, { id: ref.id, councilId: council.id }))
					.sheets) {
					for (const c of sheet.commitments.filter((x) => x.status === 'done'))
						expect(days.get(`${sheet.unit.id}:${c.id}`)).toBe(c.doneOn);
				}
			}
		} finally {
			await app.close();
		}
	});
});
