import { test, expect, addItem, openBoard, openTab } from './fixtures.ts';
import { connect } from '../helpers/yclient.ts';
import { addItem as addListItem, setField } from '../../src/lib/board/ydoc/list.ts';
import { COMMITMENTS, NEEDS } from '../../src/lib/board/model/lists/index.ts';

test('the secretary saves a version, compares it with now, and restores it; a member’s open board follows live', async ({
	app,
	signedIn
}) => {
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
	await member
		.getByTestId('needs-item')
		.last()
		.getByLabel('紧急程度')
		.selectOption({ label: '紧急' });

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
	await secretary
		.locator('[data-testid=version][data-label="会前草案"]')
		.getByTestId('restore')
		.click();
	await expect(secretary.getByRole('alertdialog')).toContainText('现在的内容会先另存为一个版本');
	await secretary.getByTestId('confirm-restore').click();
	await expect(secretary.getByRole('status')).toHaveText(
		'已恢复到「会前草案」；恢复前的状态已另存为版本'
	);
	await expect(secretary.locator('[data-testid=version][data-kind=before_restore]')).toContainText(
		'恢复前的计划板'
	);
	await expect(title).toHaveValue('小区停车难');
	await expect(member.getByTestId('needs-item').last().getByLabel('紧急程度')).toHaveValue(
		'normal'
	);
});

test('the record names each person once with their own unit or role, and tells what a status and a date became', async ({
	app,
	signedIn
}) => {
	const { seeded, server } = app;
	const mark = Math.random().toString(36).slice(2, 6);
	const board = connect(server.wsUrl, seeded.room, seeded.people.hospitalRep.cookie);
	const sheet = connect(server.wsUrl, seeded.units.hospital.room, seeded.people.secretary.cookie);
	await Promise.all([board.synced, sheet.synced]);
	const need = addListItem(board.doc, NEEDS, { title: `${mark} 楼道照明` });
	const commitment = addListItem(sheet.doc, COMMITMENTS, {
		content: `${mark} 每月义诊`,
		due: '2026-12-01'
	});
	// Read as two entries: what came after the addition is a change.
	await new Promise((r) => setTimeout(r, 300));
	const { page: reader } = await signedIn(seeded.people.observer);
	await reader.goto(`/boards/${seeded.boardId}/activity`);
	setField(board.doc, NEEDS, need, 'status', 'claimed');
	setField(sheet.doc, COMMITMENTS, commitment, 'due', '2026-12-31');
	await new Promise((r) => setTimeout(r, 300));
	board.destroy();
	sheet.destroy();

	for (const [width, height] of [
		[375, 812],
		[1366, 768]
	] as const) {
		await reader.setViewportSize({ width, height });
		await reader.goto(`/boards/${seeded.boardId}/activity`);
		const items = reader.getByTestId('feed-item');
		await expect(items.filter({ hasText: `${mark} 楼道照明` }).first()).toContainText(
			`孙倩（市第一人民医院） 修改需求：${mark} 楼道照明（状态：待认领 → 已认领）`
		);
		await expect(items.filter({ hasText: `${mark} 每月义诊` }).first()).toContainText(
			`李敏（书记/秘书） 修改市第一人民医院的承诺：${mark} 每月义诊（完成时限：2026年12月1日 → 2026年12月31日）`
		);
		await expect(reader.getByTestId('feed')).not.toContainText(
			'（市第一人民医院）（市第一人民医院）'
		);
		await reader.screenshot({ path: test.info().outputPath(`record-${width}.png`) });
	}
});
