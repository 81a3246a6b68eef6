// Exports against real parts: the production server, its SQLite file, a real y-websocket client
// writing the board, and the files read back with a real xlsx reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { seed, type Seeded } from '../helpers/seed.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { connect, eventually } from '../helpers/yclient.ts';
import { postAction } from '../helpers/actions.ts';
import { addItem } from '../../src/lib/board/ydoc/list.ts';
import { COMMITMENTS, NEEDS } from '../../src/lib/board/model/lists/index.ts';
import { setAttendance } from '../../src/lib/board/ydoc/meetings.ts';
import { AGENDA, DECISIONS, MEETINGS } from '../../src/lib/board/model/lists/meetings.ts';
import { meetingsRoom } from '../../src/lib/server/sync/rooms.ts';

let s: Seeded;
let server: RunningServer;
const get = (query: string, cookie = s.people.secretary.cookie) =>
	fetch(`${server.url}/api/boards/${s.boardId}/export?${query}`, { headers: { cookie } });

beforeAll(async () => {
	s = await seed();
	server = await startServer({ database: s.database });
	const board = connect(server.wsUrl, s.room, s.people.secretary.cookie);
	const sheet = connect(server.wsUrl, s.units.hospital.room, s.people.hospitalRep.cookie);
	await Promise.all([board.synced, sheet.synced]);
	addItem(board.doc, NEEDS, { title: '独居老人助浴', beneficiaries: 86 });
	addItem(sheet.doc, COMMITMENTS, {
		content: '=HYPERLINK("http://x") 每月义诊',
		due: '2026-12-31'
	});
	await new Promise((r) => setTimeout(r, 300));
	board.destroy();
	sheet.destroy();
});
afterAll(async () => {
	await server?.stop();
	await s?.drop();
});

