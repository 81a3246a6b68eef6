import { test, expect, openBoard, openTab, ownServer, signedInContext } from './fixtures.ts';

test('units confirm, the secretary agrees the plan with a reason for the missing one; the board locks for everyone, live', async ({
	browser
}) => {
	// Agreeing locks the board: this test has a server of its own, so the others keep an open one.
	const own = await ownServer();
	try {
		const { seeded } = own;
		const open = async (person: (typeof seeded.people)[keyof typeof seeded.people]) =>
			(await signedInContext(browser, own.server.url, person)).newPage();
		const secretary = await open(seeded.people.secretary);
		const hospital = await open(seeded.people.hospitalRep);
		const member = await open(seeded.people.member);
		for (const page of [secretary, hospital, member]) await openBoard(page, seeded.boardId);
		await expect(secretary.getByTestId('board-status')).toHaveAttribute('data-status', 'draft');

		// The hospital's representative confirms its sheet.
		await hospital.getByTestId('confirm-sheet').click();
		await expect(
			hospital.locator('[data-testid=confirmation][data-unit="市第一人民医院"]')
		).toHaveAttribute('data-confirmed', 'true');

		await secretary.getByTestId('status-meeting').click();
		await expect(secretary.getByTestId('board-status')).toHaveAttribute('data-status', 'meeting');
		await expect(
			secretary.locator('[data-testid=confirmation][data-unit="市第一人民医院"]')
		).toHaveAttribute('data-confirmed', 'true');
		await expect(
			secretary.locator('[data-testid=confirmation][data-unit="幸福里小学"]')
		).toHaveAttribute('data-confirmed', 'false');

		// Agreeing while the school has not confirmed asks for the reason.
		await secretary.getByTestId('status-agreed').click();
		await expect(secretary.getByRole('alert')).toHaveText('有单位尚未确认，请填写原因后再审议通过');
		await expect(secretary.getByTestId('board-status')).toHaveAttribute('data-status', 'meeting');
		await secretary.getByLabel(/尚未确认：幸福里小学/).fill('学校代表请假，会后补确认');
		await secretary.getByTestId('status-agreed').click();
		await expect(secretary.getByTestId('board-status')).toHaveAttribute('data-status', 'agreed');

		// Everyone's board turns read-only without a reload: no fields, no add buttons.
		for (const page of [secretary, member, hospital]) {
			await openTab(page, 'needs');
			await expect(page.getByTestId('board-status')).toHaveAttribute('data-status', 'agreed');
			await expect(page.getByTestId('add-needs')).toHaveCount(0);
			await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
		}
		await expect(hospital.getByTestId('confirm-sheet')).toHaveCount(0);

		// The agreed version is listed.
		await secretary.goto(`/boards/${seeded.boardId}/versions`);
		await expect(secretary.getByTestId('version').first()).toContainText('审议通过');
	} finally {
		await own.stop();
	}
});
