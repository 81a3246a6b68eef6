// The meeting on the projector: the secretary's projector view shows the agenda and a check-in QR
// code; a unit representative scans it (the code is read back from a screenshot of the screen),
// signs in on the phone, checks in, and the projector shows the unit present without reloading; a
// member follows the secretary's screen on the board page, tab and item.
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import {
	test,
	expect,
	openBoard,
	openTab,
	addItem,
	ownServer,
	signedInContext
} from './fixtures.ts';
import { PASSWORD } from '../helpers/seed.ts';
import { connect } from '../helpers/yclient.ts';
import { addItem as addListItem, setField } from '../../src/lib/board/ydoc/list.ts';
import { todayIn } from '../../src/lib/board/model/fields.ts';
import { NEEDS, PLAN } from '../../src/lib/board/model/lists/index.ts';
import { readMeetings } from '../../src/lib/board/ydoc/meetings.ts';
import { AGENDA, MEETINGS } from '../../src/lib/board/model/lists/meetings.ts';
import { meetingsRoom } from '../../src/lib/server/sync/rooms.ts';
import { COUNCIL_TIME_ZONE } from '../../src/lib/format.ts';
import { withStore } from '../helpers/store.ts';
import { createUnit } from '../../src/lib/server/council/units.ts';
import type { Page } from '@playwright/test';

