import { test, expect, addItem, openBoard, openTab } from './fixtures.ts';

test('two people plan together, live, and the plan survives a reload', async ({
	app,
	signedIn
}) => {
	const { seeded } = app;
	const secretary = (await signedIn(seeded.people.secretary)).page;
	const member = (await signedIn(seeded.people.member)).page;
	await openBoard(secretary, seeded.boardId);
	await openBoard(member, seeded.boardId);
	for (const page of [secretary, member]) await openTab(page, 'plan');

	// Each sees the other here.
	await expect(secretary.getByTestId('presence').locator('[data-name="王建国"]')).toBeVisible();
	await expect(member.getByTestId('presence').locator('[data-name="李敏"]')).toBeVisible();

	// The secretary adds an activity and names it; the member sees it within a second.
	await secretary.getByRole('button', { name: '新增项目' }).click();
	await expect(secretary.getByRole('alert').filter({ hasText: '此项必填' })).toBeVisible();
	await expect(secretary.getByTestId('plan-item').last().getByLabel('项目名称')).toBeFocused();
	await secretary.keyboard.type('重阳节敬老义诊');
	const memberItems = member.getByTestId('plan-item');
	await expect(memberItems).toHaveCount(1, { timeout: 1_000 });
	await expect(memberItems.first().getByLabel('项目名称')).toHaveValue('重阳节敬老义诊', {
		timeout: 1_000
	});
	await expect(member.getByRole('alert').filter({ hasText: '此项必填' })).toHaveCount(0);

	// The member fills in the lead unit, place, dates and status; the secretary sees each.
	const item = memberItems.first();
	await item.getByLabel('牵头单位').selectOption({ label: '市第一人民医院' });
	await item.getByLabel('地点').fill('幸福里社区党群服务中心');
	await item.getByLabel('开始日期').fill('2026-10-29');
	await item.getByLabel('结束日期').fill('2026-10-28');
	await expect(item.getByRole('alert')).toHaveText('结束日期不能早于开始日期');
	await item.getByLabel('结束日期').fill('2026-10-30');
	await item.getByLabel('状态').selectOption({ label: '进行中' });
	const seen = secretary.getByTestId('plan-item').first();
	await expect(seen.getByLabel('牵头单位').locator('option:checked')).toHaveText('市第一人民医院', {
		timeout: 1_000
	});
	await expect(seen.getByLabel('地点')).toHaveValue('幸福里社区党群服务中心');
	await expect(seen.getByLabel('开始日期')).toHaveValue('2026-10-29');
	await expect(seen.getByLabel('结束日期')).toHaveValue('2026-10-30');
	await expect(seen.getByLabel('状态')).toHaveValue('active');

	// While the member is in a field, the secretary sees it marked with the member's name.
	await item.getByLabel('地点').focus();
	await expect(seen.getByTestId('editing-badge')).toHaveText('王建国 正在编辑');

	// Both type into the same title at once; the text merges by character on both sides.
	const secretaryTitle = seen.getByLabel('项目名称');
	await secretaryTitle.press('End');
	await secretaryTitle.pressSequentially('活动');
	const memberTitle = item.getByLabel('项目名称');
	await memberTitle.press('Home');
	await memberTitle.pressSequentially('2026年');
	for (const page of [secretary, member]) {
		await expect(page.getByTestId('plan-item').first().getByLabel('项目名称')).toHaveValue(
			'2026年重阳节敬老义诊活动'
		);
	}

	// A second activity, moved above the first; the member sees the new order.
	await addItem(secretary, secretary.getByRole('button', { name: '新增项目' }), '反诈宣传进楼栋');
	await secretary.getByTestId('plan-item').nth(1).getByRole('button', { name: '上移' }).click();
	await expect(member.getByTestId('plan-item').first().getByLabel('项目名称')).toHaveValue(
		'反诈宣传进楼栋'
	);

	// A reload keeps everything.
	await member.reload();
	await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
	await openTab(member, 'plan');
	await expect(member.getByTestId('plan-item')).toHaveCount(2);
	await expect(member.getByTestId('plan-item').nth(1).getByLabel('项目名称')).toHaveValue(
		'2026年重阳节敬老义诊活动'
	);
	await expect(
		member.getByTestId('plan-item').nth(1).getByLabel('牵头单位').locator('option:checked')
	).toHaveText('市第一人民医院');

	// Deleting asks first, then removes it for everyone.
	await member.getByTestId('plan-item').first().getByRole('button', { name: '删除' }).click();
	const dialog = member.getByRole('alertdialog');
	await expect(dialog).toContainText('反诈宣传进楼栋');
	await dialog.getByRole('button', { name: '删除' }).click();
	await expect(secretary.getByTestId('plan-item')).toHaveCount(1);
});

