// Accounts in the browser: the first run on a fresh store (the setup code from the log, the first
// council and account), signing in and out, and switching the interface's language.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { startServer } from '../helpers/server.ts';
import { PASSWORD } from '../helpers/seed.ts';
import { newTestStore } from '../helpers/store.ts';

test('first run: the administrator is created with the setup code from the log, then builds a council', async ({
	browser
}) => {
	const fresh = await newTestStore();
	const server = await startServer({ database: fresh.location });
	try {
		const line = await server.waitForLog(/"setupCode":"/);
		const code = JSON.parse(line).setupCode as string;
		const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
		const page = await context.newPage();

		await page.goto('/');
		await expect(page).toHaveURL(/\/setup$/);
		await page.getByLabel('设置码').fill('WRONGCODE');
		await page.getByLabel('用户名').fill('admin');
		await page.getByLabel('姓名').fill('刘书记');
		await page.getByLabel('密码', { exact: true }).fill('short');
		await page.getByLabel('确认密码').fill('short');
		await page.getByRole('button', { name: '创建管理员并登录' }).click();
		await expect(page.getByText('设置码不正确')).toBeVisible();
		await expect(page.getByText('密码至少 8 位')).toBeVisible();
		// What was typed is still there.
		await expect(page.getByLabel('用户名')).toHaveValue('admin');
		await expect(page.getByLabel('姓名')).toHaveValue('刘书记');

		await page.getByLabel('设置码').fill(code);
		await page.getByLabel('密码', { exact: true }).fill('a-long-password');
		await page.getByLabel('确认密码').fill('a-long-password');
		await page.getByRole('button', { name: '创建管理员并登录' }).click();
		await expect(page).toHaveURL(/\/admin$/);

		// The setup page is gone for good.
		await page.goto('/setup');
		await expect(page).not.toHaveURL(/\/setup$/);

		await page.goto('/admin');
		await page.getByLabel('联席会名称').fill('幸福里社区党建联席会');
		await page.getByRole('button', { name: '创建' }).first().click();
		await expect(page.getByText('所属社区').locator('..').getByRole('alert')).toHaveText(
			'此项必填'
		);
		await expect(page.getByLabel('联席会名称')).toHaveValue('幸福里社区党建联席会');
		// Submitting the other form meanwhile keeps what was typed in this one (and the other way round).
		await page.getByLabel('所属社区').fill('幸福里社区');
		await page.getByLabel('用户名').fill('wang');
		await page.getByRole('button', { name: '创建' }).nth(1).click();
		await expect(page.getByText('姓名').locator('..').getByRole('alert')).toBeVisible();
		await expect(page.getByLabel('联席会名称')).toHaveValue('幸福里社区党建联席会');
		await expect(page.getByLabel('所属社区')).toHaveValue('幸福里社区');
		await expect(page.getByLabel('用户名')).toHaveValue('wang');
		await page.getByRole('button', { name: '创建' }).first().click();
		// The page re-renders with the new council; type into the account form after that.
		await expect(page.getByText('幸福里社区党建联席会', { exact: true })).toBeVisible();
		await page.getByLabel('用户名').fill('wang');
		await page.getByLabel('姓名').fill('王建国');
		await page.getByLabel('密码').fill('wang-password');
		await page.getByRole('button', { name: '创建' }).nth(1).click();
		await expect(page.getByRole('status')).toHaveText('已创建账户 王建国');

		await page.getByRole('link', { name: '管理', exact: true }).last().click();
		await page.getByLabel('账户').selectOption({ label: '王建国 (@wang)' });
		await page.getByLabel('角色').selectOption('member');
		await page.getByRole('button', { name: '添加成员' }).click();
		await expect(page.getByText('@wang', { exact: true })).toBeVisible();
		// Boards are made on the council page, where its secretaries make them too.
		await page.getByRole('link', { name: '在联席会管理页面新建或导入计划板' }).click();
		const create = page.locator('form[action="?/createBoard"]');
		await create.getByLabel('标题').fill('共驻共建项目计划');
		await create.getByLabel('周期').fill('2026年第四季度');
		await create.getByRole('button', { name: '新建计划板' }).click();
		await expect(page.getByRole('status')).toHaveText('已新建计划板“共驻共建项目计划”');
		await page.getByTestId('council-boards').getByRole('link', { name: '打开' }).click();
		await expect(page.getByTestId('board-title')).toHaveText('共驻共建项目计划');
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');

		// The new member signs in and finds the board.
		const other = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
		const memberPage = await other.newPage();
		await memberPage.goto('/login');
		await memberPage.getByLabel('用户名').fill('wang');
		await memberPage.getByLabel('密码').fill('wang-password');
		await memberPage.getByRole('button', { name: '登录' }).click();
		await expect(memberPage.getByRole('link', { name: /共驻共建项目计划/ })).toBeVisible();
		await expect(memberPage.getByRole('link', { name: '管理' })).toHaveCount(0);
		await memberPage.goto('/admin');
		await expect(memberPage.getByText('403')).toBeVisible();
		await other.close();
		await context.close();
	} finally {
		await server.stop();
		await fresh.drop();
	}
});

test('sign in and out, with clear errors and a rate limit', async ({ app, browser }) => {
	const context = await browser.newContext({ baseURL: app.server.url, locale: 'zh-CN' });
	const page = await context.newPage();
	const person = app.seeded.people.member2;

	await page.goto(`/boards/${app.seeded.boardId}`);
	await expect(page).toHaveURL(/\/login\?next=/);
	await page.getByLabel('用户名').fill(person.username);
	await page.getByLabel('密码').fill('wrong-password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toHaveText('用户名或密码不正确');
	await expect(page.getByLabel('用户名')).toHaveValue(person.username);

	await page.getByLabel('密码').fill(PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL(new RegExp(`/boards/${app.seeded.boardId}$`));
	const cookie = (await context.cookies()).find((c) => c.name === 'gj_session');
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await page.goto('/');
	await expect(page).toHaveURL(/\/login/);

	// Five wrong passwords for one username, then even the right one is refused for a while.
	// Each attempt waits for the server's answer: the previous attempt's message is still on the page,
	// so checking the message alone could move on before this attempt was even sent.
	const submit = () =>
		Promise.all([
			page.waitForResponse(
				(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'
			),
			page.getByRole('button', { name: '登录' }).click()
		]);
	for (let i = 0; i < 5; i++) {
		await page.getByLabel('用户名').fill(person.username);
		await page.getByLabel('密码').fill(`wrong-${i}`);
		await submit();
		await expect(page.getByRole('alert')).toHaveText('用户名或密码不正确');
	}
	await page.getByLabel('密码').fill(PASSWORD);
	await submit();
	await expect(page.getByRole('alert')).toHaveText('登录尝试次数过多，请 15 分钟后再试');
	await context.close();
});

/** The text of every script the page has loaded, cached or not. */
async function scriptsOf(page: Page): Promise<string> {
	const urls = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((entry) => entry.name)
			.filter((name) => new URL(name).pathname.endsWith('.js'))
	);
	const texts = await Promise.all(urls.map(async (url) => (await page.request.get(url)).text()));
	return texts.join('\n');
}
/** One message of each dictionary, to tell which of them a page downloaded. */
const CHINESE_WORDS = '登录尝试次数过多';
const ENGLISH_WORDS = 'Too many sign-in attempts';

test('the interface switches to English and back, a Chinese page never downloading the English words', async ({
	app,
	signedIn
}) => {
	const { page } = await signedIn(app.seeded.people.secretary);
	await page.goto(`/boards/${app.seeded.boardId}`);
	await expect(page.getByRole('heading', { name: '需求清单' })).toBeVisible();
	const scripts = await scriptsOf(page);
	expect(scripts).toContain(CHINESE_WORDS);
	expect(scripts).not.toContain(ENGLISH_WORDS);
	await page.getByRole('button', { name: '切换语言' }).click();
	await expect(page.getByRole('heading', { name: 'Needs' })).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`/boards/${app.seeded.boardId}$`));
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	// English is fetched for those who chose it (Chinese, the default, comes with the code).
	expect(await scriptsOf(page)).toContain(ENGLISH_WORDS);
	await page.getByRole('button', { name: 'Switch language' }).click();
	await expect(page.getByRole('heading', { name: '需求清单' })).toBeVisible();
});
