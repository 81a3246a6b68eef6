// Follow-up across boards: a representative's own work on a phone, updated in place and seen live on
// the board; the secretary makes the next period's board, which starts with what is still open. My
// work shows what was reported on each item before, and 逾期完成 for a commitment done after its day.
import { test, expect, openBoard, openTab, ownServer, signedInContext } from './fixtures.ts';
import { connect, eventually } from '../helpers/yclient.ts';
import { addItem, readItems } from '../../src/lib/board/ydoc/list.ts';
import { todayIn } from '../../src/lib/board/model/fields.ts';
import { noteLine } from '../../src/lib/board/model/notes.ts';
import { formatDate } from '../../src/lib/i18n/index.ts';
import { COMMITMENTS, NEEDS, PLAN } from '../../src/lib/board/model/lists/index.ts';
import { claim } from '../../src/lib/board/ydoc/claims.ts';

test('a representative updates its work in place on a phone; the secretary makes the next period from what is open', async ({
	browser
}) => {
	// The next period adds a board to the council: a server of its own keeps the other tests' seed as it was.
	const own = await ownServer();
	const clients: ReturnType<typeof connect>[] = [];
	try {
		const { seeded, server } = own;
		const { units, people } = seeded;
		const plan = connect(server.wsUrl, seeded.room, people.secretary.cookie);
		const sheet = connect(server.wsUrl, units.hospital.room, people.hospitalRep.cookie);
		clients.push(plan, sheet);
		await Promise.all([plan.synced, sheet.synced]);
		const need = addItem(plan.doc, NEEDS, { title: '独居老人定期探访' });
		addItem(plan.doc, NEEDS, { title: '暑期托管', status: 'done' });
		const project = addItem(plan.doc, PLAN, {
			title: '暖心敲门探访',
			lead: units.hospital.id,
			start: '2026-01-05',
			end: '2026-03-31',
			status: 'active'
		});
		addItem(sheet.doc, COMMITMENTS, {
			content: '为独居老人建立健康档案',
			responsible: '孙倩',
			due: '2026-02-15',
			status: 'in_progress',
			project
		});
		addItem(sheet.doc, COMMITMENTS, {
			content: '每季度义诊一次',
			responsible: '周华',
			due: '2099-12-31',
			status: 'not_started'
		});
		claim(sheet.doc, { kind: 'need', id: need }, '孙倩');

		// The representative, on a phone, finds the unit's work: overdue things in red.
		const phone = await signedInContext(browser, server.url, people.hospitalRep);
		const rep = await phone.newPage();
		await rep.setViewportSize({ width: 375, height: 812 });
		await rep.goto('/');
		await rep.getByTestId('nav-my-work').click();
		await expect(rep.getByRole('heading', { name: '我的工作' })).toBeVisible();
		const unit = rep.locator('[data-testid=my-unit][data-unit="市第一人民医院"]');
		const late = unit.getByTestId('my-commitment').filter({ hasText: '为独居老人建立健康档案' });
		await expect(late).toContainText('逾期');
		await expect(
			unit.getByTestId('my-commitment').filter({ hasText: '每季度义诊一次' })
		).not.toContainText('逾期');
		await expect(unit.getByTestId('my-project')).toContainText('暖心敲门探访');
		await expect(unit.getByTestId('my-project')).toContainText('牵头');
		await expect(unit.getByTestId('my-project')).toContainText('逾期');
		await expect(unit.getByTestId('my-claims')).toContainText('独居老人定期探访');
		await expect(unit.getByTestId('my-overdue')).toHaveText('2 项逾期');
		await rep.screenshot({ path: test.info().outputPath('my-work-phone.png'), fullPage: true });

		// The secretary watches the board while the representative reports the commitment done.
		const secretary = await (
			await signedInContext(browser, server.url, people.secretary)
		).newPage();
		await openBoard(secretary, seeded.boardId);
		await openTab(secretary, 'commitments');
		await late.getByLabel('状态').selectOption('done');
		await late.getByLabel('进展说明').fill('86 位老人档案全部建立');
		await late.getByRole('button', { name: '更新进展' }).click();
		await expect(late.getByRole('status')).toHaveText('已更新');
		await expect(late).toHaveAttribute('data-status', 'done');
		// No longer overdue; done after its due day, which it says.
		await expect(late).not.toContainText(/逾期(?!完成)/);
		await expect(late.getByTestId('done-late')).toHaveText('逾期完成');
		await eventually(async () =>
			expect(
				readItems(sheet.doc, COMMITMENTS).find((c) => c.content.startsWith('为独居'))?.status
			).toBe('done')
		);
		// The note arrives in the commitment's progress notes on the secretary's open board, with the status.
		const hospitalSheet = secretary.locator(
			'[data-testid=sheet][data-unit="市第一人民医院"]:visible'
		);
		await expect
			.poll(() =>
				hospitalSheet
					.locator('textarea, input')
					.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).join('\n'))
			)
			.toContain('孙倩：86 位老人档案全部建立');
		await expect(
			hospitalSheet
				.locator('select')
				.filter({ has: secretary.locator('option[value=done]:checked') })
		).toHaveCount(1);
		const done = readItems(sheet.doc, COMMITMENTS).find((c) => c.status === 'done')!;
		expect(done.doneOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

		// The secretary corrects the day the server recorded it done: a day to come is refused next to
		// the field; a past one is kept, and the record says so with the day before and after.
		const dayForm = hospitalSheet.getByTestId('done-day-form');
		await expect(dayForm).toHaveCount(1);
		await dayForm.getByTestId('done-day-input').fill('2099-01-01');
		await dayForm.getByRole('button', { name: '更正完成日期' }).click();
		await expect(dayForm.getByRole('alert')).toHaveText('完成日期不能晚于今天');
		await expect(dayForm.getByTestId('done-day-input')).toHaveAttribute('aria-invalid', 'true');
		await dayForm.getByTestId('done-day-input').fill('2026-02-14');
		await dayForm.getByRole('button', { name: '更正完成日期' }).click();
		await expect(dayForm.getByRole('status')).toHaveText('已更正');
		await expect(dayForm.getByTestId('done-day-input')).toHaveValue('2026-02-14');
		const record = await secretary.context().newPage();
		await record.goto(`/boards/${seeded.boardId}/activity`);
		await expect(
			record.getByText(
				/更正了承诺「为独居老人建立健康档案」的完成日期：\d{4}-\d{2}-\d{2} → 2026-02-14/
			)
		).toBeVisible();
		await record.close();

		// The secretary makes next quarter's board: it starts with exactly what is still open.
		await secretary.getByTestId('next-period').click();
		await expect(secretary.getByTestId('carried-needs')).toHaveText('独居老人定期探访');
		await expect(secretary.getByTestId('carried-projects')).toContainText('暖心敲门探访');
		await expect(secretary.getByTestId('carried-commitments')).toContainText('每季度义诊一次');
		await expect(secretary.getByTestId('carried-commitments')).not.toContainText(
			'为独居老人建立健康档案'
		);
		await expect(secretary.getByLabel('期次')).toHaveValue('2027年第一季度');
		await secretary.screenshot({ path: test.info().outputPath('next-period.png'), fullPage: true });
		await secretary.getByTestId('make-next').click();
		await expect(secretary.getByTestId('previous-board')).toContainText(
			'本期接续「共驻共建项目计划 2026年第四季度」'
		);
		await expect(secretary.getByTestId('board-title')).toHaveText('共驻共建项目计划');
		await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
		await expect(secretary.locator('[data-testid=carried]:visible')).toHaveCount(1);
		await openTab(secretary, 'plan');
		await expect(secretary.locator('[data-testid=carried]:visible')).toHaveCount(1);
		await expect(secretary.locator('span:visible', { hasText: /^逾期$/ })).toHaveCount(1);

		// The representative's work now spans both boards, the newest first.
		await rep.reload();
		await expect(unit.locator('h3')).toHaveCount(2);
		await expect(unit.locator('h3').first()).toContainText('2027年第一季度');
		// What was carried over is followed up on the new board only, and says where it came from.
		const carried = unit.getByTestId('my-commitment').filter({ hasText: '每季度义诊一次' });
		await expect(carried).toHaveCount(1);
		await expect(carried).toContainText('上期结转');
		await expect(unit.getByTestId('my-project').filter({ hasText: '暖心敲门探访' })).toHaveCount(1);
		await expect(unit.getByTestId('my-claims').filter({ hasText: '独居老人定期探访' })).toHaveCount(
			1
		);
		await expect(
			unit.getByTestId('my-commitment').filter({ hasText: '为独居老人建立健康档案' })
		).not.toContainText('上期结转');
	} finally {
		for (const c of clients) c.destroy();
		await own.stop();
	}
});

