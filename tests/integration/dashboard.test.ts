// The dashboard against real parts: real y-websocket clients write two boards of a council (needs,
// projects, pledges, claims, commitments, meetings with attendance), the production server counts
// them, and every figure it answers is compared with counts this test makes itself from its own
// documents (not with board/reports/stats.ts). The clients write what the server must not trust: a commitment
// on this quarter's board with last quarter's id and `carriedFrom` (no 下一期 carried it) and `doneOn`
// days before the due dates; the server counts the copy on its own and every done by the day it saw
// it done (today). Then the council's rows, the scorecard's Excel file read back,
// and who may see and take what.
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { liveServer } from '../helpers/live.ts';
import { postAction } from '../helpers/actions.ts';
import { eventually } from '../helpers/yclient.ts';
import { addItem, listMap, newItem, readItems } from '../../src/lib/board/ydoc/list.ts';
import type { ItemInput } from '../../src/lib/board/model/fields.ts';
import { todayIn } from '../../src/lib/board/model/fields.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../../src/lib/board/model/lists/index.ts';
import { claim, readClaims } from '../../src/lib/board/ydoc/claims.ts';
import { readAttendance, setAttendance } from '../../src/lib/board/ydoc/meetings.ts';
import { MEETINGS } from '../../src/lib/board/model/lists/meetings.ts';
import { boardRoom, meetingsRoom, unitRoom } from '../../src/lib/server/sync/rooms.ts';

const live = liveServer();
const PAST = '2020-01-01';
const FUTURE = '2999-12-31';

type Docs = {
	board: Y.Doc;
	sheets: { unitId: string; unit: string; doc: Y.Doc }[];
	meetings: Y.Doc;
};
let q4: Docs & { id: string };
let q3: Docs & { id: string };
let carriedId: string;

const api = (path: string, cookie = live.s.people.secretary.cookie) =>
	fetch(`${live.server.url}${path}`, { headers: { cookie } });
const json = async (path: string, cookie?: string) => (await api(path, cookie)).json();

/** The board's documents through real clients, each written by someone allowed to. */
async function open(boardId: string): Promise<Docs> {
	const { people, units } = live.s;
	const board = live.open(people.member.cookie, boardRoom(boardId));
	const hospital = live.open(people.hospitalRep.cookie, unitRoom(boardId, units.hospital.id));
	const school = live.open(people.schoolRep.cookie, unitRoom(boardId, units.school.id));
	const meetings = live.open(people.secretary.cookie, meetingsRoom(boardId));
	await Promise.all([board.synced, hospital.synced, school.synced, meetings.synced]);
	return {
		board: board.doc,
		sheets: [
			{ unitId: units.hospital.id, unit: units.hospital.name, doc: hospital.doc },
			{ unitId: units.school.id, unit: units.school.name, doc: school.doc }
		],
		meetings: meetings.doc
	};
}

/** A commitment with a given id: a carried-over one keeps its id on the next board. */
function commitmentWithId(doc: Y.Doc, id: string, input: ItemInput<typeof COMMITMENTS>) {
	doc.transact(() =>
		listMap(doc, COMMITMENTS).set(
			id,
			newItem(COMMITMENTS, input, `a${listMap(doc, COMMITMENTS).size}`)
		)
	);
}

