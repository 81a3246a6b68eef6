// A person's own sessions: changing the password ends their other sign-ins (and the board open
// there says so), signing out everywhere ends all of them, and an administrator's one-time reset
// link sets a new password once.
import { eq } from 'drizzle-orm';
import type { Browser, Page } from '@playwright/test';
import { test, expect, openBoard, ownServer, signedInContext } from './fixtures.ts';
import { PASSWORD } from '../helpers/seed.ts';
import { postAction } from '../helpers/actions.ts';
import { withStore } from '../helpers/store.ts';
import { tables } from '../../src/lib/server/db/index.ts';

/** Signs in through the form in a new context; returns once the sign-in's answer has come (its
 * cookie set or its error shown), so that the next navigation does not race it. */
async function signIn(
	browser: Browser,
	url: string,
	username: string,
	password: string
): Promise<Page> {
	const context = await browser.newContext({ baseURL: url, locale: 'zh-CN' });
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(password);
	const answered = page.waitForResponse((response) => response.request().method() === 'POST');
	await page.getByRole('button', { name: '登录' }).click();
	await answered;
	return page;
}

test('changing one’s password ends the other sign-ins; signing out everywhere ends them all', async ({
	browser
}) => {
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		const rep = seeded.people.hospitalRep;
		const desk = await (await signedInContext(browser, server.url, rep)).newPage();
		const phone = await signIn(browser, server.url, rep.username, PASSWORD);
		await expect(phone).not.toHaveURL(/\/login/);
		await phone.setViewportSize({ width: 375, height: 812 });
		await openBoard(phone, seeded.boardId);

		await desk.goto('/');
		await desk.getByTestId('current-user').click();
		await expect(desk).toHaveURL(/\/account$/);
		await desk.getByLabel('当前密码').fill('not-my-password');
		await desk.getByLabel('新密码').fill('a-new-password');
		await desk.getByLabel('确认密码').fill('a-new-password');
		await desk.getByRole('button', { name: '保存新密码' }).click();
		await expect(
			desk.getByText('当前密码', { exact: true }).locator('..').getByRole('alert')
		).toHaveText('当前密码不正确');
		await desk.getByLabel('当前密码').fill(PASSWORD);
		await desk.getByLabel('新密码').fill('a-new-password');
		await desk.getByLabel('确认密码').fill('another-one');
		await desk.getByRole('button', { name: '保存新密码' }).click();
		await expect(desk.getByText('确认密码').locator('..').getByRole('alert')).toHaveText(
			'两次输入的密码不一致'
		);
		await desk.getByLabel('当前密码').fill(PASSWORD);
		await desk.getByLabel('新密码').fill('a-new-password');
		await desk.getByLabel('确认密码').fill('a-new-password');
		await desk.getByRole('button', { name: '保存新密码' }).click();
		await expect(desk.getByTestId('password-changed')).toBeVisible();
		await desk.setViewportSize({ width: 1366, height: 768 });
		await desk.screenshot({ path: 'test-results/account-1366.png' });

		// The phone's board is told at once that its sign-in ended; its next page is the sign-in.
		await expect(phone.getByTestId('connection-closed')).toContainText('登录已失效');
		await phone.goto('/');
		await expect(phone).toHaveURL(/\/login/);
		// This desk stays signed in.
		await desk.goto('/');
		await expect(desk).not.toHaveURL(/\/login/);

		const old = await signIn(browser, server.url, rep.username, PASSWORD);
		await expect(old.getByRole('alert')).toHaveText('用户名或密码不正确');
		const again = await signIn(browser, server.url, rep.username, 'a-new-password');
		await expect(again).not.toHaveURL(/\/login/);

		await again.setViewportSize({ width: 375, height: 812 });
		await again.goto('/account');
		await again.screenshot({ path: 'test-results/account-375.png', fullPage: true });
		await desk.goto('/account');
		await desk.getByTestId('sign-out-everywhere').click();
		await expect(desk).toHaveURL(/\/login$/);
		await again.goto('/');
		await expect(again).toHaveURL(/\/login/);
	} finally {
		await own.stop();
	}
});

test('an administrator’s reset link sets a new password once, and ends the person’s sessions', async ({
	browser
}) => {
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		await withStore(seeded.database, async (db) => {
			const { users } = tables(db);
			await db.update(users).set({ isAdmin: true }).where(eq(users.id, seeded.people.secretary.id));
		});
		const person = seeded.people.member2;

		// Only an administrator may make one.
		const refused = await postAction(server.url, '/admin?/resetLink', seeded.people.member.cookie, {
			userId: person.id
		});
		expect(refused.status).toBe(403);

		const admin = await (
			await signedInContext(browser, server.url, seeded.people.secretary)
		).newPage();
		await admin.goto('/admin');
		const row = admin.locator(`[data-testid=admin-user][data-username="${person.username}"]`);
		await row.getByTestId('reset-link').click();
		const link = await row.getByTestId('reset-link-url').inputValue();
		await admin.setViewportSize({ width: 1366, height: 768 });
		await admin.screenshot({ path: 'test-results/admin-1366.png', fullPage: true });
		expect(link).toMatch(new RegExp(`^${server.url}/reset/[a-z0-9]+$`));

		const stillSignedIn = await (await signedInContext(browser, server.url, person)).newPage();
		const visitor = await (
			await browser.newContext({ baseURL: server.url, locale: 'zh-CN' })
		).newPage();
		await visitor.setViewportSize({ width: 375, height: 812 });
		const response = await visitor.goto(link);
		expect(response?.headers()['cache-control']).toBe('no-store');
		await expect(
			visitor.getByText(`为 ${person.displayName}（${person.username}）设置新密码`)
		).toBeVisible();
		await visitor.getByLabel('新密码').fill('short');
		await visitor.getByLabel('确认密码').fill('short');
		await visitor.getByRole('button', { name: '设置新密码' }).click();
		await visitor.screenshot({ path: 'test-results/reset-375.png' });
		await expect(
			visitor.getByText('新密码', { exact: true }).locator('..').getByRole('alert')
		).toHaveText('密码至少 8 位');
		await visitor.getByLabel('新密码').fill('reset-password');
		await visitor.getByLabel('确认密码').fill('reset-password');
		await visitor.getByRole('button', { name: '设置新密码' }).click();
		await expect(visitor).toHaveURL(/\/login\?reset=1$/);
		await expect(visitor.getByTestId('password-reset-done')).toBeVisible();
		await visitor.getByLabel('用户名').fill(person.username);
		await visitor.getByLabel('密码').fill('reset-password');
		await visitor.getByRole('button', { name: '登录' }).click();
		await expect(visitor).not.toHaveURL(/\/login/);

		// The link works once; the session from before the reset has ended.
		await visitor.goto(link);
		await expect(visitor.getByTestId('reset-invalid')).toHaveText('此重置链接无效');
		await stillSignedIn.goto('/');
		await expect(stillSignedIn).toHaveURL(/\/login/);
	} finally {
		await own.stop();
	}
});
