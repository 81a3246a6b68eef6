import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { tempDatabase } from './db/testing.ts';
import { seedDemo } from './demo.ts';
import { listCouncilBoards } from './councils.ts';
import { getBoard } from './councils.ts';
import { listVersions, versionContent } from './versions.ts';
import { boardEvents } from './events.ts';
import { DocStore, replay } from './sync/storage.ts';
import { boardRoom } from './sync/rooms.ts';
import { readBoard } from '../board/lists.ts';

let t: ReturnType<typeof tempDatabase>;
beforeEach(() => (t = tempDatabase()));
afterEach(() => t.cleanup());

describe('the demo council', () => {
	it('has this quarter’s board in draft and last quarter’s agreed and in follow-up, with versions and a record', async () => {
		const { council, board, lastQuarter } = await seedDemo(t.db);
		expect(listCouncilBoards(t.db, council.id).map((b) => b.period).sort()).toEqual(['2026年第三季度', '2026年第四季度']);
		expect(getBoard(t.db, board.id)?.status).toBe('draft');
		expect(getBoard(t.db, lastQuarter.board.id)?.status).toBe('tracking');

		const versions = listVersions(t.db, lastQuarter.board.id);
		expect(versions.map((v) => [v.kind, v.label])).toEqual([
			['auto', 'auto'],
			['agreed', '审议通过 2026/6/28'],
			['manual', '会前草案']
		]);
		const agreed = versionContent(t.db, versions[1]!.id);
		expect(agreed.plan.map((p) => [p.title, p.status])).toEqual([
			['“七彩暑假”托管班', 'active'],
			['防暑降温送清凉', 'active']
		]);
		expect(agreed.sheets.find((s) => s.unit.name === '幸福里小学')?.pledges.map((p) => p.title)).toEqual(['暑期开放教室']);

		// Followed up since: the school reported its project done.
		const live = replay(new Y.Doc(), new DocStore(t.db).load(boardRoom(lastQuarter.board.id)).updates);
		expect(readBoard(live).plan[0]).toMatchObject({ title: '“七彩暑假”托管班', status: 'done' });
		const types = boardEvents(t.db, { id: lastQuarter.board.id, councilId: council.id }).map((e) => e.data.type);
		expect(types.filter((x) => x === 'confirm')).toHaveLength(6);
		expect(types).toEqual(expect.arrayContaining(['status', 'version', 'tracking']));
	});
});