beforeAll(async () => {
	const { people, units, councilId } = live.s;
	// The last quarter's board is made after this quarter's: the council reads them in period order.
	await postAction(
		live.server.url,
		`/councils/${councilId}?/createBoard`,
		people.secretary.cookie,
		{ title: '上季度计划', period: '2026年第三季度' }
	);
	const boards = (await json('/api/boards')).boards as { id: string; period: string }[];
	const q3Id = boards.find((b) => b.period === '2026年第三季度')!.id;
	q4 = { id: live.s.boardId, ...(await open(live.s.boardId)) };
	q3 = { id: q3Id, ...(await open(q3Id)) };
	const [hospital, school] = q4.sheets.map((s) => s.doc) as [Y.Doc, Y.Doc];

	// This quarter: needs in every state, one claimed by the school, one claim of a need since deleted.
	addItem(q4.board, NEEDS, { title: '义诊', category: 'health' });
	const tutoring = addItem(q4.board, NEEDS, { title: '课后托管', category: 'education' });
	addItem(q4.board, NEEDS, { title: '助浴', category: 'elderly', status: 'active' });
	addItem(q4.board, NEEDS, { title: '助餐', category: 'elderly', status: 'done' });
	addItem(q4.board, NEEDS, { title: '旧需求', category: 'health', status: 'closed' });
	claim(school, { kind: 'need', id: tutoring }, people.schoolRep.displayName);
	claim(school, { kind: 'need', id: 'gone' }, people.schoolRep.displayName);
	addItem(q4.board, PLAN, {
		title: '敬老义诊',
		lead: units.hospital.id,
		end: '2020-03-01',
		status: 'active'
	});
	addItem(q4.board, PLAN, {
		title: '安全课堂',
		lead: units.school.id,
		end: '2020-03-01',
		status: 'done'
	});
	addItem(q4.board, PLAN, {
		title: '冬季培训',
		lead: units.school.id,
		end: FUTURE,
		status: 'preparing'
	});
	addItem(q4.board, PLAN, {
		title: '取消的活动',
		lead: units.hospital.id,
		end: '2020-03-01',
		status: 'cancelled'
	});

	addItem(hospital, PLEDGES, { title: '会议室', kind: 'venue', state: 'delivered' });
	addItem(hospital, PLEDGES, { title: '义诊医生', kind: 'service', state: 'offered' });
	addItem(hospital, PLEDGES, { title: '健康讲座', kind: 'service', state: 'delivered' });
	addItem(school, PLEDGES, { title: '活动经费', kind: 'funds', state: 'confirmed' });

	carriedId = 'carried00001';
	commitmentWithId(hospital, carriedId, {
		content: '上季度结转：健康档案',
		due: PAST,
		status: 'done',
		doneOn: '2020-02-01',
		carriedFrom: q3.id
	});
	addItem(hospital, COMMITMENTS, {
		content: '每月义诊',
		responsible: '孙倩',
		due: PAST,
		status: 'in_progress'
	});
	addItem(hospital, COMMITMENTS, { content: '年终总结', due: FUTURE, status: 'not_started' });
	addItem(hospital, COMMITMENTS, {
		content: '健康讲座',
		due: '2020-05-01',
		status: 'done',
		doneOn: '2020-04-01'
	});
	addItem(school, COMMITMENTS, {
		content: '开放操场',
		responsible: '郑凯',
		due: '2020-02-01',
		status: 'not_started'
	});
	addItem(school, COMMITMENTS, { content: '家长课堂', status: 'in_progress' });

	// Meetings: one held (dated in the past), one to come, one undated but with attendance taken
	// (not held as far as anyone can tell: it does not count).
	const held = addItem(q4.meetings, MEETINGS, { title: '第四季度联席会议', date: '2020-06-01' });
	addItem(q4.meetings, MEETINGS, { title: '下次会议', date: FUTURE });
	const undated = addItem(q4.meetings, MEETINGS, { title: '临时会议' });
	setAttendance(q4.meetings, held, units.hospital.id, { status: 'present', who: '孙倩' });
	setAttendance(q4.meetings, held, units.school.id, { status: 'leave', reason: '外出培训' });
	setAttendance(q4.meetings, undated, units.hospital.id, { status: 'sitting_in' });

	// Last quarter: the carried commitment as it was then (not done), one done without a day, a meeting.
	const [hospital3] = q3.sheets.map((s) => s.doc) as [Y.Doc, Y.Doc];
	addItem(q3.board, NEEDS, { title: '路灯', category: 'environment', status: 'done' });
	addItem(hospital3, PLEDGES, { title: '药品', kind: 'equipment', state: 'delivered' });
	commitmentWithId(hospital3, carriedId, { content: '健康档案', due: PAST, status: 'in_progress' });
	addItem(hospital3, COMMITMENTS, { content: '义诊', due: '2020-03-01', status: 'done' });
	const q3meeting = addItem(q3.meetings, MEETINGS, {
		title: '第三季度联席会议',
		date: '2020-03-01'
	});
	setAttendance(q3.meetings, q3meeting, units.hospital.id, { status: 'present' });
});

