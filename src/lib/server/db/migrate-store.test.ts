// Moving the demo council from a real SQLite file to a real PostgreSQL server: every row and every
// document arrives, a second run is refused, and PostgreSQL numbers new rows after the copied ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningPostgres } from '../../../../tests/helpers/engines.ts';
import { openStore, tables, type Store } from './index.ts';
import { is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { MigrationRefused, migrateStore, NOT_COPIED, ORDER } from './migrate-store.ts';
import { seedDemo } from '../demo/seed.ts';
import { readBoardContent } from '../docs/board-content.ts';
import { storedDocuments } from '../docs/stored.ts';
import { docStorage } from '../sync/storage.ts';
import { listCouncilBoards, listCouncils } from '../council/councils.ts';
import { storedActivity } from '../record/activity.ts';
import { listNotifications, notify } from '../notify/notifications.ts';

let postgres: RunningPostgres;
let dir: string;
let source: Store;
let target: Store;

beforeAll(async () => {
	postgres = await startPostgres();
	dir = mkdtempSync(join(tmpdir(), 'gongjian-migrate-'));
	source = await openStore(join(dir, 'gongjian.db'));
	const { board } = await seedDemo(source);
	// A numbered row, as the activity record makes them: the target must number on after it.
	await source.db.insert(tables(source.db).activity).values(activityRow(board.id, 41));
	// A notification, with its JSON: it arrives as it was.
	const [person] = await source.db.select().from(tables(source.db).users).limit(1);
	await notify(
		source.db,
		{
			kind: 'meeting-tomorrow',
			councilId: board.councilId,
			boardId: board.id,
			target: { kind: 'meeting', meetingId: 'm1' },
			params: { meeting: '联席会议', date: '2026-11-16', time: '14:30', place: '党群服务中心' },
			dedupeKey: `meeting-tomorrow:${board.id}:m1:2026-11-16`
		},
		[person!.id]
	);
	target = await openStore(postgres.url);
}, 120_000);

afterAll(async () => {
	await source?.close();
	await target?.close();
	await postgres?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const activityRow = (boardId: string, id?: number) => ({
	...(id && { id }),
	boardId,
	room: 'board:x',
	userId: null,
	unitId: null,
	at: new Date(),
	list: 'needs',
	action: 'added' as const,
	itemId: 'x',
	title: '测试',
	fields: []
});

const offline = (store: Store) => ({ db: store.db, docs: storedDocuments(docStorage(store)) });

describe('migrate-store', () => {
	it('copies every table and every document, and checks them', async () => {
		const report = await migrateStore(source, target);
		expect(report.rows.users).toBeGreaterThan(5);
		expect((report.rows.docUpdates ?? 0) + (report.rows.docStates ?? 0)).toBeGreaterThan(10);
		expect(report.rows.versions).toBeGreaterThan(1);
		expect(report.rooms).toBeGreaterThan(5);
		expect(report.rows.notifications).toBe(1);
		const [told] = await source.db.select().from(tables(source.db).notifications);
		expect(await listNotifications(target.db, told!.userId)).toEqual(
			await listNotifications(source.db, told!.userId)
		);

		const [council] = await listCouncils(source.db);
		const boards = await listCouncilBoards(source.db, council!.id);
		expect(await listCouncilBoards(target.db, council!.id)).toEqual(boards);
		for (const board of boards) {
			expect(await readBoardContent(offline(target), board)).toEqual(
				await readBoardContent(offline(source), board)
			);
			expect(await storedActivity(target.db, board.id, new Date(0))).toEqual(
				await storedActivity(source.db, board.id, new Date(0))
			);
		}
	});

	it('refuses a target that is not empty', async () => {
		await expect(migrateStore(source, target)).rejects.toThrow(MigrationRefused);
	});

	it('numbers new rows after the copied ones', async () => {
		const { activity } = tables(target.db);
		const [board] = await listCouncilBoards(target.db, (await listCouncils(target.db))[0]!.id);
		const [row] = await target.db
			.insert(activity)
			.values(activityRow(board!.id))
			.returning({ id: activity.id });
		expect(row!.id).toBeGreaterThan(41);
	});
});

describe('the tables it copies', () => {
	it('are every table of the schema but those it leaves out on purpose', async () => {
		const schema = await import('./schema.ts');
		const everyTable = Object.entries(schema)
			.filter(([, value]) => is(value, SQLiteTable))
			.map(([name]) => name)
			.sort();
		expect([...ORDER, ...NOT_COPIED].sort()).toEqual(everyTable);
	});
});
