// Exports of a past day, against real parts: the production server and its store, the board
// written by real y-websocket clients, agreed through the page's form action, the agreed version
// dated back as if taken two months ago, and the files read back (Word's document.xml, the xlsx).
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { liveServer } from '../helpers/live.ts';
import { withStore } from '../helpers/store.ts';
import { tables } from '../../src/lib/server/db/index.ts';
import { postAction } from '../helpers/actions.ts';
import { eventually } from '../helpers/yclient.ts';
import { addItem } from '../../src/lib/board/ydoc/list.ts';
import { COMMITMENTS, PLAN, PLEDGES } from '../../src/lib/board/model/lists/index.ts';
import { MEETINGS } from '../../src/lib/board/model/lists/meetings.ts';
import { meetingsRoom } from '../../src/lib/server/sync/rooms.ts';

const live = liveServer();

/** A calendar day `n` days before today in China, as stored and as a Chinese document writes it. */
function daysAgo(n: number) {
	const at = new Date(Date.now() - n * 86_400_000);
	const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
		.format(at)
		.split('-')
		.map(Number);
	const en = `${new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(Date.UTC(y!, m! - 1, d))} ${d}, ${y}`;
	return {
		at,
		iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
		zh: `${y}年${m}月${d}日`,
		en
	};
}
const agreedDay = daysAgo(60);
const today = daysAgo(0);

const get = (query: string, cookie = live.s.people.secretary.cookie) =>
	fetch(`${live.server.url}/api/boards/${live.s.boardId}/export?${query}`, { headers: { cookie } });
const wordText = async (query: string, cookie?: string) => {
	const res = await get(query, cookie);
	expect(res.status).toBe(200);
	const xml = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']!);
	const plain = (x: string) =>
		x
			.replace(/<w:br\/>/g, '\n')
			.replace(/<\/w:p>/g, '\n')
			.replace(/<[^>]+>/g, '');
	// Each table row's text, cells joined by |.
	const rows = xml.split('</w:tr>').map((row) =>
		row
			.split('</w:tc>')
			.map(plain)
			.map((c) => c.trim())
			.join('|')
	);
	// The body's paragraphs, each with its text and whether it stands at the right.
	const paragraphs = xml
		.split('</w:p>')
		.map((p) => ({ text: plain(p).trim(), right: p.includes('<w:jc w:val="right"/>') }));
	return {
		xml,
		text: plain(xml),
		rows,
		row: (title: string) => rows.find((r) => r.includes(title)) ?? '',
		paragraphs
	};
};
const sheets = async (query: string) =>
	readXlsxFile(Buffer.from(await (await get(query)).arrayBuffer()));