test('my work shows what was reported on each item before, and marks a commitment done after its due day 逾期完成', async ({
	browser
}) => {
	const own = await ownServer();
	const clients: ReturnType<typeof connect>[] = [];
	try {
		const { seeded, server } = own;
		const { units, people } = seeded;
		const plan = connect(server.wsUrl, seeded.room, people.secretary.cookie);
		const sheet = connect(server.wsUrl, units.hospital.room, people.hospitalRep.cookie);
		clients.push(plan, sheet);
		await Promise.all([plan.synced, sheet.synced]);
		// Reports made before, as the server writes them; and words typed on the board.
		const progress = ['入户摸底 60 户', '联系社区卫生服务站', '第一次上门', '第二次上门'].map(
			(text, i) => noteLine(`2026-10-0${i + 1}`, '孙倩', text)
		);
		addItem(plan.doc, PLAN, {
			title: '暖心敲门探访',
			lead: units.hospital.id,
			end: '2099-03-31',
			status: 'active',
			progress: progress.join('\n')
		});
		addItem(sheet.doc, COMMITMENTS, {
			content: '为独居老人建立健康档案',
			responsible: '孙倩',
			due: '2026-02-15',
			status: 'in_progress',
			notes: [
				'先从二区开始。',
				noteLine('2026-01-10', '孙倩', '已联系社区卫生服务站'),
				noteLine('2026-02-01', '周华', '完成 40 户')
			].join('\n'),
			evidence: noteLine('2026-02-01', '周华', '档案台账第 1 册')
		});
		addItem(sheet.doc, COMMITMENTS, {
			content: '每季度义诊一次',
			responsible: '周华',
			due: '2099-12-31',
			status: 'not_started'
		});

		for (const [width, height] of [
			[375, 812],
			[1366, 768]
		] as const) {
			const context = await signedInContext(browser, server.url, people.hospitalRep);
			const rep = await context.newPage();
			await rep.setViewportSize({ width, height });
			await rep.goto('/my');
			const unit = rep.locator('[data-testid=my-unit][data-unit="市第一人民医院"]');
			const files = unit.getByTestId('my-commitment').filter({ hasText: '为独居老人建立健康档案' });
			const clinic = unit.getByTestId('my-commitment').filter({ hasText: '每季度义诊一次' });
			if (width === 375) {
				// What was said before, oldest first: the words typed on the board, then each report.
				await expect(files.getByTestId('follow-up-entry')).toHaveText([
					'先从二区开始。',
					/2026年1月10日\s*孙倩\s*已联系社区卫生服务站/,
					/2026年2月1日\s*周华\s*完成 40 户/,
					/2026年2月1日\s*周华\s*佐证：档案台账第 1 册/
				]);
				await expect(files.getByTestId('done-late')).toHaveCount(0);
				// The project's four reports: the latest three shown, the first folded away.
				const project = unit.getByTestId('my-project');
				await expect(project.getByTestId('follow-up-entry').filter({ visible: true })).toHaveCount(
					3
				);
				await expect(project.getByText('更早的 1 条')).toBeVisible();
				await project.getByText('更早的 1 条').click();
				await expect(project.getByTestId('follow-up-entry').first()).toContainText(
					'入户摸底 60 户'
				);

				// Reported done today, long after its due day: 逾期完成, with the server's day and the new note.
				await files.getByLabel('状态').selectOption('done');
				await files.getByLabel('进展说明').fill('86 位老人档案全部建立');
				await files.getByRole('button', { name: '更新进展' }).click();
				await expect(files.getByRole('status')).toHaveText('已更新');
				await expect(files).toHaveAttribute('data-status', 'done');
				await expect(files.getByTestId('done-late')).toHaveText('逾期完成');
				await expect(files).toContainText(`${formatDate('zh-CN', todayIn())} 完成`);
				await expect(files.getByTestId('follow-up-entry').last()).toContainText(
					/孙倩\s*86 位老人档案全部建立/
				);
				// Done before its due day: no mark.
				await clinic.getByLabel('状态').selectOption('done');
				await clinic.getByRole('button', { name: '更新进展' }).click();
				await expect(clinic).toHaveAttribute('data-status', 'done');
				await expect(clinic.getByTestId('done-late')).toHaveCount(0);
			} else {
				await expect(files.getByTestId('done-late')).toHaveText('逾期完成');
			}
			await rep.screenshot({
				path: test.info().outputPath(`my-work-notes-${width}.png`),
				fullPage: true
			});
			await context.close();
		}
	} finally {
		for (const c of clients) c.destroy();
		await own.stop();
	}
});
