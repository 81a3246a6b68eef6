// Imports against real parts: the production server reading uploaded files, a real y-websocket client
// adding the rows as the browser does, the activity feed, and a board exported as JSON made again.
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { liveServer } from '../helpers/live.ts';
import { postAction } from '../helpers/actions.ts';
import { eventually } from '../helpers/yclient.ts';
import { addItem, addItems, readItems } from '../../src/lib/board/ydoc/list.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../../src/lib/board/model/lists/index.ts';
import { claim } from '../../src/lib/board/ydoc/claims.ts';
import { guessHeaderRow, guessMapping, readRows } from '../../src/lib/board/reports/import.ts';
import { setAttendance } from '../../src/lib/board/ydoc/meetings.ts';
import { DECISIONS, MEETINGS } from '../../src/lib/board/model/lists/meetings.ts';
import { meetingsRoom } from '../../src/lib/server/sync/rooms.ts';

const live = liveServer();

function upload(bytes: Uint8Array | string, cookie: string, name = 'file.csv') {
	const body = new FormData();
	body.set('file', new Blob([bytes as BlobPart]), name);
	return fetch(`${live.server.url}/api/boards/${live.s.boardId}/import`, {
		method: 'POST',
		body,
		headers: { cookie, origin: live.server.url }
	});
}

describe('reading an upload', () => {
	it('answers the rows of a spreadsheet to those who may write the board, and nobody else', async () => {
		const { people } = live.s;
		const res = await upload('\uFEFF资源,数量\n会议室,2\n', people.hospitalRep.cookie);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			sheets: [
				{
					name: 'CSV',
					rows: [
						['资源', '数量'],
						['会议室', '2']
					]
				}
			]
		});
		expect((await upload('a\n1\n', people.observer.cookie)).status).toBe(403);
		expect((await upload('a\n1\n', people.outsider.cookie)).status).toBe(403);
		expect((await upload('a\n1\n', '')).status).toBe(401);
	});

	it('says why a bad file cannot be read, and carries on serving', async () => {
		const cookie = live.s.people.member.cookie;
		const answer = async (bytes: Uint8Array | string) => {
			const res = await upload(bytes, cookie);
			return { status: res.status, ...(await res.json()) };
		};
		expect(await answer('')).toEqual({ status: 400, problem: 'empty' });
		expect(await answer(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).toEqual({
			status: 400,
			problem: 'oldExcel'
		});
		const bomb = zipSync(
			{
				'xl/workbook.xml': strToU8('<workbook/>'),
				'xl/worksheets/sheet1.xml': new Uint8Array(100 * 1024 * 1024)
			},
			{ level: 9 }
		);
		expect(await answer(bomb)).toEqual({ status: 400, problem: 'zipBomb' });
		expect(await answer(new Uint8Array(6 * 1024 * 1024).fill(65))).toMatchObject({
			status: 413,
			problem: 'tooLarge'
		});
		const rows = ['资源', ...Array.from({ length: 10_000 }, (_, i) => `资源${i}`)].join('\n');
		expect(await answer(rows)).toEqual({
			status: 400,
			problem: 'tooManyRows',
			rows: 10_001,
			max: 5_000
		});
		expect(
			(await fetch(`${live.server.url}/api/boards/${live.s.boardId}`, { headers: { cookie } }))
				.status
		).toBe(200);
	});
});