// ---- what the test counts itself, from its documents ----------------------------------------------

/** A board's documents read as plain lists. */
function read({ board, sheets, meetings }: Docs) {
	return {
		needs: readItems(board, NEEDS),
		plan: readItems(board, PLAN),
		sheets: sheets.map((s) => ({
			unitId: s.unitId,
			unit: s.unit,
			pledges: readItems(s.doc, PLEDGES),
			commitments: readItems(s.doc, COMMITMENTS),
			claims: readClaims(s.doc)
		})),
		meetings: readItems(meetings, MEETINGS),
		attendance: readAttendance(meetings)
	};
}
type Read = ReturnType<typeof read>;

/** Boards taken together, oldest first. No item here was carried by 下一期 (the server's record, not
 *  `carriedFrom`, says what was), so every board's items count, ids shared or not. */
function together(boards: Read[]): Read {
	const all = <T extends { id: string }>(lists: T[][]) => lists.flat();
	const unitIds = [...new Set(boards.flatMap((b) => b.sheets.map((s) => s.unitId)))];
	return {
		needs: all(boards.map((b) => b.needs)),
		plan: all(boards.map((b) => b.plan)),
		sheets: unitIds.map((unitId) => {
			const own = boards.flatMap((b) => b.sheets.filter((s) => s.unitId === unitId));
			const claims = [
				...new Map(own.flatMap((s) => s.claims).map((c) => [c.kind + c.id, c])).values()
			];
			return {
				unitId,
				unit: own[0]!.unit,
				pledges: all(own.map((s) => s.pledges)),
				commitments: all(own.map((s) => s.commitments)),
				claims
			};
		}),
		meetings: boards.flatMap((b) => b.meetings),
		attendance: boards.flatMap((b) => b.attendance)
	};
}

function expectedBoard({ needs, plan, sheets, meetings, attendance }: Read, today: string) {
	const claimed = new Set(
		sheets.flatMap((s) => s.claims.filter((c) => c.kind === 'need').map((c) => c.id))
	);
	const bucketOf = (n: (typeof needs)[number]) =>
		n.status === 'done' || n.status === 'closed'
			? 'settled'
			: n.status === 'open' && !claimed.has(n.id)
				? 'open'
				: 'claimed';
	const count = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length;
	const overdueProjects = plan.filter(
		(p) => (p.status === 'active' || p.status === 'preparing') && p.end !== '' && p.end < today
	);
	const stateOf = (c: { status: string; due: string }) =>
		c.status !== 'done' && c.due !== '' && c.due < today ? 'overdue' : c.status;
	const allCommitments = sheets.flatMap((s) => s.commitments.map((c) => ({ ...c, unit: s.unit })));
	// Held: dated today or earlier. Attendance taken for one undated does not make it held.
	const heldIds = meetings.filter((m) => m.date !== '' && m.date <= today).map((m) => m.id);
	const statusAt = (meetingId: string, unitId: string) =>
		attendance.find((a) => a.meetingId === meetingId && a.unitId === unitId)?.status ?? 'absent';
	const attendedBy = (unitId: string) =>
		count(heldIds, (m) => ['present', 'sitting_in'].includes(statusAt(m, unitId)));
	return {
		needs: {
			total: needs.length,
			byState: {
				open: count(needs, (n) => bucketOf(n) === 'open'),
				claimed: count(needs, (n) => bucketOf(n) === 'claimed'),
				settled: count(needs, (n) => bucketOf(n) === 'settled')
			},
			categories: Object.fromEntries(
				[...new Set(needs.map((n) => n.category))].map((category) => {
					const of = needs.filter((n) => n.category === category);
					return [
						category,
						{
							total: of.length,
							open: count(of, (n) => bucketOf(n) === 'open'),
							claimed: count(of, (n) => bucketOf(n) === 'claimed'),
							settled: count(of, (n) => bucketOf(n) === 'settled')
						}
					];
				})
			)
		},
		pledges: {
			total: sheets.reduce((n, s) => n + s.pledges.length, 0),
			delivered: sheets.reduce((n, s) => n + count(s.pledges, (p) => p.state === 'delivered'), 0),
			byUnit: sheets.map((s) => ({
				unit: s.unit,
				total: s.pledges.length,
				delivered: count(s.pledges, (p) => p.state === 'delivered'),
				venue: count(s.pledges, (p) => p.kind === 'venue'),
				service: count(s.pledges, (p) => p.kind === 'service'),
				funds: count(s.pledges, (p) => p.kind === 'funds')
			}))
		},
		projects: {
			total: plan.length,
			overdue: overdueProjects.length,
			done: count(plan, (p) => p.status === 'done')
		},
		commitments: {
			total: allCommitments.length,
			byState: Object.fromEntries(
				['done', 'in_progress', 'not_started', 'overdue'].map((k) => [
					k,
					count(allCommitments, (c) => stateOf(c) === k)
				])
			),
			byUnit: sheets.map((s) => ({
				unit: s.unit,
				total: s.commitments.length,
				done: count(s.commitments, (c) => stateOf(c) === 'done'),
				overdue: count(s.commitments, (c) => stateOf(c) === 'overdue')
			}))
		},
		attendance: {
			meetings: heldIds.length,
			rate: heldIds.length
				? sheets.reduce((n, s) => n + attendedBy(s.unitId), 0) / (heldIds.length * sheets.length)
				: null,
			byUnit: sheets.map((s) => ({
				unit: s.unit,
				attended: attendedBy(s.unitId),
				leave: count(heldIds, (m) => statusAt(m, s.unitId) === 'leave'),
				absent: count(heldIds, (m) => statusAt(m, s.unitId) === 'absent')
			}))
		},
		overdue: {
			commitments: allCommitments
				.filter((c) => stateOf(c) === 'overdue')
				.map((c) => c.content)
				.sort(),
			projects: overdueProjects.map((p) => p.title).sort()
		}
	};
}

