// The board on a phone (375×812): every control a thumb uses is at least 44 × 44 px (Apple's and
// WCAG 2.5.5's size), measured from the boxes Chromium lays out; an open card keeps its title wide
// and its delete button away from the move buttons; the tab strip shows that it scrolls and brings
// the tab shown into view; the agreement panel leaves the lists on the first screen.
import type { Locator, Page } from '@playwright/test';
import { test, expect, openBoard, openTab, ownServer, signedInContext } from './fixtures.ts';
import { connect } from '../helpers/yclient.ts';
import { addItem } from '../../src/lib/board/ydoc/list.ts';
import { NEEDS, PLAN, PLEDGES } from '../../src/lib/board/model/lists/index.ts';
import { AGENDA, MEETINGS } from '../../src/lib/board/model/lists/meetings.ts';
import { meetingsRoom } from '../../src/lib/server/sync/rooms.ts';
import { withStore } from '../helpers/store.ts';
import { createUnit } from '../../src/lib/server/council/units.ts';

const PHONE = { width: 375, height: 812 };
const MIN = 44;

/** What a thumb taps inside `scope`, visible, with its box: a checkbox counts as the label that holds
 *  it (the label is what takes the tap), a text field by its height only (it is as wide as it may be). */
async function smallTargets(
	scope: Locator,
	targets = 'a, button, summary, select, input:not([type=hidden]), textarea, [role=tab]'
): Promise<string[]> {
	const small: string[] = [];
	let seen = 0;
	for (const element of await scope.locator(targets).all()) {
		if (!(await element.isVisible())) continue;
		const kind = await element.evaluate((e) =>
			e instanceof HTMLInputElement ? e.type : e.tagName.toLowerCase()
		);
		const held =
			kind === 'checkbox' || kind === 'radio' || kind === 'file'
				? element.locator('xpath=ancestor::label[1]')
				: null;
		const target = held && (await held.count()) ? held : element;
		const box = await target.boundingBox();
		if (!box || box.width <= 1) continue; // visually hidden (sr-only) and not held by a label: nothing to tap
		seen++;
		const textLike = kind === 'text' || kind === 'textarea' || kind === 'date' || kind === 'select';
		if (box.height < MIN || (!textLike && box.width < MIN)) {
			const name =
				(await element.getAttribute('aria-label')) ??
				(await element.innerText()).trim().slice(0, 20);
			small.push(`${kind} “${name}” ${Math.round(box.width)}×${Math.round(box.height)}`);
		}
	}
	if (seen === 0) throw new Error('nothing to tap here: the test looks in the wrong place');
	return small;
}

/** The board of a council of seven units (as the demo's), with a little of everything to tap. */
async function seedBoard(
	server: { wsUrl: string },
	seeded: Awaited<ReturnType<typeof ownServer>>['seeded']
) {
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
	const board = connect(server.wsUrl, seeded.room, seeded.people.secretary.cookie);
	const hospital = connect(
		server.wsUrl,
		seeded.units.hospital.room,
		seeded.people.hospitalRep.cookie
	);
	const meetings = connect(
		server.wsUrl,
		meetingsRoom(seeded.boardId),
		seeded.people.secretary.cookie
	);
	await Promise.all([board.synced, hospital.synced, meetings.synced]);
	const need = addItem(board.doc, NEEDS, {
		title: '独居老人定期探访，每周一次上门陪伴聊天',
		category: 'elderly'
	});
	addItem(board.doc, NEEDS, { title: '小区路灯维修', category: 'environment' });
	addItem(board.doc, PLAN, {
		title: '重阳节敬老义诊',
		lead: seeded.units.hospital.id,
		start: '2026-10-01',
		end: '2026-10-31',
		needs: [need]
	});
	addItem(hospital.doc, PLEDGES, {
		title: '义诊医生',
		kind: 'service',
		quantity: 4,
		measure: '名'
	});
	const meeting = addItem(meetings.doc, MEETINGS, {
		title: '第四季度联席会议',
		date: '2026-12-18'
	});
	addItem(meetings.doc, AGENDA, { meeting, title: '审议项目清单' });
	await new Promise((r) => setTimeout(r, 400));
	for (const client of [board, hospital, meetings]) client.destroy();
}

