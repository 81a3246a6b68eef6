import { test, expect, addItem, openBoard, openTab } from './fixtures.ts';

test('the secretary saves a version, compares it with now, and restores it; a member’s open board follows live', async ({ app, signedIn }) => {
	const { seeded } = app;
	const secretary = (await signedIn(seeded.people.secretary)).page;
	const member = (await signedIn(seeded.people.member)).page;
	await openBoard(secretary, seeded.boardId);
	await openBoard(member, seeded.boardId);
	await openTab(member, 'needs');
	await openTab(secretary, 'needs');
	await addItem(secretary, secretary.getByTestId('add-needs'), '小区停车难');

	// Saving needs a name; the error stands beside the field.
	await secretary.getByRole('link', { name: '版本', exact: true }).click();
	await secretary.getByRole('button', { name: '保存版本' }).click();
	await expect(secretary.getByRole('alert')).toHaveText('此项必填');
	await secretary.getByLabel('版本名称').fill('会前草案');
	await secretary.getByRole('button', { name: '保存版本' }).click();
	await expect(secretary.getByRole('status')).toHaveText('已保存版本「会前草案」');

	// Later changes, by the member.
	const title = member.getByTestId('needs-item').last().getByLabel('需求');
	await expect(title).toHaveValue('小区停车难');
	await title.press('End');
	await title.pressSequentially('问题');
	await member.getByTestId('needs-item').last().getByLabel('紧急程度').selectOption({ label: '紧急' });

	// Compared with now: the need changed, with its fields named and the urgency before and after.
	const version = secretary.locator('[data-testid=version][data-label="会前草案"]');
	await version.getByRole('link', { name: '与现在比较' }).click();
	await expect(secretary.getByTestId('diff-changed')).toContainText('小区停车难问题');
	await expect(secretary.getByTestId('diff-changed')).toContainText('紧急程度 一般 → 紧急');
	// Opened on its own, the version shows its content read-only.
	await secretary.getByTestId('compare').selectOption({ label: '（不比较，只查看）' });
	await expect(secretary.getByTestId('version-content')).toContainText('小区停车难');

	// Restored after a confirmation; the member's board goes back without a reload.
	await secretary.goBack();
	await secretary.goBack();
	await secretary.locator('[data-testid=version][data-label="会前草案"]').getByTestId('restore').click();
	await expect(secretary.getByRole('alertdialog')).toContainText('现在的内容会先另存为一个版本');
	await secretary.getByTestId('confirm-restore').click();
	await expect(secretary.getByRole('status')).toHaveText('已恢复到「会前草案」；恢复前的状态已另存为版本');
	await expect(secretary.locator('[data-testid=version][data-kind=before_restore]')).toContainText('恢复前的计划板');
	await expect(title).toHaveValue('小区停车难');
	await expect(member.getByTestId('needs-item').last().getByLabel('紧急程度')).toHaveValue('normal');
});