type Stats = {
	needs: {
		total: number;
		byState: Record<string, number>;
		byCategory: {
			category: string;
			total: number;
			open: number;
			claimed: number;
			settled: number;
		}[];
	};
	pledges: {
		total: number;
		delivered: number;
		byUnit: { unit: string; total: number; delivered: number; byKind: Record<string, number> }[];
	};
	projects: { total: number; overdue: number; byStatus: Record<string, number> };
	commitments: {
		total: number;
		byState: Record<string, number>;
		byUnit: { unit: string; total: number; done: number; overdue: number }[];
	};
	attendance: {
		meetings: number;
		rate: number | null;
		byUnit: { unit: string; present: number; sittingIn: number; leave: number; absent: number }[];
	};
	overdue: { commitments: { content: string }[]; projects: { title: string; lead: string }[] };
};

/** The server's answer in the shape the test counts in. */
function asCounted(stats: Stats) {
	return {
		needs: {
			total: stats.needs.total,
			byState: stats.needs.byState,
			categories: Object.fromEntries(
				stats.needs.byCategory
					.filter((c) => c.total > 0)
					.map(({ category, ...rest }) => [category, rest])
			)
		},
		pledges: {
			total: stats.pledges.total,
			delivered: stats.pledges.delivered,
			byUnit: stats.pledges.byUnit.map((u) => ({
				unit: u.unit,
				total: u.total,
				delivered: u.delivered,
				venue: u.byKind.venue,
				service: u.byKind.service,
				funds: u.byKind.funds
			}))
		},
		projects: {
			total: stats.projects.total,
			overdue: stats.projects.overdue,
			done: stats.projects.byStatus.done
		},
		commitments: {
			total: stats.commitments.total,
			byState: stats.commitments.byState,
			byUnit: stats.commitments.byUnit.map((u) => ({
				unit: u.unit,
				total: u.total,
				done: u.done,
				overdue: u.overdue
			}))
		},
		attendance: {
			meetings: stats.attendance.meetings,
			rate: stats.attendance.rate,
			byUnit: stats.attendance.byUnit.map((u) => ({
				unit: u.unit,
				attended: u.present + u.sittingIn,
				leave: u.leave,
				absent: u.absent
			}))
		},
		overdue: {
			commitments: stats.overdue.commitments.map((c) => c.content).sort(),
			projects: stats.overdue.projects.map((p) => p.title).sort()
		}
	};
}

