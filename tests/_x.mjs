import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
async function login(user, viewport) {
	const ctx = await browser.newContext({ baseURL: 'http://localhost:3999', locale: 'zh-CN', viewport });
	const page = await ctx.newPage();
	await page.goto('/login');
	await page.fill('#username', user);
	await page.fill('#password', 'gongjian-demo');
	await page.click('button[type=submit]');
	await page.waitForURL('http://localhost:3999/');
	return page;
}
const sec = await login('demo-secretary', { width: 1280, height: 1000 });
const board = await sec.locator('a[href^="/boards/"]').last().getAttribute('href');
await sec.goto(board);
await sec.getByTestId('tab-meetings').click();
await sec.getByTestId('meeting').first().waitFor();
await sec.screenshot({ path: '/tmp/meetings.png', fullPage: true });
const id = board.split('/').pop();
const res = await sec.request.get(`/api/boards/${id}/export?format=docx&document=minutes`);
console.log(res.status(), res.headers()['content-disposition']);
writeFileSync('/tmp/minutes.docx', await res.body());
const rep = await login('demo-rep1', { width: 375, height: 800 });
await rep.goto(board);
await rep.getByTestId('tab-meetings').click();
await rep.getByTestId('meeting').first().waitFor();
await rep.screenshot({ path: '/tmp/meetings-phone.png', fullPage: true });
await browser.close();
