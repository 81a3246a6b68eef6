import writeXlsxFile from 'write-excel-file/node';
import { test, expect, openBoard, openTab, ownServer, signedInContext } from './fixtures.ts';

/** The spreadsheet a hospital already keeps: a title row, then its columns, a bad row and another unit's row. */
async function resourceSheet(): Promise<Buffer> {
	const rows = [
		['市第一人民医院 2026 年可提供资源'],
		['序号', '单位', '资源名称', '类型', '数量', '计量单位', '联系人'],
		[1, '市第一人民医院', '义诊医生', '专业服务', 4, '名', '王医生 13800000000'],
		[2, '市第一人民医院', '健康讲座', '专业服务', 6, '场', '=HYPERLINK("http://x","点我")'],
		[3, '市第一人民医院', '救护车', '飞机', 1, '辆', ''],
		[4, '幸福里小学', '周末礼堂', '场地', 1, '间', ''],
		[5, '市第一人民医院', '血压计', '设备物资', 20, '台', '']
	];
	return (await writeXlsxFile([
		{ sheet: '资源清单', data: rows.map((r) => r.map((value) => ({ value }))) }
	] as never).toBuffer()) as Buffer;
}

test('a representative imports its resource spreadsheet: columns guessed, problems by row and column, one change everyone sees and undo takes back', async ({
	browser
}) => {
	// A server of its own: the rows it leaves would change what other tests' sheets hold.
	const own = await ownServer();
	try {
		const { seeded } = own;
		const open = async (person: (typeof seeded.people)[keyof typeof seeded.people]) =>
			(await signedInContext(browser, own.server.url, person)).newPage();
		const hospital = await open(seeded.people.hospitalRep);
		const secretary = await open(seeded.people.secretary);
		for (const page of [hospital, secretary]) {
			await openBoard(page, seeded.boardId);
			await openTab(page, 'pledges');
		}
		const sheetOf = (page: typeof hospital) =>
			page.locator('[data-testid=sheet][data-unit="市第一人民医院"]');
		// Another unit's sheet offers no import to this representative.
		await expect(
			hospital.locator('[data-testid=sheet][data-unit="幸福里小学"]').getByTestId('import-pledges')
		).toHaveCount(0);

		await sheetOf(hospital).getByTestId('import-pledges').click();
		const dialog = hospital.getByTestId('import-dialog');
		await dialog.getByTestId('import-file').setInputFiles({
			name: '医院资源.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			buffer: await resourceSheet()
		});

		// The header is found under the title row and each column mapped from its name.
		const column = (header: string) =>
			dialog.locator(`[data-testid=import-column][data-header="${header}"]`);
		await expect(column('资源名称')).toHaveValue('title');
		await expect(column('单位')).toHaveValue('unit');
		await expect(column('计量单位')).toHaveValue('measure');
		await expect(column('序号')).toHaveValue('');
		await expect(dialog.getByTestId('import-summary')).toContainText(
			'可导入 3 行；1 行有问题。另有 1 行属于其他单位'
		);
		await expect(dialog.getByTestId('import-problems')).toHaveText(
			'第 5 行 D 列（类型）：不是可选的值，可选：场地、资金、志愿者、设备物资、专业服务、其他（“飞机”）'
		);
		await expect(dialog.getByTestId('import-confirm')).toBeDisabled();
		await hospital.screenshot({
			path: test.info().outputPath('import-mapping.png'),
			fullPage: true
		});

		// Nothing is written before confirming.
		await expect(sheetOf(secretary).getByTestId('pledges-item')).toHaveCount(0);
		await dialog.getByTestId('import-skip-bad').check();
		await expect(dialog.getByTestId('import-confirm')).toHaveText('导入 3 条');
		await dialog.getByTestId('import-preview').scrollIntoViewIfNeeded();
		await hospital.screenshot({ path: test.info().outputPath('import-preview.png') });
		await dialog.getByTestId('import-confirm').click();
		await expect(hospital.getByTestId('imported')).toContainText('已导入 3 条资源清单');

		// Everyone sees the rows arrive, the formula-like cell kept as plain text.
		const titles = (page: typeof hospital) =>
			sheetOf(page).getByTestId('pledges-item').getByLabel('资源');
		await expect(titles(secretary)).toHaveCount(3);
		for (const [i, title] of ['义诊医生', '健康讲座', '血压计'].entries())
			await expect(titles(secretary).nth(i)).toHaveValue(title);
		await expect(
			sheetOf(secretary).getByTestId('pledges-item').nth(1).getByLabel('联系人')
		).toHaveValue('=HYPERLINK("http://x","点我")');
		await expect(
			sheetOf(secretary).getByTestId('pledges-item').first().getByLabel('数量')
		).toHaveValue('4');

		// One undo takes the whole import back, for everyone.
		await hospital.getByTestId('undo').click();
		await expect(titles(secretary)).toHaveCount(0);
		await expect(titles(hospital)).toHaveCount(0);
		await hospital.getByTestId('redo').click();
		await expect(titles(secretary)).toHaveCount(3);
	} finally {
		await own.stop();
	}
});