describe('an export of a past day', () => {
	it('says nothing of the agreed plan was overdue on the day it was agreed; the live board says 截至 today', async () => {
		const board = live.open(live.s.people.secretary.cookie);
		const sheet = live.open(live.s.people.hospitalRep.cookie, live.s.units.hospital.room);
		const meetings = live.open(live.s.people.secretary.cookie, meetingsRoom(live.s.boardId));
		await Promise.all([board.synced, sheet.synced, meetings.synced]);
		// Due a month ago: overdue now, not yet due on the day the plan was agreed.
		const project = addItem(board.doc, PLAN, {
			title: '防暑降温送清凉',
			lead: live.s.units.hospital.id,
			start: daysAgo(70).iso,
			end: daysAgo(30).iso,
			status: 'preparing'
		});
		addItem(sheet.doc, COMMITMENTS, {
			content: '高温期间每周探访独居老人',
			due: daysAgo(30).iso,
			project
		});
		addItem(sheet.doc, PLEDGES, {
			title: '防暑药品',
			kind: 'equipment',
			link: `project:${project}`
		});
		addItem(meetings.doc, MEETINGS, {
			title: '第三季度联席会议',
			date: agreedDay.iso,
			place: '社区党群服务中心'
		});
		await eventually(async () =>
			expect(
				(
					await (
						await fetch(`${live.server.url}/api/boards/${live.s.boardId}`, {
							headers: { cookie: live.s.people.secretary.cookie }
						})
					).json()
				).content.plan
			).toHaveLength(1)
		);
		await new Promise((r) => setTimeout(r, 300));

		const status = (to: string, reason = '') =>
			postAction(
				live.server.url,
				`/boards/${live.s.boardId}?/status`,
				live.s.people.secretary.cookie,
				{ to, reason }
			);
		expect(await status('meeting')).toMatchObject({ type: 'success' });
		expect(await status('agreed', '会后补确认')).toMatchObject({ type: 'success' });
		// The plan was agreed two months ago: its version says so (the server took it just now).
		await withStore(live.s.database, async (db) => {
			const { versions } = tables(db);
			await db
				.update(versions)
				.set({ createdAt: agreedDay.at })
				.where(and(eq(versions.boardId, live.s.boardId), eq(versions.kind, 'agreed')));
		});
		expect(await status('tracking')).toMatchObject({ type: 'success' });

		// The agreed version (the default), as Word, as the minutes' annex and as Excel: as of its day.
		for (const document of ['plan', 'minutes']) {
			const { text, row, paragraphs } = await wordText(`format=docx&document=${document}`);
			expect(row('防暑降温送清凉')).toMatch(/\|筹备\|?$/);
			// Dates in Chinese, on paper; 使用资源 names the pledge the hospital linked to the project.
			expect(row('防暑降温送清凉')).toContain(`|${daysAgo(70).zh}|${daysAgo(30).zh}|`);
			expect(row('防暑降温送清凉')).toContain('|市第一人民医院：防暑药品|');
			// 落款: the council at the right, the date under it, after the text (the minutes': after 附件说明).
			const issuer = paragraphs.findIndex((p) => p.text === '幸福里社区党建联席会' && p.right);
			expect(issuer).toBeGreaterThan(0);
			expect(paragraphs[issuer + 1]).toEqual({ text: agreedDay.zh, right: true });
			const after = paragraphs.findIndex((p) =>
				p.text.startsWith(document === 'plan' ? '四、承诺（' : '附件：')
			);
			expect(after).toBeGreaterThan(0);
			expect(issuer).toBe(after + 1);
			expect(row('高温期间每周探访独居老人')).toMatch(/\|未开始\|?$/);
			expect(text).toContain(`各项状态截至${agreedDay.zh}（该版本保存之日）`);
			expect(text).toContain(`本清单经联席会议于${agreedDay.zh}审议通过`);
		}
		const agreed = await sheets('format=xlsx');
		const plan = agreed.find((x) => x.sheet === '项目清单')!.data;
		const statusAt = plan[0]!.findIndex((h) => String(h).startsWith('状态'));
		expect(plan[0]![statusAt]).toBe(`状态（截至${agreedDay.zh}）`);
		expect(plan[1]![statusAt]).toBe('筹备');
		const commitments = agreed.find((x) => x.sheet === '承诺')!.data;
		expect(commitments[1]).toContain('未开始');
		expect(commitments[1]).not.toContain('逾期');

		// The live board of a plan in tracking: what is overdue today, and it says so.
		const now = await wordText('format=docx&version=live');
		expect(now.text).toContain(`各项状态为跟踪落实情况，截至${today.zh}`);
		expect(now.row('防暑降温送清凉')).toMatch(/\|逾期\|?$/);
		expect(now.row('高温期间每周探访独居老人')).toMatch(/\|逾期\|?$/);
		const liveSheets = await sheets('format=xlsx&version=live');
		const livePlan = liveSheets.find((x) => x.sheet === '项目清单')!.data;
		expect(livePlan[0]![statusAt]).toBe(`状态（截至${today.zh}）`);
		expect(livePlan[1]![statusAt]).toBe('逾期');
	});

	it('speaks English to an English reader: its punctuation, the version’s name, the file’s name', async () => {
		const english = `${live.s.people.secretary.cookie}; gj_lang=en`;
		// The agreed version's name from its kind and day, whatever Chinese words were stored with it.
		const page = async (path: string) =>
			(
				await (await fetch(`${live.server.url}${path}`, { headers: { cookie: english } })).text()
			).replace(/<[^>]+>/g, ' ');
		expect(await page(`/boards/${live.s.boardId}/versions`)).toContain(`Agreed ${agreedDay.en}`);
		expect(await page(`/boards/${live.s.boardId}/export`)).toContain(
			`The agreed version (Agreed ${agreedDay.en})`
		);

		const res = await get('format=xlsx', english);
		expect(res.headers.get('content-disposition')).toBe(
			`attachment; filename="gongjian-plan-${agreedDay.iso}.xlsx"; filename*=UTF-8''${encodeURIComponent('幸福里社区党建联席会 2026 Q4 joint-building plan.xlsx')}`
		);
		// No Chinese separators in the English document (the board's own words here have none).
		for (const document of ['plan', 'minutes']) {
			const { text, row } = await wordText(`format=docx&document=${document}`, english);
			expect(text).toContain('3. Activity plan (1)');
			expect(text).toContain(`Statuses are as of ${agreedDay.en}, the day this version was saved`);
			expect(row('防暑降温送清凉')).toContain('|市第一人民医院: 防暑药品|');
			expect(text).not.toMatch(/[、，。：；（）]/);
		}
	});
});