/** The council's clock an hour from now, as a meeting's time is written ("15:05"). */
const inAnHour = () =>
	new Intl.DateTimeFormat('en-GB', {
		timeZone: COUNCIL_TIME_ZONE,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(Date.now() + 3_600_000);

/** Reads the QR code on the page from a screenshot of it, as a phone's camera would. */
async function readQrCode(page: Page): Promise<string> {
	const png = PNG.sync.read(await page.getByTestId('qr-code').screenshot());
	const found = jsQR(
		new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
		png.width,
		png.height
	);
	if (!found) throw new Error('no QR code could be read from the screenshot');
	return found.data;
}

test('the projector: check-in through its QR code shows live, and a member follows the secretary’s screen', async ({
	app,
	signedIn,
	browser
}) => {
	const { seeded, server } = app;
	const mark = Math.random().toString(36).slice(2, 6);
	const today = todayIn();

	// The meeting, its agenda and a plan long enough to scroll, written as the secretary's client would.
	const meetings = connect(
		server.wsUrl,
		meetingsRoom(seeded.boardId),
		seeded.people.secretary.cookie
	);
	const board = connect(server.wsUrl, seeded.room, seeded.people.secretary.cookie);
	await Promise.all([meetings.synced, board.synced]);
	const title = `第四季度联席会议 ${mark}`;
	// It starts in an hour: check-in is open from two hours before the start (check-in-window.ts).
	const meeting = addListItem(meetings.doc, MEETINGS, {
		title,
		date: today,
		time: inAnHour(),
		place: '社区党群服务中心二楼会议室',
		chair: '李敏'
	});
	addListItem(meetings.doc, AGENDA, {
		meeting,
		title: '通报上季度项目落实情况',
		presenter: '李敏',
		state: 'done'
	});
	addListItem(meetings.doc, AGENDA, {
		meeting,
		title: '审议本季度共驻共建项目清单',
		presenter: '孙倩（市第一人民医院）'
	});
	addListItem(meetings.doc, AGENDA, {
		meeting,
		title: '各成员单位认领需求、提交资源',
		presenter: '各单位代表'
	});
	const answered = addListItem(board.doc, NEEDS, {
		title: `${mark} 独居老人定期探访`,
		category: 'elderly'
	});
	addListItem(board.doc, NEEDS, { title: `${mark} 小区路灯维修`, category: 'environment' });
	const projects: string[] = [];
	for (let i = 1; i <= 24; i++) {
		projects.push(
			addListItem(board.doc, PLAN, {
				title: `${mark} 共建项目 ${i}：${i % 2 ? '重阳节敬老义诊' : '“七彩暑假”托管班'}`,
				lead: i % 2 ? seeded.units.hospital.id : seeded.units.school.id,
				start: '2026-10-01',
				end: i === 1 ? '2026-01-31' : '2026-12-31',
				status: i === 1 ? 'active' : i % 3 ? 'preparing' : 'done',
				needs: i === 2 ? [answered] : []
			})
		);
	}
	await new Promise((r) => setTimeout(r, 300));
	meetings.destroy();
	board.destroy();

	// The secretary opens the projector view on the room's screen.
	const { page: projector } = await signedIn(seeded.people.secretary);
	await projector.setViewportSize({ width: 1920, height: 1080 });
	await projector.goto(`/boards/${seeded.boardId}/projector?meeting=${meeting}`);
	await expect(projector.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
	await expect(projector.getByTestId('projector-title')).toHaveText(title);
	await expect(projector.locator('header nav, header a[href="/"]')).toHaveCount(0); // no app header
	await expect(projector.getByTestId('stage-agenda-item').nth(1)).toHaveAttribute(
		'aria-current',
		'step'
	);
	await expect(projector.getByTestId('presenting')).toBeVisible();

	// The code on the screen is a link to this meeting's check-in page.
	const link = await readQrCode(projector);
	expect(link).toMatch(new RegExp(`^${server.url}/check-in/[a-z2-7]{32}$`));
	await expect(projector.getByTestId('check-in-link')).toHaveText(link.replace('http://', ''));
	// Nothing on the projector reloads from here on.
	await projector.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

	// A representative, not signed in on the phone, scans it: signs in, comes back, checks in.
	const phoneContext = await browser.newContext({
		baseURL: server.url,
		locale: 'zh-CN',
		viewport: { width: 375, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	const phone = await phoneContext.newPage();
	await phone.goto(link);
	await expect(phone).toHaveURL(/\/login\?next=%2Fcheck-in%2F/);
	await phone.getByLabel('用户名').fill('t-hospitalrep');
	await phone.getByLabel('密码').fill(PASSWORD);
	await phone.getByRole('button', { name: '登录' }).click();
	await expect(phone).toHaveURL(link);
	await expect(phone.getByTestId('check-in-meeting')).toHaveText(title);
	await expect(phone.getByTestId('check-in-unit')).toHaveText('市第一人民医院');
	await phone.screenshot({ path: test.info().outputPath('check-in-375.png'), fullPage: true });
	await phone.getByTestId('check-in').click();
	await expect(phone.getByTestId('checked-in')).toHaveText('已签到 ✓');
	await phone.screenshot({ path: test.info().outputPath('checked-in-375.png'), fullPage: true });

	// The projector shows the hospital present at once.
	const hospitalRow = projector.locator(
		'[data-testid=stage-attendance][data-unit="市第一人民医院"]'
	);
	await expect(hospitalRow).toHaveAttribute('data-status', 'present', { timeout: 1500 });
	await expect(hospitalRow).toContainText(/出席\s*✓\s*\d{2}:\d{2}/);
	await expect(projector.getByTestId('stage-tally')).toContainText('出席 1');
	expect(
		await projector.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)
	).toBe(true);
	await projector.screenshot({ path: test.info().outputPath('projector-1920.png') });
	await projector.setViewportSize({ width: 1280, height: 720 });
	await projector.screenshot({ path: test.info().outputPath('projector-1280.png') });
	// The check-in link, opened again, says it is done rather than offering the button again.
	await phone.goto(link);
	await expect(phone.getByTestId('checked-in')).toBeVisible();
	await phoneContext.close();

	// A member follows the secretary's screen from the board page.
	const { page: member } = await signedIn(seeded.people.member);
	await openBoard(member, seeded.boardId);
	const bar = member.getByTestId('follow-bar');
	await expect(bar).toContainText('李敏 正在演示');
	await bar.getByRole('switch', { name: '跟随' }).click();
	await expect(bar.getByRole('switch', { name: '跟随' })).toHaveAttribute('aria-checked', 'true');
	await expect(member.getByTestId('tab-meetings')).toHaveAttribute('data-state', 'active');
	// The 会议 tab tells who checked in with the code, and when.
	const row = member
		.locator('[data-testid=meeting]', { hasText: title })
		.locator('[data-testid=attendance-row][data-unit="市第一人民医院"]');
	await expect(row.getByTestId('checked-in')).toHaveText(/^✓ 扫码签到 \d{2}:\d{2} · 孙倩$/);
	await expect(row).toContainText('出席 · 孙倩');

	// The secretary switches the projector to the plan and scrolls down to a project.
	await projector.getByTestId('projector-tab-plan').click();
	await expect(member.getByTestId('tab-plan')).toHaveAttribute('data-state', 'active');
	// The project past its end and not done stands out, in words as well as colour.
	const late = projector.locator(`[data-testid=stage-project][data-item-id="${projects[0]}"]`);
	await expect(late).toHaveAttribute('data-overdue', 'true');
	await expect(late).toContainText('逾期');
	await projector.screenshot({ path: test.info().outputPath('projector-plan-top-1280.png') });
	const target = projects[10]!;
	const onTop = await projector.evaluate((id) => {
		const header = document
			.querySelector('[data-testid=projector] header')!
			.getBoundingClientRect();
		const row = document.querySelector(`[data-item-id="${id}"]`)!;
		window.scrollTo(0, row.getBoundingClientRect().top + window.scrollY - header.height);
		// The row the room now sees first, under the header.
		return [...document.querySelectorAll('[data-testid=stage-project]')]
			.find((r) => r.getBoundingClientRect().bottom > header.bottom + 1)
			?.getAttribute('data-item-id');
	}, target);
	expect(onTop).toBe(target);
	const card = member.locator(`[data-item-id="${target}"]`);
	await expect(card).toBeInViewport();
	expect(await member.evaluate(() => window.scrollY)).toBeGreaterThan(500);
	await projector.screenshot({ path: test.info().outputPath('projector-plan-1280.png') });

	// With ← the secretary goes back to the agenda; the member's board follows to the 会议 tab.
	await projector.keyboard.press('ArrowLeft');
	await expect(member.getByTestId('tab-meetings')).toHaveAttribute('data-state', 'active');

	// Picking a tab oneself ends following, and the page says so.
	await openTab(member, 'needs');
	await expect(bar.getByRole('switch', { name: '跟随' })).toHaveAttribute('aria-checked', 'false');
	await expect(member.getByTestId('follow-stopped')).toHaveText('你选择了其他视图，已停止跟随');
	await projector.getByTestId('projector-tab-matching').click();
	await expect(
		projector.locator('[data-testid=stage-need]', { hasText: `${mark} 小区路灯维修` })
	).toContainText('待对接');
	await expect(
		projector.locator('[data-testid=stage-need]', { hasText: `${mark} 独居老人定期探访` })
	).toContainText(`${mark} 共建项目 2`);
	await projector.screenshot({ path: test.info().outputPath('projector-matching-1280.png') });
	await member.waitForTimeout(500);
	await expect(member.getByTestId('tab-needs')).toHaveAttribute('data-state', 'active');
});

test('the agenda in the 会议 tab: added, ticked off and reordered live, the current item marked; decisions move within their meeting', async ({
	app,
	signedIn
}) => {
	const { seeded } = app;
	const secretary = (await signedIn(seeded.people.secretary)).page;
	const observer = (await signedIn(seeded.people.observer)).page;
	for (const page of [secretary, observer]) {
		await openBoard(page, seeded.boardId);
		await openTab(page, 'meetings');
	}
	await secretary.getByTestId('add-meeting').click();
	const meeting = secretary.getByTestId('meeting').last();
	const meetingTitle = `议程测试 ${Math.random().toString(36).slice(2, 6)}`;
	await meeting.getByLabel('会议名称').fill(meetingTitle);
	await meeting.getByLabel('会议名称').press('Tab');
	for (const [title, presenter] of [
		['通报上季度项目落实情况', '李敏'],
		['审议本季度项目清单', '孙倩'],
		['其他事项', '']
	] as const) {
		await addItem(secretary, meeting.getByTestId('add-agenda'), title);
		if (presenter)
			await meeting.getByTestId('agenda-item').last().getByLabel('汇报人').fill(presenter);
	}
	const items = meeting.getByTestId('agenda-item');
	await expect(items).toHaveCount(3);
	await expect(items.first()).toHaveAttribute('aria-current', 'step');

	// Ticked off with a real checkbox: the next item becomes the current one.
	await items.first().getByRole('checkbox', { name: '已完成：通报上季度项目落实情况' }).check();
	await expect(items.nth(1)).toHaveAttribute('aria-current', 'step');
	// The last item moves up past the current one.
	await items.nth(2).getByRole('button', { name: '上移' }).click();
	await expect(items.nth(1).getByLabel('议题')).toHaveValue('其他事项');
	await expect(items.nth(1)).toHaveAttribute('aria-current', 'step');

	// The observer sees it all arrive, read only, the current item marked.
	const seen = observer
		.locator('[data-testid=meeting]', { hasText: meetingTitle })
		.getByTestId('agenda-item');
	await expect(seen).toHaveCount(3);
	await expect(seen.nth(0)).toHaveAttribute('data-state', 'done');
	await expect(seen.nth(1)).toContainText('其他事项');
	await expect(seen.nth(1)).toHaveAttribute('aria-current', 'step');
	await expect(seen.nth(2)).toContainText('孙倩');
	await expect(
		observer
			.locator('[data-testid=meeting]', { hasText: meetingTitle })
			.getByRole('checkbox')
			.first()
	).toBeDisabled();

	// 列席 is one of the statuses recorded by hand.
	await meeting.getByLabel('幸福里小学出席情况').selectOption('sitting_in');
	await expect(
		observer
			.locator('[data-testid=meeting]', { hasText: meetingTitle })
			.locator('[data-testid=attendance-row][data-unit="幸福里小学"]')
	).toContainText('列席');

	// Two decisions in this meeting: moving the second up puts it first in this meeting.
	for (const text of ['第一项决定', '第二项决定']) {
		await meeting.getByTestId('add-decision').click();
		await expect
			.poll(() => secretary.evaluate(() => document.activeElement?.id ?? ''))
			.toMatch(/^decisions-.*-content$/);
		await secretary.keyboard.type(text);
	}
	await meeting
		.getByTestId('decisions')
		.getByTestId('decisions-item')
		.last()
		.getByRole('button', { name: '上移' })
		.click();
	await expect(
		meeting.getByTestId('decisions').getByTestId('decisions-item').first().getByLabel('议定事项')
	).toHaveValue('第二项决定');

	// (the app's sticky header would cover the top of an element shot)
	const unstuck = 'header.sticky { position: static !important; }';
	await meeting
		.getByTestId('agenda')
		.screenshot({ path: test.info().outputPath('meetings-agenda.png'), style: unstuck });
	await observer
		.locator('[data-testid=meeting]', { hasText: meetingTitle })
		.getByTestId('agenda')
		.screenshot({ path: test.info().outputPath('meetings-agenda-observer.png'), style: unstuck });
	await secretary.screenshot({ path: test.info().outputPath('meetings-tab.png') });
});

test('on the projector others get no check-in code and may follow the secretary; a secretary presents from the board page too', async ({
	app,
	signedIn
}) => {
	const { seeded, server } = app;
	const meetings = connect(
		server.wsUrl,
		meetingsRoom(seeded.boardId),
		seeded.people.secretary.cookie
	);
	await meetings.synced;
	const title = `跟随测试 ${Math.random().toString(36).slice(2, 6)}`;
	const meeting = addListItem(meetings.doc, MEETINGS, { title, date: todayIn() });
	addListItem(meetings.doc, AGENDA, { meeting, title: '审议项目清单' });
	await new Promise((r) => setTimeout(r, 200));
	meetings.destroy();

	const { page: screen } = await signedIn(seeded.people.secretary);
	const { page: observer } = await signedIn(seeded.people.observer);
	for (const page of [screen, observer]) {
		await page.setViewportSize({ width: 1280, height: 720 });
		await page.goto(`/boards/${seeded.boardId}/projector?meeting=${meeting}`);
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
		await expect(page.getByTestId('stage-agenda-item')).toHaveCount(1);
	}
	await expect(screen.getByTestId('qr-code')).toBeVisible();
	await expect(observer.getByTestId('qr-code')).toHaveCount(0);
	await expect(observer.getByTestId('new-code')).toHaveCount(0);
	await expect(observer.getByRole('checkbox')).toHaveCount(0); // only secretaries tick the agenda off

	// The observer's projector follows the secretary's, and stops when the observer picks a view.
	await expect(observer.getByTestId('follow-bar')).toContainText('李敏 正在演示');
	await observer.getByRole('switch', { name: '跟随' }).click();
	await screen.keyboard.press('ArrowRight');
	await expect(observer.getByTestId('projector-tab-plan')).toHaveAttribute('aria-selected', 'true');
	await observer.keyboard.press('ArrowRight');
	await expect(observer.getByTestId('projector-tab-matching')).toHaveAttribute(
		'aria-selected',
		'true'
	);
	await expect(observer.getByTestId('follow-stopped')).toBeVisible();
	await screen.keyboard.press('ArrowLeft');
	await observer.waitForTimeout(500);
	await expect(observer.getByTestId('projector-tab-matching')).toHaveAttribute(
		'aria-selected',
		'true'
	);

	// The projector stops presenting: nobody is presenting any more.
	await screen.getByRole('switch', { name: '演示' }).click();
	await expect(observer.getByTestId('follow-bar')).not.toContainText('正在演示');

	// The secretary presents from the board page instead; a member following sees the same tab.
	const { page: desk } = await signedIn(seeded.people.secretary);
	const { page: member } = await signedIn(seeded.people.member);
	for (const page of [desk, member]) await openBoard(page, seeded.boardId);
	await desk.getByRole('switch', { name: '演示' }).click();
	await expect(desk.getByTestId('presenting')).toBeVisible();
	await member.getByTestId('follow-bar').getByRole('switch', { name: '跟随' }).click();
	await openTab(desk, 'pledges');
	await expect(member.getByTestId('tab-pledges')).toHaveAttribute('data-state', 'active');
	await openTab(desk, 'commitments');
	await expect(member.getByTestId('tab-commitments')).toHaveAttribute('data-state', 'active');
	// A projector following the board page shows what it can: not the commitments, which it has not.
	await expect(observer.getByTestId('follow-bar')).toContainText('李敏 正在演示');
});

test('checking in works without JavaScript: sign in, press 签到, checked in', async ({
	app,
	browser,
	signedIn
}) => {
	const { seeded, server } = app;
	const meetings = connect(
		server.wsUrl,
		meetingsRoom(seeded.boardId),
		seeded.people.secretary.cookie
	);
	await meetings.synced;
	const title = `无脚本签到 ${Math.random().toString(36).slice(2, 6)}`;
	const meeting = addListItem(meetings.doc, MEETINGS, { title, date: todayIn() });
	await new Promise((r) => setTimeout(r, 200));

	// The secretary's projector, as the room sees it.
	const { page: screen } = await signedIn(seeded.people.secretary);
	await screen.goto(`/boards/${seeded.boardId}/projector?meeting=${meeting}`);
	const link = await readQrCode(screen);

	const context = await browser.newContext({
		baseURL: server.url,
		locale: 'zh-CN',
		javaScriptEnabled: false,
		viewport: { width: 375, height: 740 }
	});
	const phone = await context.newPage();
	await phone.goto(link);
	await phone.getByLabel('用户名').fill('t-schoolrep');
	await phone.getByLabel('密码').fill(PASSWORD);
	await phone.getByRole('button', { name: '登录' }).click();
	await expect(phone).toHaveURL(link);
	await expect(phone.getByTestId('check-in-unit')).toHaveText('幸福里小学');
	await phone.getByTestId('check-in').click();
	await expect(phone.getByTestId('checked-in')).toHaveText('已签到 ✓');
	await context.close();

	// Live in the meetings document: the school is present, with the person who checked in.
	await expect
		.poll(() =>
			readMeetings(meetings.doc).attendance.find(
				(a) => a.meetingId === meeting && a.unitId === seeded.units.school.id
			)
		)
		.toMatchObject({ status: 'present', who: '郑凯' });
	await expect(
		screen.locator('[data-testid=stage-attendance][data-unit="幸福里小学"]')
	).toHaveAttribute('data-status', 'present');
	meetings.destroy();
});

test('check-in only around the meeting: too early the phone is told when it opens, and after its day the projector has no code', async ({
	app,
	browser,
	signedIn
}) => {
	const { seeded, server } = app;
	const meetings = connect(
		server.wsUrl,
		meetingsRoom(seeded.boardId),
		seeded.people.secretary.cookie
	);
	await meetings.synced;
	const mark = Math.random().toString(36).slice(2, 6);
	const later = new Date(Date.now() + 16 * 24 * 3_600_000);
	const title = `年终联席会议 ${mark}`;
	const meeting = addListItem(meetings.doc, MEETINGS, {
		title,
		date: todayIn(undefined, later),
		time: '下午2:30–4:00',
		place: '社区党群服务中心'
	});
	const past = addListItem(meetings.doc, MEETINGS, {
		title: `上次会议 ${mark}`,
		date: '2026-01-15'
	});
	await new Promise((r) => setTimeout(r, 200));

	// The projector shows the code days ahead (it may be printed), and says when check-in opens.
	const { page: screen } = await signedIn(seeded.people.secretary);
	for (const [width, height] of [
		[1366, 768],
		[1920, 1080]
	] as const) {
		await screen.setViewportSize({ width, height });
		await screen.goto(`/boards/${seeded.boardId}/projector?meeting=${meeting}`);
		await expect(screen.getByTestId('check-in-opens')).toContainText('12:30 起可以签到');
		await screen.screenshot({ path: test.info().outputPath(`projector-early-${width}.png`) });
	}
	const link = await readQrCode(screen);

	// A representative scanning it now is told when, and offered no button: with JavaScript and without.
	for (const [javaScriptEnabled, width, height] of [
		[true, 375, 812],
		[false, 1366, 768]
	] as const) {
		const context = await browser.newContext({
			baseURL: server.url,
			locale: 'zh-CN',
			javaScriptEnabled,
			viewport: { width, height }
		});
		const [name, value] = seeded.people.hospitalRep.cookie.split('=') as [string, string];
		await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
		const phone = await context.newPage();
		await phone.goto(link);
		await expect(phone.getByTestId('check-in-meeting')).toHaveText(title);
		await expect(phone.getByTestId('check-in-refused')).toContainText(
			/签到尚未开始：.*12:30 起可以签到/
		);
		await expect(phone.getByTestId('check-in')).toHaveCount(0);
		await phone.screenshot({
			path: test.info().outputPath(`check-in-early-${width}.png`),
			fullPage: true
		});
		await context.close();
	}
	expect(readMeetings(meetings.doc).attendance.filter((a) => a.meetingId === meeting)).toEqual([]);

	// A meeting whose day is over has no code: the projector says check-in is over.
	await screen.setViewportSize({ width: 1366, height: 768 });
	await screen.goto(`/boards/${seeded.boardId}/projector?meeting=${past}`);
	await expect(screen.getByTestId('check-in-none')).toHaveText('这次会议的签到已结束。');
	await expect(screen.getByTestId('qr-code')).toHaveCount(0);
	await screen.screenshot({ path: test.info().outputPath('projector-over-1366.png') });
	// Found to be today after all: the code appears on the screen as it is, and is open.
	setField(meetings.doc, MEETINGS, past, 'date', todayIn());
	await expect(screen.getByTestId('qr-code')).toBeVisible();
	await expect(screen.getByTestId('check-in-none')).toHaveCount(0);
	await expect(screen.getByTestId('check-in-opens')).toHaveCount(0);
	await expect(screen.getByTestId('check-in-panel')).toContainText('有效至');
	meetings.destroy();
});

test('the check-in code reads from the back of the room: a third of the screen’s height at 1920×1080 and 1280×720, with every control on the screen', async ({
	browser
}) => {
	// A council of seven units, as the demo's: the attendance list is as long as a real one.
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		await withStore(seeded.database, async (db) => {
			for (const name of [
				'春晖派出所',
				'安居物业服务有限公司',
				'华信科技有限公司',
				'暖阳社会工作服务中心',
				'区税务局第二税务所'
			])
				await createUnit(db, seeded.councilId, { name, kind: 'other' });
		});
		const meetings = connect(
			server.wsUrl,
			meetingsRoom(seeded.boardId),
			seeded.people.secretary.cookie
		);
		await meetings.synced;
		const meeting = addListItem(meetings.doc, MEETINGS, {
			title: '2026年第四季度联席会议',
			date: todayIn(),
			time: inAnHour(),
			place: '社区党群服务中心二楼会议室',
			chair: '李敏'
		});
		for (const title of [
			'通报上季度项目落实情况',
			'审议本季度共驻共建项目清单',
			'各成员单位认领需求、提交资源',
			'确定下季度联席会议时间'
		])
			addListItem(meetings.doc, AGENDA, { meeting, title, presenter: '李敏' });
		await new Promise((r) => setTimeout(r, 300));
		meetings.destroy();

		const projector = await (
			await signedInContext(browser, server.url, seeded.people.secretary)
		).newPage();
		for (const size of [
			{ width: 1920, height: 1080 },
			{ width: 1280, height: 720 },
			{ width: 1366, height: 768 }
		]) {
			await projector.setViewportSize(size);
			await projector.goto(`/boards/${seeded.boardId}/projector?meeting=${meeting}`);
			await expect(projector.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
			await expect(projector.getByTestId('stage-attendance')).toHaveCount(7);
			await projector.screenshot({
				path: test.info().outputPath(`projector-check-in-${size.width}.png`)
			});

			const qr = await projector.getByTestId('qr-code').boundingBox();
			expect(
				Math.min(qr!.width, qr!.height),
				`the QR code at ${size.width}×${size.height}`
			).toBeGreaterThanOrEqual(size.height / 3);
			expect(qr!.y + qr!.height, 'the QR code is on the screen').toBeLessThanOrEqual(size.height);
			expect(await readQrCode(projector)).toMatch(/\/check-in\/[a-z2-7]{32}$/);

			// Every control, 更换签到码 too, without scrolling.
			const outside: string[] = [];
			for (const control of await projector.locator('button, a, select, input').all()) {
				if (!(await control.isVisible())) continue;
				const box = (await control.boundingBox())!;
				if (
					box.x < 0 ||
					box.y < 0 ||
					box.x + box.width > size.width ||
					box.y + box.height > size.height
				)
					outside.push(
						`${(await control.innerText()) || (await control.getAttribute('aria-label'))} at ${Math.round(box.x)},${Math.round(box.y)}`
					);
			}
			expect(outside, `controls off the ${size.width}×${size.height} screen`).toEqual([]);
			await expect(projector.getByTestId('new-code')).toBeInViewport({ ratio: 1 });
		}
	} finally {
		await own.stop();
	}
});