describe('the board dashboard', () => {
	it('answers figures equal to the counts made from the documents', async () => {
		const today = todayIn();
		const expected = expectedBoard(read(q4), today);
		// What was written above, as this test counts it (so that a count that is always zero fails).
		expect(expected.needs.byState).toEqual({ open: 1, claimed: 2, settled: 2 });
		expect(expected.commitments.byState).toEqual({
			done: 2,
			in_progress: 1,
			not_started: 1,
			overdue: 2
		});
		expect(expected.attendance).toMatchObject({ meetings: 1, rate: 0.5 });
		expect(expected.projects).toEqual({ total: 4, overdue: 1, done: 1 });

		await eventually(
			async () => expect(asCounted(await json(`/api/boards/${q4.id}/dashboard`))).toEqual(expected),
			10_000
		);
		await eventually(
			async () =>
				expect(asCounted(await json(`/api/boards/${q3.id}/dashboard`))).toEqual(
					expectedBoard(read(q3), today)
				),
			10_000
		);
		const stats = (await json(`/api/boards/${q4.id}/dashboard`)) as Stats & { today: string };
		expect(stats.today).toBe(today);
		expect(stats.overdue.projects).toMatchObject([
			{ title: '敬老义诊', lead: live.s.units.hospital.name }
		]);
	});

	it('is for everyone in the council: 401 signed out, 403 for another council, 404 for no board', async () => {
		const { people, otherBoardId } = live.s;
		expect((await api(`/api/boards/${q4.id}/dashboard`, people.observer.cookie)).status).toBe(200);
		expect((await api(`/api/boards/${q4.id}/dashboard`, '')).status).toBe(401);
		expect((await api(`/api/boards/${q4.id}/dashboard`, people.outsider.cookie)).status).toBe(403);
		expect((await api(`/api/boards/${otherBoardId}/dashboard`)).status).toBe(403);
		expect((await api('/api/boards/nosuchboard/dashboard')).status).toBe(404);
		// The page likewise.
		expect((await api(`/boards/${q4.id}/dashboard`, people.observer.cookie)).status).toBe(200);
		expect((await api(`/boards/${q4.id}/dashboard`, people.outsider.cookie)).status).toBe(403);
	});
});