async function phonePage(
	browser: import('@playwright/test').Browser,
	url: string,
	person: Parameters<typeof signedInContext>[2]
): Promise<Page> {
	const context = await signedInContext(browser, url, person);
	const page = await context.newPage();
	await page.setViewportSize(PHONE);
	return page;
}

test('on a phone every control of the board is at least 44 × 44 px, open cards keep their title wide and 删除 apart, and the lists start on the first screen', async ({
	browser
}) => {
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		await seedBoard(server, seeded);
		const shots = test.info();

		for (const person of [seeded.people.hospitalRep, seeded.people.secretary]) {
			const page = await phonePage(browser, server.url, person);
			await openBoard(page, seeded.boardId);
			await expect(page.getByTestId('needs-item')).toHaveCount(2);
			await page.screenshot({ path: shots.outputPath(`board-375-${person.username}.png`) });

			// The agreement panel is short: the tabs and the first card are on the first screen.
			const agreement = await page.getByTestId('agreement').boundingBox();
			expect.soft(agreement!.height, 'the agreement panel on a phone').toBeLessThanOrEqual(200);
			const firstCard = await page.getByTestId('needs-item').first().boundingBox();
			expect
				.soft(firstCard!.y, 'the first card starts on the first screen')
				.toBeLessThan(PHONE.height - 100);

			expect.soft(await smallTargets(page.locator('header').first()), 'the app header').toEqual([]);
			expect
				.soft(
					await smallTargets(page.getByTestId('board-head')),
					'the board’s head: undo, redo, 投影'
				)
				.toEqual([]);
			expect
				.soft(
					await smallTargets(page.getByTestId('agreement')),
					'the agreement panel: 看板 动态 版本 导出, confirm'
				)
				.toEqual([]);
			expect.soft(await smallTargets(page.getByRole('tablist')), 'the tabs').toEqual([]);

			// An open card: its controls, its title as wide as the card, 删除 away from ↑ ↓.
			const card = page.getByTestId('needs-item').first();
			await card.getByTestId('item-toggle').click();
			expect.soft(await smallTargets(card), 'an open need').toEqual([]);
			const title = await card.getByLabel('需求', { exact: true }).boundingBox();
			const cardBox = await card.boundingBox();
			expect
				.soft(title!.width, 'the open card’s title keeps the card’s width')
				.toBeGreaterThan(cardBox!.width - 48);
			if (person === seeded.people.secretary) {
				const remove = await card.getByRole('button', { name: '删除' }).boundingBox();
				for (const name of ['上移', '下移']) {
					const move = await card.getByRole('button', { name }).boundingBox();
					const apart = Math.max(
						remove!.x - (move!.x + move!.width),
						move!.x - (remove!.x + remove!.width),
						remove!.y - (move!.y + move!.height),
						move!.y - (remove!.y + remove!.height)
					);
					expect
						.soft(apart, `删除 is at least a finger away from ${name}`)
						.toBeGreaterThanOrEqual(MIN);
				}
			}
			await card.screenshot({ path: shots.outputPath(`card-open-375-${person.username}.png`) });

			// A project's links to needs: the checkboxes' labels are the targets.
			await openTab(page, 'plan');
			const project = page.getByTestId('plan-item').first();
			await project.getByTestId('item-toggle').click();
			expect.soft(await smallTargets(project), 'an open project').toEqual([]);
			if (person === seeded.people.secretary) {
				await project.locator('summary').first().click();
				expect
					.soft(await smallTargets(project.locator('details[open]')), 'the needs a project answers')
					.toEqual([]);
				await page.screenshot({ path: shots.outputPath(`refs-375.png`) });
			}

			await openTab(page, 'pledges');
			const sheet = page.locator('[data-testid=sheet][data-unit="市第一人民医院"]');
			await sheet.getByTestId('pledges-item').first().getByTestId('item-toggle').click();
			expect.soft(await smallTargets(sheet), 'the hospital’s sheet').toEqual([]);

			await openTab(page, 'meetings');
			expect
				.soft(await smallTargets(page.getByTestId('meeting').first()), 'a meeting and its agenda')
				.toEqual([]);
			await page.screenshot({
				path: shots.outputPath(`meetings-375-${person.username}.png`),
				fullPage: true
			});

			// The dashboard's 数据表 toggles.
			await page.goto(`/boards/${seeded.boardId}/dashboard`);
			await expect(page.locator('summary').first()).toBeVisible();
			// Its links inside tables and lists are words in a sentence, which the size rule leaves alone.
			expect
				.soft(
					await smallTargets(
						page.locator('main'),
						'summary, [data-testid=council-dashboard-link], a:has-text("返回计划板")'
					),
					'the dashboard'
				)
				.toEqual([]);
			await page.screenshot({ path: shots.outputPath(`dashboard-375-${person.username}.png`) });
			await page.context().close();
		}
	} finally {
		await own.stop();
	}
});

