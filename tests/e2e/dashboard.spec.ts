import { readFileSync } from 'node:fs';
import readXlsxFile from 'read-excel-file/node';
import { test, expect, openBoard, ownServer, signedInContext } from './fixtures.ts';
import { connect } from '../helpers/yclient.ts';
import { addItem } from '../../src/lib/board/ydoc/list.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../../src/lib/board/model/lists/index.ts';
import { claim } from '../../src/lib/board/ydoc/claims.ts';
import { setAttendance } from '../../src/lib/board/ydoc/meetings.ts';
import { MEETINGS } from '../../src/lib/board/model/lists/meetings.ts';
import { meetingsRoom } from '../../src/lib/server/sync/rooms.ts';

test('the board dashboard shows the figures, the charts and their numbers, at desktop width and at 375 px; the council dashboard and the scorecard with its Excel file', async ({
	browser
}) => {
	// A server of its own, so that the figures are those of this test alone.
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		const { people, units } = seeded;
		const board = connect(server.wsUrl, seeded.room, people.member.cookie);
		const hospital = connect(server.wsUrl, units.hospital.room, people.hospitalRep.cookie);
		const school = connect(server.wsUrl, units.school.room, people.schoolRep.cookie);
		const meetings = connect(server.wsUrl, meetingsRoom(seeded.boardId), people.secretary.cookie);
		await Promise.all([board.synced, hospital.synced, school.synced, meetings.synced]);
		addItem(board.doc, NEEDS, { title: '独居老人助浴', category: 'elderly' });
		const tutoring = addItem(board.doc, NEEDS, { title: '课后托管', category: 'education' });
		addItem(board.doc, NEEDS, { title: '楼道照明', category: 'environment', status: 'done' });
		claim(school.doc, { kind: 'need', id: tutoring }, people.schoolRep.displayName);
		addItem(board.doc, PLAN, {
			title: '敬老义诊',
			lead: units.hospital.id,
			end: '2020-03-01',
			status: 'active'
		});
		addItem(board.doc, PLAN, { title: '安全课堂', lead: units.school.id, end: '2999-01-01' });
		addItem(hospital.doc, PLEDGES, { title: '义诊医生', kind: 'service', state: 'delivered' });
		addItem(hospital.doc, PLEDGES, { title: '会议室', kind: 'venue' });
		addItem(school.doc, PLEDGES, { title: '操场', kind: 'venue', state: 'delivered' });
		addItem(hospital.doc, COMMITMENTS, {
			content: '每月开展一次义诊',
			responsible: '孙倩',
			due: '2020-01-15',
			status: 'in_progress'
		});
		addItem(hospital.doc, COMMITMENTS, {
			content: '建立健康档案',
			due: '2020-01-10',
			status: 'done',
			doneOn: '2020-01-09'
		});
		addItem(school.doc, COMMITMENTS, { content: '开放操场', due: '2999-01-01' });
		const meeting = addItem(meetings.doc, MEETINGS, { title: '联席会议', date: '2020-06-01' });
		setAttendance(meetings.doc, meeting, units.hospital.id, { status: 'present', who: '孙倩' });
		setAttendance(meetings.doc, meeting, units.school.id, { status: 'leave', reason: '外出培训' });
		await new Promise((r) => setTimeout(r, 500));
		for (const client of [board, hospital, school, meetings]) client.destroy();

		const context = await signedInContext(browser, server.url, people.secretary);
		const page = await context.newPage();
		await page.setViewportSize({ width: 1280, height: 900 });
		await openBoard(page, seeded.boardId);
		await page.getByRole('link', { name: '看板', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('看板 · 共驻共建项目计划');

		// The headline figures.
		await expect(page.getByTestId('kpi-needs-value')).toHaveText('3');
		await expect(page.getByTestId('kpi-needs-detail')).toHaveText('待认领 1 · 已认领 1 · 已解决 1');
		await expect(page.getByTestId('kpi-projects')).toHaveAttribute('data-danger', 'true');
		await expect(page.getByTestId('kpi-projects-detail')).toHaveText('已完成 0 · 逾期 1');
		await expect(page.getByTestId('kpi-pledges-value')).toHaveText('2/3');
		await expect(page.getByTestId('kpi-commitments-detail')).toHaveText('已完成 1 · 逾期 1');
		await expect(page.getByTestId('kpi-attendance-value')).toHaveText('50%');

		// What is overdue, listed in the danger colour, linking to the board.
		const overdue = page.getByTestId('overdue-commitment');
		await expect(overdue).toHaveCount(1);
		await expect(overdue).toContainText('每月开展一次义诊');
		await expect(overdue).toContainText('市第一人民医院 · 孙倩 · 完成时限 2020年1月15日');
		await expect(page.getByTestId('overdue-project')).toContainText('敬老义诊');
		await expect(overdue.getByRole('link')).toHaveAttribute('href', `/boards/${seeded.boardId}`);
		expect(
			await page.getByTestId('overdue').evaluate((e) => getComputedStyle(e).backgroundColor)
		).toBe('oklch(0.971 0.013 17.38)');

		// The charts are drawn (in the browser); each has its numbers in a table that screen readers
		// read whether or not the disclosure is open, and that sighted people see once it is.
		for (const id of ['needs', 'pledges', 'commitments', 'attendance'])
			await expect(page.getByTestId(`chart-${id}`).locator('.lc-bars').first()).toBeVisible();
		await expect(page.getByTestId('chart-commitments')).toHaveAttribute('aria-hidden', 'true');
		const figure = page.getByRole('figure', { name: '承诺：各单位完成情况' });
		const table = figure.getByRole('table', { name: '承诺：各单位完成情况' });
		const hospitalRow = table.getByRole('row', { name: /市第一人民医院/ });
		await expect(hospitalRow.getByRole('cell')).toHaveText(['1', '0', '0', '1', '2']);
		// Out of sight: its box (the table's wrapper) is clipped to a pixel until 数据表 is opened.
		const shown = table.locator('..');
		expect((await shown.boundingBox())!.width).toBeLessThanOrEqual(1);
		await figure.getByText('数据表').click();
		expect((await shown.boundingBox())!.width).toBeGreaterThan(200);
		await expect(table.getByRole('columnheader')).toHaveText([
			'单位',
			'已完成',
			'进行中',
			'未开始',
			'逾期',
			'合计'
		]);
		await expect(hospitalRow.locator('[data-series=overdue]')).toHaveClass(/text-danger/);
		await expect(
			page
				.getByRole('figure', { name: '出席：各单位' })
				.getByRole('row', { name: /幸福里小学/ })
				.getByRole('cell')
		).toHaveText(['0', '1', '0', '0', '0%']);
		const top = () => page.evaluate(() => window.scrollTo(0, 0)); // the sticky header stays where it belongs in a full-page shot
		await top();
		await page.screenshot({ path: test.info().outputPath('dashboard.png'), fullPage: true });

		// At 375 px: the charts stack, nothing runs off the side, and names are cut rather than overlap.
		await page.setViewportSize({ width: 375, height: 800 });
		await expect
			.poll(() => page.evaluate(() => document.documentElement.scrollWidth))
			.toBeLessThanOrEqual(375);
		const boxes = await Promise.all(
			['needs', 'pledges'].map(
				async (id) => (await page.getByTestId(`figure-${id}`).boundingBox())!
			)
		);
		expect(boxes[1]!.y).toBeGreaterThanOrEqual(boxes[0]!.y + boxes[0]!.height);
		const svgWidth = await page
			.getByTestId('chart-commitments')
			.locator('svg')
			.first()
			.evaluate((svg) => svg.getBoundingClientRect().width);
		expect(svgWidth).toBeLessThanOrEqual(343);
		await top();
		await page.screenshot({ path: test.info().outputPath('dashboard-phone.png'), fullPage: true });
		await page.setViewportSize({ width: 1280, height: 900 });

		// The council, period by period.
		await page.getByTestId('council-dashboard-link').click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'联席会看板 · 幸福里社区党建联席会'
		);
		const row = page.getByTestId('period-row');
		await expect(row).toHaveCount(1);
		await expect(row.locator('[data-col=needs]')).toHaveText('3');
		await expect(row.locator('[data-col=commitmentsOverdue]')).toHaveText('1');
		await expect(row.locator('[data-col=attendanceRate]')).toHaveText('50%');
		await expect(
			page.getByTestId('chart-period-commitments').locator('.lc-bars').first()
		).toBeVisible();
		// What is overdue anywhere in the council, each linking to the board it is followed up on.
		const councilOverdue = page.getByTestId('overdue-commitment');
		await expect(councilOverdue).toHaveCount(1);
		await expect(councilOverdue).toContainText('每月开展一次义诊');
		await expect(councilOverdue).toContainText('2026年第四季度');
		await expect(councilOverdue.getByRole('link')).toHaveAttribute(
			'href',
			`/boards/${seeded.boardId}`
		);
		await expect(page.getByTestId('overdue-project')).toContainText('敬老义诊');
		// All periods together, unit by unit, as a board's dashboard shows them.
		await expect(
			page.getByTestId('totals').getByTestId('chart-commitments').locator('.lc-bars').first()
		).toBeVisible();
		await expect(page.getByTestId('totals').getByTestId('chart-attendance')).toContainText(
			'市第一人民医院'
		);
		await top();
		await page.screenshot({ path: test.info().outputPath('council.png'), fullPage: true });

		// The scorecard of the year, and its Excel file.
		await page.getByTestId('scorecard-link').click();
		await expect(page.getByTestId('scorecard-year')).toHaveValue('2026');
		const hospitalScore = page.locator('[data-testid=score-row][data-unit="市第一人民医院"]');
		// 建立健康档案 was written done with a doneOn before its due date, but the server saw it done today,
		// long after: late (the scorecard counts the server's day).
		await expect(hospitalScore.getByRole('cell')).toHaveText([
			'2',
			'0',
			'1',
			'1',
			'1',
			'0%',
			'2',
			'1',
			'50%',
			'1',
			'1',
			'0',
			'100%'
		]);
		await top();
		await page.screenshot({ path: test.info().outputPath('scorecard.png'), fullPage: true });
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('scorecard-xlsx').click()
		]);
		expect(download.suggestedFilename()).toBe('幸福里社区党建联席会2026年度成员单位点评.xlsx');
		const [sheet] = await readXlsxFile(readFileSync((await download.path())!));
		expect(sheet!.sheet).toBe('年度点评');
		expect(sheet!.data[1]).toEqual([1, '市第一人民医院', 2, 0, 1, 1, 1, 0, 2, 1, 0.5, 1, 1, 0, 1]);
		await page.setViewportSize({ width: 375, height: 800 });
		await expect
			.poll(() => page.evaluate(() => document.documentElement.scrollWidth))
			.toBeLessThanOrEqual(375);
		await top();
		await page.screenshot({ path: test.info().outputPath('scorecard-phone.png'), fullPage: true });

		// Home: the council's heading links to its dashboard, for a representative as well.
		const rep = await (await signedInContext(browser, server.url, people.schoolRep)).newPage();
		await rep.goto('/');
		await rep.getByTestId('council-dashboard').click();
		await expect(rep.getByTestId('period-row')).toHaveCount(1);
		// The observer sees the scorecard but is told the file is not for them.
		const observer = await (await signedInContext(browser, server.url, people.observer)).newPage();
		await observer.goto(`/councils/${seeded.councilId}/scorecard`);
		await expect(observer.getByRole('status')).toHaveText(
			'本联席会未允许列席观察人员导出（可在联席会管理的“设置”中开启）'
		);
		await expect(observer.getByTestId('scorecard-xlsx')).toHaveCount(0);
	} finally {
		await own.stop();
	}
});