describe('the council dashboard', () => {
	it('has a row per board in period order, each equal to that board’s counts', async () => {
		const today = todayIn();
		const council = await json(`/api/councils/${live.s.councilId}/dashboard`);
		expect(council.years).toEqual([2026]);
		expect(council.rows.map((r: { boardId: string }) => r.boardId)).toEqual([q3.id, q4.id]);
		for (const [row, docs] of [
			[council.rows[0], q3],
			[council.rows[1], q4]
		] as const) {
			const e = expectedBoard(read(docs), today);
			expect(row).toMatchObject({
				needs: e.needs.total,
				needsSettled: e.needs.byState.settled,
				projects: e.projects.total,
				projectsDone: e.projects.done,
				pledges: e.pledges.total,
				pledgesDelivered: e.pledges.delivered,
				commitments: e.commitments.total,
				commitmentsDone: e.commitments.byState.done,
				commitmentsOverdue: e.commitments.byState.overdue,
				meetings: e.attendance.meetings,
				attendanceRate: e.attendance.rate
			});
		}
		expect(council.rows[1]).toMatchObject({
			needsOpen: 1,
			needsClaimed: 2,
			pledgesByKind: { venue: 1, service: 2, funds: 1, equipment: 0 }
		});
	});

	it('takes the boards together, unit by unit: a copy written with an earlier item’s id and carriedFrom counts on its own', async () => {
		const expected = expectedBoard(together([read(q3), read(q4)]), todayIn());
		// As this test counts it: the hand-written "carried" copy on its own beside last quarter's
		// commitment of its id (still overdue there), the last quarter's meeting with this one's.
		expect(expected.commitments.byUnit).toEqual([
			{ unit: live.s.units.hospital.name, total: 6, done: 3, overdue: 2 },
			{ unit: live.s.units.school.name, total: 2, done: 0, overdue: 1 }
		]);
		expect(expected.needs).toMatchObject({
			total: 6,
			byState: { open: 1, claimed: 2, settled: 3 }
		});
		expect(expected.attendance.meetings).toBe(2);
		const { totals } = await json(`/api/councils/${live.s.councilId}/dashboard`);
		expect(asCounted(totals)).toEqual(expected);
		// Each overdue item names the board it is overdue on (last quarter's, for the one whose id was copied).
		const board = (id: string) => read([q4, q3].find((docs) => docs.id === id)!);
		for (const c of totals.overdue.commitments as { id: string; boardId: string }[])
			expect(
				board(c.boardId).sheets.some((s) =>
					s.commitments.some((x) => x.id === c.id && x.status !== 'done')
				)
			).toBe(true);
		for (const p of totals.overdue.projects as { id: string; boardId: string }[])
			expect(board(p.boardId).plan.some((x) => x.id === p.id)).toBe(true);
		expect(
			(totals.overdue.commitments as { id: string; boardId: string }[]).find(
				(c) => c.id === carriedId
			)?.boardId
		).toBe(q3.id);
		expect(totals.overdue.commitments.length + totals.overdue.projects.length).toBe(4);
	});

	it('is for anyone in the council, administrators and observers too; nobody else', async () => {
		const { people, councilId } = live.s;
		expect(
			(await api(`/api/councils/${councilId}/dashboard`, people.schoolRep.cookie)).status
		).toBe(200);
		expect((await api(`/api/councils/${councilId}/dashboard`, people.observer.cookie)).status).toBe(
			200
		);
		expect((await api(`/api/councils/${councilId}/dashboard`, '')).status).toBe(401);
		expect((await api(`/api/councils/${councilId}/dashboard`, people.outsider.cookie)).status).toBe(
			403
		);
		expect((await api('/api/councils/nosuchcouncil/dashboard')).status).toBe(404);
		expect((await api(`/councils/${councilId}/dashboard`, people.observer.cookie)).status).toBe(
			200
		);
		expect((await api(`/councils/${councilId}/dashboard`, people.outsider.cookie)).status).toBe(
			403
		);
		expect((await api(`/councils/${councilId}/scorecard`, people.outsider.cookie)).status).toBe(
			403
		);
	});
});

