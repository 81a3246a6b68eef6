import {
	test,
	expect,
	addItem,
	openBoard,
	openTab,
	ownServer,
	signedInContext
} from './fixtures.ts';

test('each unit pledges in its own sheet and claims a need; everyone sees it live, and the matching view follows', async ({
	app,
	signedIn
}) => {
	const { seeded } = app;
	const secretary = (await signedIn(seeded.people.secretary)).page;
	const hospital = (await signedIn(seeded.people.hospitalRep)).page;
	const school = (await signedIn(seeded.people.schoolRep)).page;
	for (const page of [secretary, hospital, school]) await openBoard(page, seeded.boardId);

	// The secretary records a need.
	await openTab(secretary, 'needs');
	await addItem(secretary, secretary.getByTestId('add-needs'), '独居老人定期探访');
	await expect(secretary.getByTestId('needs-item').last().getByTestId('not-claimed')).toBeVisible();

	// All three type into the need's details at the same moment: the text merges by character, the
	// same on every screen, and nobody's keystrokes are lost.
	for (const page of [hospital, school]) await openTab(page, 'needs');
	const details = (page: typeof secretary) =>
		page.getByTestId('needs-item').last().getByLabel('详细说明');
	await Promise.all(
		(
			[
				[secretary, '甲'],
				[hospital, '乙'],
				[school, '丙']
			] as const
		).map(async ([page, mark]) => {
			await details(page).click();
			await details(page).pressSequentially(mark.repeat(4), { delay: 30 });
		})
	);
	await expect(details(secretary)).toHaveValue(/^[甲乙丙]{12}$/);
	const merged = await details(secretary).inputValue();
	for (const mark of '甲乙丙') expect(merged.split(mark).length - 1).toBe(4);
	for (const page of [secretary, hospital, school]) await expect(details(page)).toHaveValue(merged);

	// Each representative pledges a resource in its own unit's sheet.
	for (const [page, unit, title] of [
		[hospital, '市第一人民医院', '义诊医生 4 名'],
		[school, '幸福里小学', '周末开放礼堂']
	] as const) {
		await openTab(page, 'pledges');
		const sheet = page.locator(`[data-testid=sheet][data-unit="${unit}"]`);
		await addItem(page, sheet.getByTestId('add-pledges'), title);
		await sheet.getByTestId('pledges-item').last().getByLabel('数量').fill('4');
		await sheet.getByTestId('pledges-item').last().getByLabel('数量').press('Tab');
	}
	await openTab(secretary, 'pledges');
	await expect(
		secretary
			.locator('[data-testid=sheet][data-unit="市第一人民医院"]')
			.getByTestId('pledges-item')
			.getByLabel('资源')
	).toHaveValue('义诊医生 4 名');
	await expect(
		secretary
			.locator('[data-testid=sheet][data-unit="幸福里小学"]')
			.getByTestId('pledges-item')
			.getByLabel('资源')
	).toHaveValue('周末开放礼堂');

	// A representative cannot edit the other unit's pledge: it is shown as text, with no controls.
	const foreign = hospital.locator('[data-testid=sheet][data-unit="幸福里小学"]');
	await expect(foreign.getByTestId('pledges-item').getByTestId('item-title')).toHaveText(
		'周末开放礼堂'
	);
	await expect(foreign.getByTestId('pledges-item').locator('input, select, textarea')).toHaveCount(
		0
	);
	await expect(foreign.getByTestId('add-pledges')).toHaveCount(0);

	// A bad number is kept as typed, with a message beside it.
	const own = hospital
		.locator('[data-testid=sheet][data-unit="市第一人民医院"]')
		.getByTestId('pledges-item')
		.last();
	await own.getByLabel('数量').fill('四个');
	await own.getByLabel('数量').press('Tab');
	await expect(own.getByRole('alert')).toHaveText('请输入数字');
	await expect(own.getByLabel('数量')).toHaveValue('四个');

	// The hospital claims the need; everyone sees who claimed it, and the matching view shows it claimed.
	await openTab(hospital, 'needs');
	await hospital.getByTestId('needs-item').last().getByTestId('claim').click();
	for (const page of [secretary, school]) {
		await openTab(page, 'needs');
		await expect(page.getByTestId('needs-item').last().getByTestId('claimed-by')).toHaveText(
			'认领单位：市第一人民医院'
		);
		await openTab(page, 'matching');
		const row = page.locator('[data-testid=match-row][data-need="独居老人定期探访"]');
		await expect(row).toContainText('已认领');
		await expect(row.getByTestId('match-claims')).toHaveText('市第一人民医院');
	}

	// Undo takes back only this person's own last change: the claim, not the school's pledge.
	await hospital.getByTestId('undo').click();
	await openTab(secretary, 'needs');
	await expect(secretary.getByTestId('needs-item').last().getByTestId('not-claimed')).toBeVisible();
	await openTab(secretary, 'pledges');
	await expect(
		secretary.locator('[data-testid=sheet][data-unit="幸福里小学"]').getByTestId('pledges-item')
	).toHaveCount(1);
	await hospital.getByTestId('redo').click();
	await openTab(secretary, 'needs');
	await expect(secretary.getByTestId('needs-item').last().getByTestId('claimed-by')).toHaveText(
		'认领单位：市第一人民医院'
	);
});