test('on a phone the tab strip shows that it scrolls, and the tab a presenter shows scrolls into view', async ({
	browser
}) => {
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		const phone = await phonePage(browser, server.url, seeded.people.member);
		await openBoard(phone, seeded.boardId);
		const strip = phone.getByRole('tablist');
		expect(
			await strip.evaluate((e) => e.scrollWidth > e.clientWidth),
			'the tabs are wider than the phone'
		).toBe(true);
		// The edge fades where tabs are hidden, and the fade is where they are: on the right at first.
		await expect(phone.getByTestId('tabs-more-end')).toBeVisible();
		await expect(phone.getByTestId('tabs-more-start')).toBeHidden();
		await phone.screenshot({
			path: test.info().outputPath('tabs-375.png'),
			clip: { x: 0, y: 0, width: 375, height: 812 }
		});

		// A secretary presents the 会议 tab; the phone follows and shows that tab whole.
		const desk = await (
			await signedInContext(browser, server.url, seeded.people.secretary)
		).newPage();
		await desk.setViewportSize({ width: 1366, height: 768 });
		await openBoard(desk, seeded.boardId);
		await desk.getByRole('switch', { name: '演示' }).click();
		await phone.getByTestId('follow-bar').getByRole('switch', { name: '跟随' }).click();
		await openTab(desk, 'meetings');
		const meetingsTab = phone.getByTestId('tab-meetings');
		await expect(meetingsTab).toHaveAttribute('data-state', 'active');
		await expect
			.poll(
				async () => {
					const box = await meetingsTab.boundingBox();
					return box!.x >= 0 && box!.x + box!.width <= PHONE.width;
				},
				{ message: 'the 会议 tab is scrolled into view' }
			)
			.toBe(true);
		await expect(phone.getByTestId('tabs-more-end')).toBeHidden();
		await expect(phone.getByTestId('tabs-more-start')).toBeVisible();
		await phone.screenshot({
			path: test.info().outputPath('tabs-meetings-375.png'),
			clip: { x: 0, y: 0, width: 375, height: 812 }
		});
		for (const size of [
			{ width: 1366, height: 768 },
			{ width: 1920, height: 1080 }
		]) {
			await desk.setViewportSize(size);
			await openTab(desk, 'needs');
			await expect(desk.getByTestId('tabs-more-end')).toBeHidden(); // nothing hidden, no fade
			await desk.screenshot({ path: test.info().outputPath(`board-${size.width}.png`) });
		}
	} finally {
		await own.stop();
	}
});
