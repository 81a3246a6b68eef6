// Check-in (签到) against real parts: the production server, its store, the check-in page's
// form action posted as the page posts it, and y-websocket clients reading the meetings document.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tables } from '../../src/lib/server/db/index.ts';
import { liveServer } from '../helpers/live.ts';
import { postAction } from '../helpers/actions.ts';
import { eventually } from '../helpers/yclient.ts';
import { addItem } from '../../src/lib/board/ydoc/list.ts';
import { todayIn } from '../../src/lib/board/model/fields.ts';
import { readMeetings } from '../../src/lib/board/ydoc/meetings.ts';
import { MEETINGS } from '../../src/lib/board/model/lists/meetings.ts';
import { meetingsRoom } from '../../src/lib/server/sync/rooms.ts';
import type { Person } from '../helpers/seed.ts';
import { withStore } from '../helpers/store.ts';

const live = liveServer();
const CODE = /\/check-in\/([a-z2-7]{32})/;

/** The projector page as `person` gets it: its HTML and the check-in code in it, if any. */
async function projector(person: Person, meeting: string) {
	const res = await fetch(
		`${live.server.url}/boards/${live.s.boardId}/projector?meeting=${meeting}`,
		{ headers: { cookie: person.cookie } }
	);
	const html = await res.text();
	return { status: res.status, html, code: CODE.exec(html)?.[1] ?? null };
}

const checkIn = (code: string, person: Person) =>
	postAction(live.server.url, `/check-in/${code}`, person.cookie, {});