describe('an import on the board', () => {
	it('lands as one change, and the feed tells it as one line', async () => {
		const res = await upload(
			'资源,类型,数量,联系人\n义诊医生,专业服务,4,"=HYPERLINK(""http://x"",""点我"")"\n健康讲座,专业服务,6,\n血压计,设备物资,20,\n',
			live.s.people.hospitalRep.cookie
		);
		const [{ rows }] = (await res.json()).sheets;
		const header = guessHeaderRow(rows, 'pledges');
		const read = readRows(
			'pledges',
			rows,
			header,
			guessMapping(rows[header], 'pledges'),
			live.s.units.hospital.name
		);
		expect(read.problems).toEqual([]);

		const sheet = live.open(live.s.people.hospitalRep.cookie, live.s.units.hospital.room);
		await sheet.synced;
		let updates = 0;
		sheet.doc.on('update', () => updates++);
		addItems(
			sheet.doc,
			PLEDGES,
			read.rows.map((r) => r.input)
		);
		expect(updates).toBe(1);

		const feed = async () =>
			(
				await fetch(`${live.server.url}/boards/${live.s.boardId}/activity?list=pledges`, {
					headers: { cookie: live.s.people.observer.cookie }
				})
			).text();
		// Pledges are named with their quantity in the record.
		await eventually(async () =>
			expect(await feed()).toContain('一次新增 3 条资源：义诊医生 4、健康讲座 6、血压计 20')
		);
		expect((await feed()).match(/新增资源/g)).toBeNull();

		// A formula-like cell came in as plain text and goes out neutralised.
		expect(readItems(sheet.doc, PLEDGES)[0]!.contact).toBe('=HYPERLINK("http://x","点我")');
		const csv = await (
			await fetch(
				`${live.server.url}/api/boards/${live.s.boardId}/export?format=csv&list=pledges&version=live`,
				{ headers: { cookie: live.s.people.secretary.cookie } }
			)
		).text();
		expect(csv).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
	});
});