test('on a phone, cards start folded to one line each and open with a tap; a new one opens ready to type', async ({
	app,
	signedIn
}) => {
	const { seeded } = app;
	const { page } = await signedIn(seeded.people.schoolRep);
	await page.setViewportSize({ width: 375, height: 812 });
	await openBoard(page, seeded.boardId);
	await openTab(page, 'pledges');
	const sheet = page.locator('[data-testid=sheet][data-unit="幸福里小学"]');
	await addItem(page, sheet.getByTestId('add-pledges'), '图书室周末开放');
	const card = sheet.getByTestId('pledges-item').last();
	await card.getByLabel('类型').selectOption({ label: '场地' });

	await card.getByTestId('item-toggle').click();
	await expect(card.getByLabel('类型')).toBeHidden();
	await expect(card.getByTestId('item-folded-title')).toHaveText('图书室周末开放');
	await expect(card).toContainText('场地 · 拟提供');
	await expect(card.getByTestId('item-toggle')).toHaveAttribute('aria-expanded', 'false');

	await card.getByTestId('item-toggle').click();
	await expect(card.getByLabel('类型')).toBeVisible();
	// Nothing on the page is wider than the screen.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

	// Opened again, every card is folded.
	await page.reload();
	await openTab(page, 'pledges');
	await expect(card.getByTestId('item-folded-title')).toHaveText('图书室周末开放');
	await expect(card.getByTestId('item-toggle')).toHaveAttribute('aria-expanded', 'false');
	await expect(card.getByLabel('类型')).toBeHidden();
});

test('a need claimed by a unit shows one state everywhere: its status choice, the card, the phone summary, the dashboard', async ({
	browser
}) => {
	// Needs are added and counted: a server of its own keeps the other tests' figures as they were.
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		const secretary = await (
			await signedInContext(browser, server.url, seeded.people.secretary)
		).newPage();
		const hospital = await (
			await signedInContext(browser, server.url, seeded.people.hospitalRep)
		).newPage();
		const observer = await (
			await signedInContext(browser, server.url, seeded.people.observer)
		).newPage();
		for (const page of [secretary, hospital, observer]) {
			await openBoard(page, seeded.boardId);
			await openTab(page, 'needs');
		}
		await addItem(secretary, secretary.getByTestId('add-needs'), '独居老人定期探访');
		const card = (page: typeof secretary) =>
			page.getByTestId('needs-item').filter({ hasText: '独居老人定期探访' });
		await expect(card(secretary).getByLabel('状态')).toHaveValue('open');

		// The hospital claims it.
		await card(hospital).getByTestId('claim').click();
		await expect(card(secretary).getByTestId('claimed-by')).toHaveText('认领单位：市第一人民医院');
		// The choice says what the card says: 已认领, and why 待认领 cannot be picked while it is claimed.
		const status = card(secretary).getByLabel('状态');
		await expect(status).toHaveValue('claimed');
		await expect(status.locator('option:checked')).toHaveText('已认领');
		await expect(status.locator('option[value=open]')).toBeDisabled();
		await expect(card(secretary).getByTestId('status-shown')).toContainText('已有单位认领');
		await expect(card(secretary)).toHaveClass(/border-l-amber-400/);
		// Read-only, the same word.
		await expect(card(observer).getByText('已认领', { exact: true })).toBeVisible();
		await expect(card(observer).getByText('待认领', { exact: true })).toHaveCount(0);
		// The dashboard counts it claimed.
		const figures = await (
			await secretary.request.get(`/api/boards/${seeded.boardId}/dashboard`)
		).json();
		expect(figures.needs.byState).toMatchObject({ open: 0, claimed: 1 });
		await secretary.setViewportSize({ width: 1366, height: 768 });
		await card(secretary).scrollIntoViewIfNeeded();
		await secretary.screenshot({ path: test.info().outputPath('claimed-need-1366.png') });

		// On a phone the folded card's line says it too.
		await hospital.setViewportSize({ width: 375, height: 812 });
		await expect(card(hospital).getByTestId('item-folded-title')).toBeVisible();
		await expect(card(hospital).locator('.sm\\:hidden').first()).toContainText('已认领');
		await card(hospital).scrollIntoViewIfNeeded();
		await hospital.screenshot({ path: test.info().outputPath('claimed-need-375.png') });
		await card(hospital).getByTestId('item-toggle').click();
		await expect(card(hospital).getByLabel('状态')).toHaveValue('claimed');

		// Withdrawn, it is 待认领 again everywhere; a status picked by hand stands.
		await card(hospital).getByTestId('claim').click();
		await expect(status).toHaveValue('open');
		await expect(card(secretary).getByTestId('status-shown')).toHaveCount(0);
		await status.selectOption('active');
		await expect(card(observer).getByText('进行中', { exact: true })).toBeVisible();
	} finally {
		await own.stop();
	}
});