describe('export', () => {
	it('writes an Excel workbook: a sheet per list and the units, frozen bold headers, dates and numbers as such', async () => {
		const res = await get('format=xlsx');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(res.headers.get('content-disposition')).toContain(
			`filename*=UTF-8''${encodeURIComponent('幸福里社区党建联席会2026年第四季度共驻共建项目清单.xlsx')}`
		);
		const bytes = new Uint8Array(await res.arrayBuffer());

		const sheets = await readXlsxFile(Buffer.from(bytes));
		expect(sheets.map((x) => x.sheet)).toEqual([
			'需求清单',
			'资源清单',
			'项目清单',
			'承诺',
			'成员单位'
		]);
		const needs = sheets[0]!.data;
		expect(needs[0]!.slice(0, 3)).toEqual(['序号', '需求', '类别']);
		expect(needs[1]!.slice(0, 2)).toEqual([1, '独居老人助浴']);
		expect(needs[1]![5]).toBe(86);
		const commitments = sheets[3]!.data;
		expect(commitments[1]![2]).toBe(`'=HYPERLINK("http://x") 每月义诊`);
		expect(commitments[1]![4]).toEqual(new Date('2026-12-31T00:00:00Z'));

		// The layout, as the file itself says it: the header row frozen, columns given widths.
		const files = unzipSync(bytes);
		const sheet1 = strFromU8(files['xl/worksheets/sheet1.xml']!);
		expect(sheet1).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
		expect(sheet1).toMatch(/<col [^>]*width="30"/);
	});

	it('includes only the lists asked for', async () => {
		const sheets = await readXlsxFile(
			Buffer.from(await (await get('format=xlsx&include=plan,units')).arrayBuffer())
		);
		expect(sheets.map((x) => x.sheet)).toEqual(['项目清单', '成员单位']);
		const all = await readXlsxFile(
			Buffer.from(await (await get('format=xlsx&include=nonsense')).arrayBuffer())
		);
		expect(all).toHaveLength(5);
	});

	it('writes the plan as a Word document laid out after GB/T 9704', async () => {
		const res = await get('format=docx');
		expect(res.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
		const xml = strFromU8(files['word/document.xml']!);
		// A4 (11906 × 16838 twips) with margins 37/35/28/26 mm; the lists on landscape pages.
		expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
		expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
		expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
		// The title in 2号 (22 pt = 44 half-points) 小标宋, centred; headings "一、" in 黑体; East Asian slots set.
		expect(xml).toMatch(
			/<w:jc w:val="center"\/><\/w:pPr><w:r><w:rPr><w:rFonts w:ascii="方正小标宋简体" w:cs="方正小标宋简体" w:eastAsia="方正小标宋简体" w:hAnsi="方正小标宋简体"\/><w:sz w:val="44"\/>/
		);
		// 标题回行: two balanced lines, broken between the council's name and the period, never inside a word.
		expect(xml).toMatch(
			/>幸福里社区党建联席会<\/w:t><\/w:r><w:r>.*?<w:br\/><w:t xml:space="preserve">2026年第四季度共驻共建项目清单</
		);
		expect(xml).toMatch(/w:eastAsia="黑体"[^>]*\/><w:sz w:val="32"\/>.{0,80}一、需求清单/);
		expect(xml).toContain('独居老人助浴');
		// Body 3号 (16 pt) 仿宋 by default; page numbers "— n —" in 4号 宋体, right on odd pages, left on even.
		const styles = strFromU8(files['word/styles.xml']!);
		expect(styles).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/);
		expect(strFromU8(files['word/settings.xml']!)).toContain('<w:evenAndOddHeaders/>');
		const footers = Object.keys(files)
			.filter((f) => /^word\/footer\d+\.xml$/.test(f))
			.map((f) => strFromU8(files[f]!));
		expect(
			footers.some(
				(f) => f.includes('<w:jc w:val="right"/>') && f.includes('PAGE') && f.includes('— ')
			)
		).toBe(true);
		expect(footers.some((f) => f.includes('<w:jc w:val="left"/>') && f.includes('PAGE'))).toBe(
			true
		);
		expect(
			footers.every((f) => f.includes('w:eastAsia="宋体"') && f.includes('<w:sz w:val="28"/>'))
		).toBe(true);
		expect((await get('format=docx&document=letter')).status).toBe(400);
	});

	it('writes the minutes of a meeting: particulars, attendance by unit, the agenda and decisions numbered 一、二、, the plan as the annex', async () => {
		expect((await get('format=docx&document=minutes')).status).toBe(404); // no meeting yet
		// A third unit, which sits in (列席) without a say.
		const made = await postAction(
			server.url,
			`/councils/${s.councilId}?/createUnit`,
			s.people.secretary.cookie,
			{ name: '春晖街道办事处', kind: 'agency' }
		);
		expect(made.type).toBe('success');
		const street = (
			await (
				await fetch(`${server.url}/api/boards/${s.boardId}`, {
					headers: { cookie: s.people.secretary.cookie }
				})
			).json()
		).units.find((u: { name: string }) => u.name === '春晖街道办事处');
		// Only secretaries write the meetings: a member's change is refused by the sync server.
		const member = connect(server.wsUrl, meetingsRoom(s.boardId), s.people.member.cookie);
		await member.synced;
		addItem(member.doc, MEETINGS, { title: '不该出现的会议' });
		const secretary = connect(server.wsUrl, meetingsRoom(s.boardId), s.people.secretary.cookie);
		await secretary.synced;
		const meeting = addItem(secretary.doc, MEETINGS, {
			title: '2026年第四季度联席会议',
			date: '2026-10-15',
			time: '14:30',
			place: '社区党群服务中心',
			chair: '李敏',
			guests: '春晖街道办事处 陈刚'
		});
		setAttendance(secretary.doc, meeting, s.units.hospital.id, { status: 'present', who: '孙倩' });
		setAttendance(secretary.doc, meeting, s.units.school.id, {
			status: 'leave',
			reason: '外出培训'
		});
		setAttendance(secretary.doc, meeting, street.id, { status: 'sitting_in', who: '周华' });
		addItem(secretary.doc, AGENDA, { meeting, title: '通报上季度项目落实情况', presenter: '李敏' });
		addItem(secretary.doc, AGENDA, { meeting, title: '审议本季度项目清单', state: 'done' });
		addItem(secretary.doc, DECISIONS, { meeting, content: '审议通过本季度项目清单。' });
		addItem(secretary.doc, DECISIONS, { meeting, content: '市第一人民医院每月开展一次义诊。' });
		await eventually(async () =>
			expect((await get('format=docx&document=minutes')).status).toBe(200)
		);
		await new Promise((r) => setTimeout(r, 200));
		member.destroy();
		secretary.destroy();

		const res = await get(`format=docx&document=minutes&meeting=${meeting}`);
		expect(res.headers.get('content-disposition')).toContain(
			encodeURIComponent('幸福里社区党建联席会2026年第四季度联席会议纪要.docx')
		);
		const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
		const xml = strFromU8(files['word/document.xml']!);
		const text = xml.replace(/<[^>]+>/g, '');
		expect(text).not.toContain('不该出现的会议');
		expect(text).toContain('幸福里社区党建联席会2026年第四季度联席会议纪要');
		expect(text).toContain('时间：2026年10月15日 14:30');
		expect(text).toContain('出席：市第一人民医院（孙倩）');
		expect(text).toContain('请假：幸福里小学（外出培训）');
		expect(text).toContain('列席：春晖街道办事处（周华）、春晖街道办事处 陈刚');
		// The agenda, in its order, with its label in 黑体 like the particulars', before the summary.
		expect(text).toContain(
			'会议议程：一、通报上季度项目落实情况（汇报人：李敏）二、审议本季度项目清单'
		);
		expect(text.indexOf('会议议程：')).toBeGreaterThan(text.indexOf('列席：'));
		expect(text.indexOf('会议议程：')).toBeLessThan(text.indexOf('经研究'));
		expect(text).toContain(
			'经研究，会议议定事项如下：一、审议通过本季度项目清单。二、市第一人民医院每月开展一次义诊。'
		);
		// Labels and numbers in 黑体, the text in 仿宋, 3号; the annex on a page of its own after "附件".
		const inFont = (font: string, text: string) =>
			new RegExp(
				`w:eastAsia="${font}"[^>]*/><w:sz w:val="32"/>(<w:szCs[^>]*/>)?</w:rPr><w:t xml:space="preserve">${text}`
			);
		expect(xml).toMatch(inFont('黑体', '出席：'));
		expect(xml).toMatch(inFont('黑体', '二、'));
		expect(xml).toMatch(inFont('黑体', '会议议程：'));
		expect(xml).toMatch(inFont('仿宋_GB2312', '一、通报上季度项目落实情况'));
		expect(xml).toMatch(inFont('仿宋_GB2312', '市第一人民医院每月开展一次义诊。'));
		expect(text).toContain('附件：幸福里社区党建联席会2026年第四季度共驻共建项目清单');
		expect(text).toContain('独居老人助浴');
		expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
		expect((await get('format=docx&document=minutes&meeting=nosuchmeeting')).status).toBe(404);
		// The other tests of this file count the seeded units.
		expect(
			(
				await postAction(
					server.url,
					`/councils/${s.councilId}?/deleteUnit`,
					s.people.secretary.cookie,
					{ unitId: street.id }
				)
			).type
		).toBe('success');
	});

	it('writes CSV per list with a BOM, and the whole board as JSON', async () => {
		const csv = await get('format=csv&list=commitments');
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const raw = new Uint8Array(await csv.arrayBuffer());
		expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw);
		// The status says which day its 逾期 is counted against: today, for the board as it is now.
		expect(text.split('\r\n')[0]).toMatch(
			/^\uFEFF序号,单位,承诺事项,责任人,完成时限,关联项目,完成情况（截至\d{4}年\d{1,2}月\d{1,2}日）,实际完成日期,进展记录,佐证材料$/
		);
		expect(text).toContain(`"'=HYPERLINK(""http://x"") 每月义诊"`);
		expect((await get('format=csv')).status).toBe(400);
		expect((await get('format=pdf')).status).toBe(400);

		const json = await (await get('format=json')).json();
		expect(json).toMatchObject({
			format: 'gongjian-board',
			version: 1,
			board: { title: '共驻共建项目计划', source: 'live' }
		});
		expect(json.content.needs.map((n: { title: string }) => n.title)).toEqual(['独居老人助浴']);
		expect(json.units.map((u: { name: string }) => u.name)).toEqual([
			'市第一人民医院',
			'幸福里小学'
		]);
	});

	it('uses the agreed version by default once there is one, or the one asked for', async () => {
		const board = `/boards/${s.boardId}`;
		await postAction(server.url, `${board}?/status`, s.people.secretary.cookie, { to: 'meeting' });
		await postAction(server.url, `${board}?/status`, s.people.secretary.cookie, {
			to: 'agreed',
			reason: '测试'
		});
		const agreed = await (await get('format=json')).json();
		expect(agreed.board.source).toMatch(/^version:/);
		expect((await get('format=json&version=live')).status).toBe(200);
		expect((await get('format=json&version=nosuchversion')).status).toBe(404);
	});

	it('is for the council’s planners: observers, outsiders and the signed-out are refused; each export is recorded', async () => {
		expect((await get('format=xlsx', s.people.hospitalRep.cookie)).status).toBe(200);
		expect((await get('format=xlsx', s.people.observer.cookie)).status).toBe(403);
		expect((await get('format=xlsx', s.people.outsider.cookie)).status).toBe(403);
		expect((await fetch(`${server.url}/api/boards/${s.boardId}/export?format=xlsx`)).status).toBe(
			401
		);
		const feed = await (
			await fetch(`${server.url}/boards/${s.boardId}/activity?list=events`, {
				headers: { cookie: s.people.observer.cookie }
			})
		).text();
		expect(feed).toContain('导出了 XLSX');
	});
});