test('an observer sees the board live but cannot edit it', async ({ app, signedIn }) => {
	const { seeded } = app;
	const secretary = (await signedIn(seeded.people.secretary)).page;
	const observer = (await signedIn(seeded.people.observer)).page;
	await openBoard(secretary, seeded.boardId);
	await openBoard(observer, seeded.boardId);
	for (const page of [secretary, observer]) await openTab(page, 'plan');

	await expect(observer.getByTestId('read-only')).toHaveText(
		'只读：你可以查看，但不能编辑此计划板'
	);
	await expect(observer.getByRole('button', { name: '新增项目' })).toHaveCount(0);

	await addItem(secretary, secretary.getByRole('button', { name: '新增项目' }), '观察员可见的项目');
	const added = secretary.getByTestId('plan-item').last();
	await added.getByLabel('开始日期').fill('2026-12-01');
	await added.getByLabel('状态').selectOption('active');

	// The observer sees it live, as text, with dates in the reader's format, and nothing to edit.
	const item = observer.getByTestId('plan-item').last();
	await expect(item.getByTestId('item-title')).toHaveText('观察员可见的项目');
	await expect(item).toContainText('2026年12月1日');
	await expect(item).toContainText('进行中');
	await expect(item.locator('input, select')).toHaveCount(0);
	await expect(item.getByRole('button')).toHaveCount(0);
});

test('the connection indicator shows offline, keeps unsynced changes and sends them on reconnect', async ({
	app,
	signedIn
}) => {
	const { seeded } = app;
	const { context, page } = await signedIn(seeded.people.member2);
	const other = (await signedIn(seeded.people.secretary)).page;
	await openBoard(page, seeded.boardId);
	await openBoard(other, seeded.boardId);
	for (const p of [page, other]) await openTab(p, 'plan');

	await context.setOffline(true);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'offline');
	await addItem(page, page.getByRole('button', { name: '新增项目' }), '离线时添加');
	await expect(page.getByTestId('connection')).toContainText('处更改待同步');

	await context.setOffline(false);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected', {
		timeout: 15_000
	});
	await expect(page.getByTestId('connection')).not.toContainText('待同步');
	await expect(other.getByTestId('plan-item').last().getByLabel('项目名称')).toHaveValue(
		'离线时添加'
	);
});

test('a board opened before opens again without a connection, keeps what was typed offline, and sends it later', async ({
	app,
	signedIn
}) => {
	const { seeded } = app;
	const { context, page } = await signedIn(seeded.people.member2);
	const other = (await signedIn(seeded.people.secretary)).page;
	await openBoard(page, seeded.boardId);
	await openBoard(other, seeded.boardId);
	// The app's files are kept once the service worker is active, the page once it has been shown.
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await expect
		.poll(() =>
			page.evaluate(() =>
				caches.keys().then((keys) => keys.some((key) => key.startsWith('gongjian-pages:')))
			)
		)
		.toBe(true);

	await openTab(other, 'plan');
	const planned = await other.getByTestId('plan-item').count();

	await context.setOffline(true);
	await openTab(page, 'plan');
	await addItem(page, page.getByRole('button', { name: '新增项目' }), '断网后重新打开仍在');
	await expect(page.getByTestId('connection')).toContainText('处更改待同步');

	// IndexedDB writes each change within milliseconds; a person does not reload faster than that, a
	// test does.
	await page.waitForTimeout(500);
	// Reloading without a connection: the page and the board come from this browser.
	await page.reload();
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'offline');
	await expect(page.getByTestId('connection')).toContainText('处更改待同步');
	await openTab(page, 'plan');
	await expect(page.getByTestId('plan-item').last().getByLabel('项目名称')).toHaveValue(
		'断网后重新打开仍在'
	);
	await expect(other.getByTestId('plan-item')).toHaveCount(planned);

	await context.setOffline(false);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected', {
		timeout: 15_000
	});
	await expect(page.getByTestId('connection')).not.toContainText('待同步');
	await expect(other.getByTestId('plan-item')).toHaveCount(planned + 1);
	await expect(other.getByTestId('plan-item').last().getByLabel('项目名称')).toHaveValue(
		'断网后重新打开仍在'
	);
});

test('signing out forgets the boards kept in this browser', async ({ app, signedIn }) => {
	const { seeded } = app;
	const { page } = await signedIn(seeded.people.member2);
	await openBoard(page, seeded.boardId);
	const kept = () =>
		page.evaluate(
			async () =>
				(await indexedDB.databases()).filter((db) => db.name?.startsWith('gongjian:')).length
		);
	await expect.poll(kept).toBeGreaterThan(0);
	await expect
		.poll(() =>
			page.evaluate(() =>
				caches.keys().then((keys) => keys.some((key) => key.startsWith('gongjian-pages:')))
			)
		)
		.toBe(true);

	await page.getByRole('button', { name: '退出' }).click();
	await expect(page).toHaveURL(/\/login/);
	await expect.poll(kept).toBe(0);
	expect(
		await page.evaluate(() =>
			caches.keys().then((keys) => keys.some((key) => key.startsWith('gongjian-pages:')))
		)
	).toBe(false);
});
