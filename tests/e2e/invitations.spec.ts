import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/** Makes an invitation link on the council page and returns it (it is shown this once). */
async function createLink(
	page: Page,
	role: string,
	options: { unit?: string; multi?: boolean } = {}
) {
	const section = page.locator('#invitations');
	await section.getByLabel('角色').selectOption(role);
	if (options.unit) await section.getByLabel('代表单位').selectOption({ label: options.unit });
	if (options.multi) await section.getByLabel('多人可用').check();
	await section.getByRole('button', { name: '生成邀请链接' }).click();
	await expect(section.getByTestId('new-invite')).toContainText('此链接只显示这一次');
	const link = await section.getByTestId('invite-link').inputValue();
	expect(link).toMatch(/\/join\/[a-z2-7]{32}$/);
	return link;
}

test('the secretary adds a unit and invites its representative, who creates an account and joins; a revoked link is refused', async ({
	app,
	signedIn,
	browser
}) => {
	const { seeded } = app;
	const { page } = await signedIn(seeded.people.secretary);

	// From the home page to the council page.
	await page.goto('/');
	await page.getByRole('link', { name: '管理单位和成员' }).click();
	await expect(page).toHaveURL(new RegExp(`/councils/${seeded.councilId}$`));
	await expect(page.getByRole('heading', { name: '幸福里社区党建联席会' })).toBeVisible();

	// Adding a unit: errors beside the fields, what was typed kept.
	const units = page.locator('#units');
	await units.getByLabel('联系电话').fill('0571-abc');
	await units.getByRole('button', { name: '添加单位' }).click();
	await expect(units.getByText('请填写单位名称')).toBeVisible();
	await expect(units.getByText('请选择单位类型')).toBeVisible();
	await expect(units.getByText('电话只能包含数字、空格、+ 和 -')).toBeVisible();
	await expect(units.getByLabel('联系电话')).toHaveValue('0571-abc');
	await units.getByLabel('单位名称').fill('华信科技有限公司');
	await units.getByLabel('类型').selectOption({ label: '企业' });
	await units.getByLabel('联系人').fill('黄总');
	await units.getByLabel('联系电话').fill('0571-8800 4500');
	await units.getByLabel('联络员').fill('许然');
	await units.getByRole('button', { name: '添加单位' }).click();
	await expect(units.getByRole('status')).toHaveText('已添加单位 华信科技有限公司');
	const row = units.getByTestId('unit-row').filter({ hasText: '华信科技有限公司' });
	await expect(row).toContainText('企业');
	await expect(row).toContainText('黄总');
	await expect(row).toContainText('单位代表 0 人');
	await expect(units.getByLabel('单位名称')).toHaveValue('');
	await expect(units.getByLabel('类型')).toHaveValue('');

	// A single-use link for the unit's representative.
	const link = await createLink(page, 'unit_rep', { unit: '华信科技有限公司' });
	await expect(page.getByTestId('invite-row').first()).toContainText('单位代表 · 华信科技有限公司');
	await expect(page.getByTestId('invite-row').first()).toHaveAttribute('data-status', 'active');

	// A fresh person opens it, creates an account right there and joins.
	const fresh = await browser.newContext({ baseURL: app.server.url, locale: 'zh-CN' });
	const newcomer = await fresh.newPage();
	await newcomer.goto(link);
	await expect(newcomer.getByTestId('join-council')).toHaveText('幸福里社区党建联席会');
	await expect(newcomer.getByText('单位代表', { exact: true })).toBeVisible();
	await expect(newcomer.getByTestId('join-unit')).toHaveText('华信科技有限公司');
	// Without JavaScript, a form with mistakes comes back with them marked (not a server error).
	const plain = await fresh.request.post(`${link}?/register`, {
		form: { username: 'x', displayName: '', password: 'short' },
		headers: { origin: app.server.url, accept: 'text/html' }
	});
	expect(plain.status()).toBe(400);
	expect(await plain.text()).toContain('请填写姓名');
	await newcomer.getByLabel('用户名').fill('xu.ran');
	await newcomer.getByLabel('姓名').fill('许然');
	await newcomer.getByLabel('密码', { exact: true }).fill('xu-ran-password');
	await newcomer.getByLabel('确认密码').fill('xu-ran-passwrod');
	await newcomer.getByRole('button', { name: '创建账户并加入' }).click();
	await expect(newcomer.getByText('两次输入的密码不一致')).toBeVisible();
	await expect(newcomer.getByLabel('用户名')).toHaveValue('xu.ran');
	await newcomer.getByLabel('密码', { exact: true }).fill('xu-ran-password');
	await newcomer.getByLabel('确认密码').fill('xu-ran-password');
	await newcomer.getByRole('button', { name: '创建账户并加入' }).click();

	// On the council's board, as the unit's representative.
	await expect(newcomer).toHaveURL(new RegExp(`/boards/${seeded.boardId}$`));
	await expect(newcomer.getByTestId('board-title')).toHaveText('共驻共建项目计划');
	await expect(newcomer.getByText(/单位代表/).first()).toBeVisible();
	await expect(newcomer.getByTestId('current-user')).toContainText('许然');

	// Reopened by the person who used it: straight to the council's board.
	await newcomer.goto(link);
	await expect(newcomer).toHaveURL(new RegExp(`/boards/${seeded.boardId}$`));
	// The link was for one person: to anyone else it is used up, and says only that it is not valid.
	const stranger = await (
		await browser.newContext({ baseURL: app.server.url, locale: 'zh-CN' })
	).newPage();
	const reuse = await stranger.goto(link);
	expect(reuse?.status()).toBe(404);
	await expect(stranger.getByTestId('invite-invalid')).toHaveText('此邀请链接无效');

	// The secretary sees the new representative and the used link.
	await page.reload();
	await expect(page.getByTestId('invite-row').first()).toHaveAttribute('data-status', 'used_up');
	await expect(units.getByTestId('unit-row').filter({ hasText: '华信科技有限公司' })).toContainText(
		'单位代表 1 人'
	);
	const member = page.getByTestId('member-row').filter({ hasText: '许然' });
	await expect(member.getByLabel('角色')).toHaveValue('unit_rep');
	await expect(member.getByLabel('代表单位')).toHaveValue(/.+/);

	// The board's record says who joined, and how.
	await page.goto(`/boards/${seeded.boardId}/activity?list=events`);
	await expect(page.getByTestId('feed-item').first()).toContainText(
		'许然（华信科技有限公司） 通过邀请链接加入，成为单位代表 · 华信科技有限公司'
	);
	await page.goBack();

	// Another link, revoked before anyone uses it, is refused.
	const revoked = await createLink(page, 'member', { multi: true });
	const newest = page.getByTestId('invite-row').first();
	await expect(newest).toContainText('已使用 0 次 · 多人可用');
	await newest.getByRole('button', { name: '撤销' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已撤销邀请链接' })).toBeVisible();
	await expect(page.getByTestId('new-invite')).toHaveCount(0); // the link is not shown again
	await expect(page.getByTestId('invite-row').first()).toHaveAttribute('data-status', 'revoked');
	const refused = await newcomer.goto(revoked);
	expect(refused?.status()).toBe(404);
	await expect(newcomer.getByTestId('invite-invalid')).toHaveText('此邀请链接无效');
	await expect(newcomer.getByText('请向联席会书记/秘书索取新的邀请链接')).toBeVisible();

	// An unknown link says the same.
	expect((await newcomer.goto('/join/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'))?.status()).toBe(404);
	await expect(newcomer.getByTestId('invite-invalid')).toHaveText('此邀请链接无效');

	// The representative may not manage the council.
	const forbidden = await newcomer.goto(`/councils/${seeded.councilId}`);
	expect(forbidden?.status()).toBe(403);
	await expect(
		newcomer.getByText('只有本联席会的书记/秘书可以管理成员单位、邀请和成员')
	).toBeVisible();
	await fresh.close();
});

test('an existing member signs in through a link and is told their role changes; deleting a unit asks first', async ({
	app,
	signedIn
}) => {
	const { seeded } = app;
	const { page } = await signedIn(seeded.people.secretary);
	await page.goto(`/councils/${seeded.councilId}`);
	const units = page.locator('#units');
	await units.getByLabel('单位名称').fill('暖阳社会工作服务中心');
	await units.getByLabel('类型').selectOption('social');
	await units.getByRole('button', { name: '添加单位' }).click();
	await expect(units.getByRole('status')).toHaveText('已添加单位 暖阳社会工作服务中心');
	const link = await createLink(page, 'unit_rep', { unit: '暖阳社会工作服务中心' });

	// The observer, already in the council, opens it while signed in.
	const observer = (await signedIn(seeded.people.observer)).page;
	await observer.goto(link);
	await expect(observer.getByTestId('role-change')).toHaveText(
		'你已是本联席会的“列席观察”，接受后你的角色将改为“单位代表 · 暖阳社会工作服务中心”。'
	);
	await observer.getByRole('button', { name: '接受邀请并加入' }).click();
	await expect(observer).toHaveURL(new RegExp(`/boards/${seeded.boardId}$`));
	await expect(observer.getByTestId('read-only')).toHaveCount(0);

	// Deleting the unit says what goes with it, and takes its representative out of the council.
	const row = units.getByTestId('unit-row').filter({ hasText: '暖阳社会工作服务中心' });
	await page.reload();
	await expect(row).toContainText('单位代表 1 人');
	await row.getByRole('button', { name: '删除' }).click();
	const dialog = page.getByRole('alertdialog');
	await expect(dialog).toContainText('删除单位“暖阳社会工作服务中心”？');
	await expect(dialog).toContainText(
		'该单位的 1 名单位代表将随之移出本联席会，为该单位生成的邀请链接全部失效'
	);
	await dialog.getByRole('button', { name: '取消' }).click();
	await expect(row).toBeVisible();
	await row.getByRole('button', { name: '删除' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
	await expect(units.getByRole('status')).toHaveText('已删除单位 暖阳社会工作服务中心');
	await expect(row).toHaveCount(0);
	await expect(
		page.getByTestId('member-row').filter({ hasText: seeded.people.observer.displayName })
	).toHaveCount(0);

	// Put the observer back for the tests that follow.
	const back = await createLink(page, 'observer');
	await observer.goto(back);
	await observer.getByRole('button', { name: '接受邀请并加入' }).click();
	await expect(observer).toHaveURL(new RegExp(`/boards/${seeded.boardId}$`));
	await expect(observer.getByTestId('read-only')).toBeVisible();
});

test('joining through a link works without JavaScript', async ({ app, signedIn, browser }) => {
	const { page } = await signedIn(app.seeded.people.secretary);
	await page.goto(`/councils/${app.seeded.councilId}`);
	const link = await createLink(page, 'observer');

	// Without scripts the forms post as plain forms: the page's referrer policy must still let the
	// browser say where the post comes from, or the server refuses it as cross-site.
	const context = await browser.newContext({
		baseURL: app.server.url,
		locale: 'zh-CN',
		javaScriptEnabled: false
	});
	const newcomer = await context.newPage();
	await newcomer.goto(link);
	await newcomer.getByLabel('用户名').fill(`noscript-${Math.random().toString(36).slice(2, 8)}`);
	await newcomer.getByLabel('姓名').fill('周敏');
	await newcomer.getByLabel('密码', { exact: true }).fill('zhou-min-password');
	await newcomer.getByLabel('确认密码').fill('zhou-min-password');
	await newcomer.getByRole('button', { name: '创建账户并加入' }).click();
	await expect(newcomer).toHaveURL(new RegExp(`/boards/${app.seeded.boardId}$`));
	await context.close();
});