describe('a board from its JSON export', () => {
	it('makes a new board equal to the one exported, units and links included', async () => {
		const { s } = live;
		const board = live.open(s.people.secretary.cookie);
		const school = live.open(s.people.schoolRep.cookie, s.units.school.room);
		const meetings = live.open(s.people.secretary.cookie, meetingsRoom(s.boardId));
		await Promise.all([board.synced, school.synced, meetings.synced]);
		const need = addItem(board.doc, NEEDS, {
			title: '四点半课堂',
			category: 'education',
			beneficiaries: 60,
			details: '放学后\n无人看护'
		});
		const project = addItem(board.doc, PLAN, {
			title: '托管班',
			lead: s.units.school.id,
			partners: [s.units.hospital.id],
			needs: [need],
			start: '2026-12-01',
			end: '2026-12-31'
		});
		addItem(school.doc, COMMITMENTS, {
			content: '每周开放教室',
			due: '2026-12-15',
			project,
			status: 'in_progress'
		});
		addItem(school.doc, COMMITMENTS, {
			content: '家长会',
			due: '2020-11-30',
			status: 'done',
			doneOn: '2020-11-20'
		});
		claim(school.doc, { kind: 'need', id: need }, '郑凯');
		const meeting = addItem(meetings.doc, MEETINGS, {
			title: '第四季度联席会议',
			date: '2026-10-15',
			guests: '街道 陈刚'
		});
		addItem(meetings.doc, DECISIONS, { meeting, content: '开办托管班', projects: [project] });
		setAttendance(meetings.doc, meeting, s.units.school.id, { status: 'leave', reason: '培训' });
		const exported = async (boardId: string) =>
			(await (
				await fetch(`${live.server.url}/api/boards/${boardId}/export?format=json&version=live`, {
					headers: { cookie: s.people.secretary.cookie }
				})
			).json()) as { content: unknown; units: unknown; meetings: unknown };
		await eventually(async () =>
			expect(JSON.stringify(await exported(s.boardId))).toMatch(/每周开放教室.*培训/)
		);
		const original = await exported(s.boardId);

		const form = new FormData();
		form.set('file', new Blob([JSON.stringify(original)]), '导出.json');
		form.set('title', '');
		form.set('period', '2027年第一季度');
		const result = await postAction(
			live.server.url,
			`/councils/${s.councilId}?/importBoard`,
			s.people.secretary.cookie,
			form
		);
		expect(result.type).toBe('success');
		const { boardId, unitsAdded } = (
			result.data as { boardImported: { boardId: string; unitsAdded: string[] } }
		).boardImported;
		expect(unitsAdded).toEqual([]);

		const copy = await exported(boardId);
		expect(copy.content).toEqual(original.content);
		expect(copy.meetings).toEqual(original.meetings);
		const info = await (
			await fetch(`${live.server.url}/api/boards/${boardId}`, {
				headers: { cookie: s.people.secretary.cookie }
			})
		).json();
		expect(info).toMatchObject({
			title: '共驻共建项目计划',
			period: '2027年第一季度',
			status: 'draft'
		});
		// Its done commitment counts by the file's day, the importing secretary's word (the server never
		// saw that board done): on time, not late by the day of the import.
		const scores = await (
			await fetch(`${live.server.url}/api/councils/${s.councilId}/scorecard?year=2027`, {
				headers: { cookie: s.people.secretary.cookie }
			})
		).json();
		expect(
			scores.rows.find((r: { unitId: string }) => r.unitId === s.units.school.id)
		).toMatchObject({ commitments: 2, onTime: 1, late: 0 });
	});

	it('adds the units another council had, by name, and refuses what is not an export', async () => {
		const { s } = live;
		const file = {
			format: 'gongjian-board',
			version: 1,
			board: { title: '明月湾计划', period: '2026年第四季度' },
			units: [{ id: 'zzz', name: '明月湾派出所', kind: 'agency' }],
			content: {
				needs: [],
				plan: [{ id: 'p1', title: '反诈宣传', lead: 'zzz' }],
				sheets: [
					{
						unit: { id: 'zzz', name: '明月湾派出所' },
						pledges: [{ id: 'x1', title: '民警讲师', kind: 'service', quantity: 2 }],
						commitments: [],
						claims: []
					}
				]
			}
		};
		const post = (json: string) => {
			const form = new FormData();
			form.set('file', new Blob([json]), 'board.json');
			return postAction(
				live.server.url,
				`/councils/${s.councilId}?/importBoard`,
				s.people.secretary.cookie,
				form
			);
		};
		const made = await post(JSON.stringify(file));
		const { boardId, unitsAdded } = (
			made.data as { boardImported: { boardId: string; unitsAdded: string[] } }
		).boardImported;
		expect(unitsAdded).toEqual(['明月湾派出所']);
		const copy = (await (
			await fetch(`${live.server.url}/api/boards/${boardId}/export?format=json&version=live`, {
				headers: { cookie: s.people.secretary.cookie }
			})
		).json()) as {
			units: { id: string; name: string }[];
			content: {
				plan: { lead: string }[];
				sheets: { unit: { id: string }; pledges: { title: string }[] }[];
			};
		};
		const unit = copy.units.find((u) => u.name === '明月湾派出所')!;
		expect(copy.content.plan[0]!.lead).toBe(unit.id);
		expect(
			copy.content.sheets.find((x) => x.unit.id === unit.id)!.pledges.map((p) => p.title)
		).toEqual(['民警讲师']);

		for (const [json, problem] of [
			['{', 'notJson'],
			['{"format":"other"}', 'notBoardExport'],
			[JSON.stringify({ ...file, version: 2 }), 'newerFormat']
		] as const) {
			const refused = await post(json);
			expect(refused).toMatchObject({
				type: 'failure',
				status: 400,
				data: { importBoard: { errors: { file: { key: `boardImport.${problem}` } } } }
			});
		}
		// Only secretaries make boards.
		const form = new FormData();
		form.set('file', new Blob([JSON.stringify(file)]), 'board.json');
		expect(
			(
				await postAction(
					live.server.url,
					`/councils/${s.councilId}?/importBoard`,
					s.people.member.cookie,
					form
				)
			).status
		).toBe(403);
	});
});

describe('observers and exports', () => {
	it('refuses observers until the council allows them', async () => {
		const { s } = live;
		const get = () =>
			fetch(`${live.server.url}/api/boards/${s.boardId}/export?format=xlsx`, {
				headers: { cookie: s.people.observer.cookie }
			});
		expect((await get()).status).toBe(403);
		expect(
			(
				await postAction(
					live.server.url,
					`/councils/${s.councilId}?/settings`,
					s.people.member.cookie,
					{ observersExport: 'on' }
				)
			).status
		).toBe(403);
		await postAction(
			live.server.url,
			`/councils/${s.councilId}?/settings`,
			s.people.secretary.cookie,
			{ observersExport: 'on' }
		);
		expect((await get()).status).toBe(200);
		expect(
			(
				await fetch(`${live.server.url}/boards/${s.boardId}/print`, {
					headers: { cookie: s.people.observer.cookie }
				})
			).status
		).toBe(200);
		await postAction(
			live.server.url,
			`/councils/${s.councilId}?/settings`,
			s.people.secretary.cookie,
			{}
		);
		expect((await get()).status).toBe(403);
	});
});