describe('check-in', () => {
	let meeting: string;
	let code: string;

	it('gives the meeting’s code to secretaries on the projector page, and to no one else', async () => {
		const secretary = live.open(live.s.people.secretary.cookie, meetingsRoom(live.s.boardId));
		await secretary.synced;
		meeting = addItem(secretary.doc, MEETINGS, {
			title: '第四季度联席会议',
			date: todayIn(),
			place: '社区党群服务中心'
		});
		await eventually(async () =>
			expect((await projector(live.s.people.secretary, meeting)).code).not.toBeNull()
		);
		code = (await projector(live.s.people.secretary, meeting)).code!;
		// The same code while it lasts.
		expect((await projector(live.s.people.secretary, meeting)).code).toBe(code);
		for (const person of [
			live.s.people.member,
			live.s.people.observer,
			live.s.people.hospitalRep
		]) {
			const page = await projector(person, meeting);
			expect(page.status, person.username).toBe(200);
			expect(page.html).toContain(`meetingId:"${meeting}"`); // the page is for this meeting
			expect(page.html, person.username).not.toContain('/check-in/');
			expect(page.html, person.username).not.toContain(code);
		}
		expect((await projector(live.s.people.outsider, meeting)).status).toBe(403);
	});

	it('sends someone not signed in to sign in first, and checks no one in on GET', async () => {
		const res = await fetch(`${live.server.url}/check-in/${code}`, { redirect: 'manual' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(
			`/login?next=${encodeURIComponent(`/check-in/${code}`)}`
		);
		const page = await fetch(`${live.server.url}/check-in/${code}`, {
			headers: { cookie: live.s.people.hospitalRep.cookie }
		});
		expect(page.status).toBe(200);
		expect(page.headers.get('cache-control')).toBe('no-store');
		const html = await page.text();
		expect(html).toContain('第四季度联席会议');
		expect(html).toContain('市第一人民医院');
		const reader = live.open(live.s.people.observer.cookie, meetingsRoom(live.s.boardId));
		await reader.synced;
		expect(readMeetings(reader.doc).attendance).toEqual([]);
	});

	it('checks a representative in for their unit: present, live, for another client to read, and in the record', async () => {
		const reader = live.open(live.s.people.observer.cookie, meetingsRoom(live.s.boardId));
		await reader.synced;
		const result = await checkIn(code, live.s.people.hospitalRep);
		expect(result).toMatchObject({ type: 'success', status: 200 });
		await eventually(() =>
			expect(readMeetings(reader.doc).attendance).toEqual([
				{
					meetingId: meeting,
					unitId: live.s.units.hospital.id,
					status: 'present',
					who: '孙倩',
					reason: '',
					checkedInAt: (result.data as { checkedInAt: string }).checkedInAt
				}
			])
		);
		const feed = await (
			await fetch(`${live.server.url}/boards/${live.s.boardId}/activity`, {
				headers: { cookie: live.s.people.secretary.cookie }
			})
		).text();
		expect(feed).toContain('扫码签到：第四季度联席会议');
	});

	it('refuses members, observers, secretaries and people of other councils, with the reason', async () => {
		for (const person of [
			live.s.people.member,
			live.s.people.observer,
			live.s.people.secretary,
			live.s.people.outsider
		]) {
			expect(await checkIn(code, person), person.username).toMatchObject({
				type: 'failure',
				status: 403,
				data: { refusal: 'notRep' }
			});
		}
		const html = await (
			await fetch(`${live.server.url}/check-in/${code}`, {
				headers: { cookie: live.s.people.member.cookie }
			})
		).text();
		expect(html).toContain('只有本联席会成员单位的单位代表可以扫码签到');
		// Someone of another council is not told which meeting it was.
		const outsider = await (
			await fetch(`${live.server.url}/check-in/${code}`, {
				headers: { cookie: live.s.people.outsider.cookie }
			})
		).text();
		expect(outsider).not.toContain('第四季度联席会议');
		expect(outsider).not.toContain('幸福里社区党建联席会');
	});

	it('refuses an unknown, a replaced and an expired code alike', async () => {
		expect(await checkIn('a'.repeat(32), live.s.people.schoolRep)).toMatchObject({
			type: 'failure',
			status: 404,
			data: { refusal: 'invalid' }
		});
		expect(
			(
				await fetch(`${live.server.url}/check-in/${'a'.repeat(32)}`, {
					headers: { cookie: live.s.people.schoolRep.cookie }
				})
			).status
		).toBe(404);

		// Only a secretary replaces the code; the old one then stops working.
		expect(
			await postAction(
				live.server.url,
				`/boards/${live.s.boardId}/projector?/newCode`,
				live.s.people.member.cookie,
				{ meeting }
			)
		).toMatchObject({ type: 'error', status: 403 });
		expect(
			await postAction(
				live.server.url,
				`/boards/${live.s.boardId}/projector?/newCode`,
				live.s.people.secretary.cookie,
				{ meeting }
			)
		).toMatchObject({ type: 'success' });
		const fresh = (await projector(live.s.people.secretary, meeting)).code!;
		expect(fresh).not.toBe(code);
		expect(await checkIn(code, live.s.people.schoolRep)).toMatchObject({
			type: 'failure',
			status: 404,
			data: { refusal: 'invalid' }
		});
		expect(
			(
				await fetch(`${live.server.url}/check-in/${code}`, {
					headers: { cookie: live.s.people.schoolRep.cookie }
				})
			).status
		).toBe(404);

		// An expired code (its time passed in the database) is refused the same way.
		await withStore(live.s.database, async (db) => {
			const { checkInCodes } = tables(db);
			await db
				.update(checkInCodes)
				.set({ expiresAt: new Date(Date.now() - 1000) })
				.where(eq(checkInCodes.code, fresh));
		});
		expect(await checkIn(fresh, live.s.people.schoolRep)).toMatchObject({
			type: 'failure',
			status: 404,
			data: { refusal: 'invalid' }
		});
		// The projector then makes a new one, which works.
		const renewed = (await projector(live.s.people.secretary, meeting)).code!;
		expect(renewed).not.toBe(fresh);
		expect(await checkIn(renewed, live.s.people.schoolRep)).toMatchObject({ type: 'success' });
		code = renewed;
	});

	it('refuses once the board is archived, and the projector shows no code then', async () => {
		await withStore(live.s.database, async (db) => {
			const { boards } = tables(db);
			await db.update(boards).set({ status: 'archived' }).where(eq(boards.id, live.s.boardId));
		});
		expect(await checkIn(code, live.s.people.hospitalRep)).toMatchObject({
			type: 'failure',
			status: 409,
			data: { refusal: 'archived' }
		});
		expect((await projector(live.s.people.secretary, meeting)).code).toBeNull();
	});
});