test('a file that is not a spreadsheet gets a clear error beside the file field', async ({
	app,
	signedIn
}) => {
	const { seeded } = app;
	const { page } = await signedIn(seeded.people.secretary);
	await openBoard(page, seeded.boardId);
	await page.getByTestId('import-needs').click();
	const dialog = page.getByTestId('import-dialog');
	await dialog.getByTestId('import-file').setInputFiles({
		name: '照片.png',
		mimeType: 'image/png',
		buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3])
	});
	await expect(dialog.getByTestId('import-error')).toHaveText(
		'照片.png：不是 Excel（.xlsx）或 CSV 文件'
	);
	await dialog.getByTestId('import-file').setInputFiles({
		name: '需求.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('\uFEFF需求,紧急程度,受益人数\n楼道灯不亮,较急,40\n')
	});
	await expect(dialog.getByTestId('import-error')).toHaveCount(0);
	await expect(dialog.getByTestId('import-preview')).toContainText('楼道灯不亮');
	await expect(dialog.getByTestId('import-preview')).toContainText('较急');
	await dialog.getByTestId('import-confirm').click();
	await expect(page.getByTestId('needs-item').last().getByLabel('需求')).toHaveValue('楼道灯不亮');
});

test('a sheet with 数量 and 单位 columns: 单位 is the unit of measure and its rows import; a unit column that leaves out every row says so', async ({
	browser
}) => {
	const own = await ownServer();
	try {
		const { seeded } = own;
		const page = await (
			await signedInContext(browser, own.server.url, seeded.people.hospitalRep)
		).newPage();
		await page.setViewportSize({ width: 1366, height: 768 });
		await openBoard(page, seeded.boardId);
		await openTab(page, 'pledges');
		const sheet = page.locator('[data-testid=sheet][data-unit="市第一人民医院"]');
		await sheet.getByTestId('import-pledges').click();
		const dialog = page.getByTestId('import-dialog');
		const csv =
			'资源名称,类型,数量,单位,联系人\n义诊医生,专业服务,4,名,王医生\n健康讲座,专业服务,6,场,\n血压计,设备物资,20,台,\n';
		await dialog
			.getByTestId('import-file')
			.setInputFiles({ name: '资源.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

		const column = (header: string) =>
			dialog.locator(`[data-testid=import-column][data-header="${header}"]`);
		await expect(column('单位')).toHaveValue('measure');
		await expect(column('数量')).toHaveValue('quantity');
		await expect(dialog.getByTestId('import-summary')).toHaveText('可导入 3 行；0 行有问题。');

		// Taken as the unit filter (as it used to be), every row is left out, and the dialog says why.
		await column('单位').selectOption('unit');
		await expect(dialog.getByTestId('import-unit-left-out')).toHaveText(
			'D 列（单位）被当作“单位”列，但没有一行写的是“市第一人民医院”，全部 3 行都被筛掉了。这一列的值是：“名”、“场”、“台”。如果它不是单位名称（例如是计量单位），请把这一列改为“计量单位”或“不导入”。'
		);
		// The import button is disabled, and looks it: grey, not the brand's red.
		const confirm = dialog.getByTestId('import-confirm');
		await expect(confirm).toBeDisabled();
		const background = () => confirm.evaluate((e) => getComputedStyle(e).backgroundColor);
		const disabledBackground = await background();
		await page.screenshot({ path: test.info().outputPath('import-unit-left-out.png') });

		await column('单位').selectOption('measure');
		await expect(dialog.getByTestId('import-unit-left-out')).toHaveCount(0);
		await expect(confirm).toBeEnabled();
		expect(disabledBackground, 'a disabled button is not coloured like one to press').not.toBe(
			await background()
		);
		const [r, g, b] = disabledBackground.match(/\d+/g)!.map(Number);
		expect(
			Math.max(r!, g!, b!) - Math.min(r!, g!, b!),
			`the disabled button is grey (${disabledBackground})`
		).toBeLessThan(40);
		await page.screenshot({ path: test.info().outputPath('import-measure.png') });
		await confirm.click();
		await expect(page.getByTestId('imported')).toContainText('已导入 3 条资源清单');
		const items = sheet.getByTestId('pledges-item');
		await expect(items).toHaveCount(3);
		await expect(items.nth(0).getByLabel('计量单位')).toHaveValue('名');
		await expect(items.nth(2).getByLabel('数量')).toHaveValue('20');
	} finally {
		await own.stop();
	}
});
