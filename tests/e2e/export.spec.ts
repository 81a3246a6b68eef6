import { readFileSync } from 'node:fs';
import readXlsxFile from 'read-excel-file/node';
import { test, expect, openBoard } from './fixtures.ts';

test('the secretary downloads the board as Excel from the export page; an observer is told it is not for them', async ({
	app,
	signedIn
}) => {
	const { seeded } = app;
	const { page } = await signedIn(seeded.people.secretary);
	await openBoard(page, seeded.boardId);
	await page.getByRole('link', { name: '导出', exact: true }).click();
	await expect(page.getByTestId('export-version')).toHaveValue('live'); // nothing agreed yet
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-xlsx').click()
	]);
	expect(download.suggestedFilename()).toBe(
		'幸福里社区党建联席会2026年第四季度共驻共建项目清单.xlsx'
	);
	const sheets = await readXlsxFile(readFileSync((await download.path())!));
	expect(sheets.map((s) => s.sheet)).toEqual([
		'需求清单',
		'资源清单',
		'项目清单',
		'承诺',
		'成员单位'
	]);
	expect(sheets[4]!.data.slice(1).map((row) => row[1])).toEqual(['市第一人民医院', '幸福里小学']);

	// The print view: the plan alone on paper, no app around it.
	await page.getByTestId('export-print').click();
	await expect(page.getByTestId('print-document').getByRole('heading', { level: 1 })).toHaveText(
		'幸福里社区党建联席会2026年第四季度共驻共建项目清单'
	);
	await expect(page.getByTestId('print-document').getByRole('heading', { level: 2 })).toHaveText([
		'一、需求清单',
		'二、资源清单',
		/^三、项目清单（截至\d{4}年\d{1,2}月\d{1,2}日）$/,
		/^四、承诺（截至/
	]);
	await expect(page.getByTestId('print-as-of')).toHaveText(
		/^各项状态截至\d{4}年\d{1,2}月\d{1,2}日。$/
	);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('banner')).toBeHidden();
	await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
	const pdf = await page.pdf({ preferCSSPageSize: true });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	await page.emulateMedia({ media: 'screen' });

	const observer = (await signedIn(seeded.people.observer)).page;
	await observer.goto(`/boards/${seeded.boardId}/export`);
	await expect(observer.getByRole('status')).toHaveText(
		'本联席会未允许列席观察人员导出（可在联席会管理的“设置”中开启）'
	);
	await expect(observer.getByTestId('export-xlsx')).toHaveCount(0);
});
