// An edit made offline just before the plan is agreed cannot be saved any more: the person is told,
// in words, with what they typed, when they come back online and after a reload too.
import type { Page } from '@playwright/test';
import {
	test,
	expect,
	openBoard,
	openTab,
	addItem,
	ownServer,
	signedInContext
} from './fixtures.ts';
import { postAction } from '../helpers/actions.ts';

const HOSPITAL = '[data-testid=sheet][data-unit="市第一人民医院"]';

async function agree(url: string, boardId: string, cookie: string) {
	const steps: Record<string, string>[] = [
		{ to: 'meeting' },
		{ to: 'agreed', reason: '会上口头确认' }
	];
	for (const fields of steps) {
		expect(await postAction(url, `/boards/${boardId}?/status`, cookie, fields)).toMatchObject({
			type: 'success'
		});
	}
}

async function pledgeOffline(page: Page, title: string) {
	await openTab(page, 'pledges');
	await page.context().setOffline(true);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'offline');
	await addItem(page, page.locator(HOSPITAL).getByTestId('add-pledges'), title);
	await expect(page.getByTestId('connection')).toContainText('处更改待同步');
	// IndexedDB writes each change within moments; a test is faster than a person.
	await page.waitForTimeout(600);
}

test('an offline edit refused because the plan was agreed meanwhile is shown with what was typed, also after a reload', async ({
	browser
}) => {
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		const context = await signedInContext(browser, server.url, seeded.people.hospitalRep);
		const page = await context.newPage();
		await openBoard(page, seeded.boardId);
		await pledgeOffline(page, '周末义诊医生 6 名');

		await agree(server.url, seeded.boardId, seeded.people.secretary.cookie);
		await context.setOffline(false);

		const unsaved = page.getByTestId('unsaved');
		await expect(unsaved).toBeVisible({ timeout: 15_000 });
		await expect(unsaved).toContainText('1 处更改没有保存');
		await expect(unsaved.getByTestId('unsaved-change')).toContainText(
			'资源清单 · 周末义诊医生 6 名'
		);
		await expect(unsaved.getByLabel('资源')).toHaveValue('周末义诊医生 6 名');
		await expect(unsaved.getByTestId('unsaved-change')).toContainText('计划已议定锁定');
		// The board shows what it is now: agreed, nothing waiting, the pledge not there.
		await expect(page.getByTestId('board-status')).toHaveAttribute('data-status', 'agreed');
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
		await expect(page.getByTestId('connection')).not.toContainText('待同步');
		await expect(page.locator(HOSPITAL).getByTestId('pledges-item')).toHaveCount(0);

		await page.reload();
		await expect(page.getByTestId('unsaved-change')).toContainText('周末义诊医生 6 名');
		await page.getByTestId('unsaved-dismiss').click();
		await expect(page.getByTestId('unsaved')).toHaveCount(0);
		await page.reload();
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
		await expect(page.getByTestId('unsaved')).toHaveCount(0);
	} finally {
		await own.stop();
	}
});

test('an offline edit still in a closed page is shown when the board is opened again after it was agreed', async ({
	browser
}) => {
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		const context = await signedInContext(browser, server.url, seeded.people.hospitalRep);
		const page = await context.newPage();
		await openBoard(page, seeded.boardId);
		await pledgeOffline(page, '健康讲座 2 场');
		await page.close();

		await agree(server.url, seeded.boardId, seeded.people.secretary.cookie);
		await context.setOffline(false);
		const again = await context.newPage();
		await again.setViewportSize({ width: 375, height: 812 });
		await openBoard(again, seeded.boardId);
		await expect(again.getByTestId('board-status')).toHaveAttribute('data-status', 'agreed');
		await expect(again.getByTestId('unsaved-change')).toContainText('健康讲座 2 场');
		await again.screenshot({ path: 'test-results/unsaved-375.png', fullPage: false });
	} finally {
		await own.stop();
	}
});

test('a page offline while the board moved on (still writable) shows the new status when back, and its edit is saved', async ({
	browser
}) => {
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		const context = await signedInContext(browser, server.url, seeded.people.hospitalRep);
		const page = await context.newPage();
		await openBoard(page, seeded.boardId);
		await expect(page.getByTestId('board-status')).toHaveAttribute('data-status', 'draft');
		await pledgeOffline(page, '志愿者 8 名');

		expect(
			await postAction(
				server.url,
				`/boards/${seeded.boardId}?/status`,
				seeded.people.secretary.cookie,
				{ to: 'meeting' }
			)
		).toMatchObject({ type: 'success' });
		await context.setOffline(false);

		// Told by the server when it connects, not by a poll: the page reloads what it shows.
		await expect(page.getByTestId('board-status')).toHaveAttribute('data-status', 'meeting', {
			timeout: 15_000
		});
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
		await expect(page.getByTestId('connection')).not.toContainText('待同步');
		await expect(page.getByTestId('unsaved')).toHaveCount(0);
		await page.reload();
		await openTab(page, 'pledges');
		await expect(page.locator(HOSPITAL).getByTestId('pledges-item')).toHaveCount(1);
	} finally {
		await own.stop();
	}
});
