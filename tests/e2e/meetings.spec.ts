import { test, expect, openBoard, openTab } from './fixtures.ts';

test('the secretary records a meeting as it goes; a representative sees it live, read only, and the minutes download', async ({
	app,
	signedIn
}) => {
	const { seeded } = app;
	const secretary = (await signedIn(seeded.people.secretary)).page;
	const hospital = (await signedIn(seeded.people.hospitalRep)).page;
	for (const page of [secretary, hospital]) {
		await openBoard(page, seeded.boardId);
		await openTab(page, 'meetings');
	}
	await expect(hospital.getByTestId('add-meeting')).toHaveCount(0);

	await secretary.getByTestId('add-meeting').click();
	const meeting = secretary.getByTestId('meeting');
	await expect(meeting.getByLabel('会议名称')).toHaveValue('2026年第四季度联席会议');
	await meeting.getByLabel('地点').fill('社区党群服务中心二楼会议室');
	await meeting.getByLabel('市第一人民医院出席情况').selectOption('present');
	await meeting.getByLabel('市第一人民医院出席人').fill('孙倩');
	await meeting.getByLabel('市第一人民医院出席人').press('Tab');
	await meeting.getByLabel('幸福里小学出席情况').selectOption('leave');
	await meeting.getByLabel('幸福里小学请假原因').fill('外出培训');
	await meeting.getByLabel('幸福里小学请假原因').press('Tab');
	await meeting.getByTestId('add-decision').click();
	await expect
		.poll(() => secretary.evaluate(() => document.activeElement?.id ?? ''))
		.toMatch(/^decisions-.*-content$/);
	await secretary.keyboard.type('由市第一人民医院每月开展一次义诊。');

	// The representative sees each of these arrive, as text.
	const seen = hospital.getByTestId('meeting');
	await expect(
		seen.getByTestId('attendance-row').and(hospital.locator('[data-unit="市第一人民医院"]'))
	).toContainText('出席 · 孙倩');
	await expect(
		seen.getByTestId('attendance-row').and(hospital.locator('[data-unit="幸福里小学"]'))
	).toContainText('请假 · 外出培训');
	await expect(seen.getByTestId('decisions')).toContainText('由市第一人民医院每月开展一次义诊。');
	await expect(seen.getByText('社区党群服务中心二楼会议室')).toBeVisible();
	await expect(seen.locator('input, select, textarea')).toHaveCount(0);
	// (other tests of this worker may have added units)
	await expect(seen).toContainText(/出席 1 家、请假 1 家（共 \d+ 家成员单位）；议定事项 1 项/);
	await secretary.screenshot({ path: test.info().outputPath('meeting.png'), fullPage: true });

	// The minutes come as a Word file named after the meeting.
	const [download] = await Promise.all([
		hospital.waitForEvent('download'),
		seen.getByTestId('download-minutes').click()
	]);
	expect(download.suggestedFilename()).toBe('幸福里社区党建联席会2026年第四季度联席会议纪要.docx');
});
