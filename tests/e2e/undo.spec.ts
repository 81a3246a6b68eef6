// Undo history survives a reload: what a person did before reloading the page can still be taken
// back, step by step, and redone, and everyone else sees it.
import {
	test,
	expect,
	addItem,
	openBoard,
	openTab,
	ownServer,
	signedInContext
} from './fixtures.ts';

test('after a reload, undo takes back a deletion, a choice and a new project, and redo brings them again', async ({
	browser
}) => {
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		const page = await (
			await signedInContext(browser, server.url, seeded.people.secretary)
		).newPage();
		const other = await (
			await signedInContext(browser, server.url, seeded.people.member)
		).newPage();
		for (const p of [page, other]) {
			await openBoard(p, seeded.boardId);
			await openTab(p, 'plan');
		}
		const items = page.getByTestId('plan-item');
		// Changes within a moment of each other are one step (as typing is); a person pauses between these.
		const pause = () => page.waitForTimeout(800);
		await addItem(page, page.getByRole('button', { name: '新增项目' }), '重阳节敬老义诊');
		await pause();
		await items.first().getByLabel('状态').selectOption({ label: '进行中' });
		await pause();
		await addItem(page, page.getByRole('button', { name: '新增项目' }), '反诈宣传进楼栋');
		await pause();
		await items.nth(1).getByRole('button', { name: '删除' }).click();
		await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
		await expect(items).toHaveCount(1);
		await expect(page.getByTestId('connection')).not.toContainText('待同步');

		await page.reload();
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
		await openTab(page, 'plan');
		const undo = page.getByTestId('undo');
		await expect(undo).toBeEnabled();
		await undo.click();
		await expect(items).toHaveCount(2);
		await expect(items.nth(1).getByLabel('项目名称')).toHaveValue('反诈宣传进楼栋');
		await expect(other.getByTestId('plan-item')).toHaveCount(2);
		await undo.click();
		await expect(items).toHaveCount(1);
		await undo.click();
		await expect(items.first().getByLabel('状态')).not.toHaveValue('active');
		await expect(other.getByTestId('plan-item').first().getByLabel('状态')).not.toHaveValue(
			'active'
		);

		// Redo steps are kept through a reload too.
		await expect(page.getByTestId('connection')).not.toContainText('待同步');
		await page.reload();
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
		await openTab(page, 'plan');
		await page.getByTestId('redo').click();
		await expect(items.first().getByLabel('状态')).toHaveValue('active');
		await page.getByTestId('redo').click();
		await expect(items).toHaveCount(2);
		await expect(other.getByTestId('plan-item').nth(1).getByLabel('项目名称')).toHaveValue(
			'反诈宣传进楼栋'
		);
	} finally {
		await own.stop();
	}
});