describe('the unit scorecard', () => {
	/** Each unit over the year, counted by the test: every board's commitments (none was carried by
	 *  下一期), each done one on the day the server saw it done — today, whatever `doneOn` says. */
	function expectedScores(today: string) {
		const boards = [q3, q4];
		return [live.s.units.hospital, live.s.units.school].map((unit) => {
			const commitments = new Map<string, { status: string; due: string; doneOn: string }>();
			let pledges = 0;
			let delivered = 0;
			let meetings = 0;
			let attended = 0;
			let leave = 0;
			for (const docs of boards) {
				const sheet = docs.sheets.find((s) => s.unitId === unit.id)!.doc;
				for (const c of readItems(sheet, COMMITMENTS))
					commitments.set(`${docs.id}:${c.id}`, { ...c, doneOn: c.status === 'done' ? today : '' });
				const ps = readItems(sheet, PLEDGES);
				pledges += ps.length;
				delivered += ps.filter((p) => p.state === 'delivered').length;
				const attendance = readAttendance(docs.meetings);
				for (const m of readItems(docs.meetings, MEETINGS)) {
					if (!(m.date && m.date <= today)) continue;
					meetings++;
					const status = attendance.find(
						(a) => a.meetingId === m.id && a.unitId === unit.id
					)?.status;
					if (status === 'present' || status === 'sitting_in') attended++;
					if (status === 'leave') leave++;
				}
			}
			const all = [...commitments.values()];
			const done = all.filter((c) => c.status === 'done');
			const onTime = done.filter((c) => !c.due || !c.doneOn || c.doneOn <= c.due).length;
			return [
				unit.name,
				all.length,
				onTime,
				done.length - onTime,
				all.length - done.length,
				all.filter((c) => c.status !== 'done' && c.due && c.due < today).length,
				pledges,
				delivered,
				meetings,
				attended,
				leave
			] as const;
		});
	}

	it('counts each unit over the year by the server’s done days, a hand-written “carried” copy on its own; the Excel file says the same', async () => {
		const expected = expectedScores(todayIn());
		// The hospital: six commitments (the hand-written copy on its own), the three done all late —
		// done today, long after they were due, whatever their `doneOn` says.
		expect(expected[0]).toEqual([live.s.units.hospital.name, 6, 0, 3, 3, 2, 4, 3, 2, 2, 0]);

		const scorecard = await json(`/api/councils/${live.s.councilId}/scorecard?year=2026`);
		expect(scorecard.boards.map((b: { id: string }) => b.id)).toEqual([q3.id, q4.id]);
		const res = await api(`/api/councils/${live.s.councilId}/scorecard?year=2026&format=xlsx`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(res.headers.get('content-disposition')).toContain(
			`filename*=UTF-8''${encodeURIComponent('幸福里社区党建联席会2026年度成员单位点评.xlsx')}`
		);
		const bytes = new Uint8Array(await res.arrayBuffer());
		const sheets = await readXlsxFile(Buffer.from(bytes));
		expect(sheets.map((s) => s.sheet)).toEqual(['年度点评']);
		const [header, ...rows] = sheets[0]!.data;
		expect(header).toEqual([
			'序号',
			'成员单位',
			'承诺数',
			'按期完成',
			'逾期完成',
			'未完成',
			'其中逾期',
			'按期完成率（已完成和逾期的承诺中）',
			'资源数',
			'已兑现',
			'兑现率（全部资源中）',
			'应出席会议',
			'出席',
			'请假',
			'出席率（应出席会议中）'
		]);
		expect(rows).toHaveLength(2);
		for (const [i, e] of expected.entries()) {
			const [
				unit,
				commitments,
				onTime,
				late,
				open,
				overdue,
				pledges,
				delivered,
				meetings,
				attended,
				leave
			] = e;
			const rate = (part: number, whole: number) => (whole ? part / whole : null);
			expect(rows[i]).toEqual([
				i + 1,
				unit,
				commitments,
				onTime,
				late,
				open,
				overdue,
				rate(onTime, onTime + late + overdue),
				pledges,
				delivered,
				rate(delivered, pledges),
				meetings,
				attended,
				leave,
				rate(attended, meetings)
			]);
		}
		// Bold frozen header, rates shown as per cent.
		const files = unzipSync(bytes);
		expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toMatch(
			/<pane[^>]*ySplit="1"[^>]*state="frozen"/
		);
		const styles = strFromU8(files['xl/styles.xml']!);
		expect(styles).toContain('formatCode="0.0%"');
		expect(styles).toMatch(/<b\s*\/>/);
		// A year with no board has every unit at nothing; a year that is not one is refused.
		const empty = await json(`/api/councils/${live.s.councilId}/scorecard?year=2025`);
		expect(
			empty.rows.map((r: { commitments: number; meetings: number }) => [r.commitments, r.meetings])
		).toEqual([
			[0, 0],
			[0, 0]
		]);
		expect((await api(`/api/councils/${live.s.councilId}/scorecard?year=abc`)).status).toBe(400);
	});

	it('goes to observers only where the council allows it, and each download is recorded', async () => {
		const { people, councilId } = live.s;
		const xlsx = (cookie: string) =>
			api(`/api/councils/${councilId}/scorecard?year=2026&format=xlsx`, cookie);
		expect((await xlsx(people.observer.cookie)).status).toBe(403);
		expect(
			(await api(`/api/councils/${councilId}/scorecard?year=2026`, people.observer.cookie)).status
		).toBe(200);
		expect((await xlsx(people.hospitalRep.cookie)).status).toBe(200);
		expect((await xlsx('')).status).toBe(401);
		expect((await xlsx(people.outsider.cookie)).status).toBe(403);
		await postAction(live.server.url, `/councils/${councilId}?/settings`, people.secretary.cookie, {
			observersExport: 'on'
		});
		expect((await xlsx(people.observer.cookie)).status).toBe(200);
		await postAction(
			live.server.url,
			`/councils/${councilId}?/settings`,
			people.secretary.cookie,
			{}
		);
		expect((await xlsx(people.observer.cookie)).status).toBe(403);

		const feed = await (await api(`/boards/${q4.id}/activity?list=events`)).text();
		expect(feed).toContain('导出了2026年度成员单位点评（Excel）');
	});
});
