// Playwright fixtures: a real server per worker on a seeded store of its own (tests/helpers/store.ts),
// and browser contexts signed in as the seeded people.
import {
	test as base,
	expect,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page
} from '@playwright/test';
import { seed, type Person, type Seeded } from '../helpers/seed.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

type WorkerFixtures = { app: { server: RunningServer; seeded: Seeded } };
type TestFixtures = {
	signedIn: (person: Person) => Promise<{ context: BrowserContext; page: Page }>;
	closesItsContexts: void;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
	app: [
		async ({}, use) => {
			const seeded = await seed();
			const server = await startServer({ database: seeded.database });
			await use({ server, seeded });
			await server.stop();
			await seeded.drop();
		},
		{ scope: 'worker' }
	],
	signedIn: async ({ browser, app }, use) => {
		const contexts: BrowserContext[] = [];
		await use(async (person) => {
			const context = await signedInContext(browser, app.server.url, person);
			contexts.push(context);
			return { context, page: await context.newPage() };
		});
		for (const context of contexts) await context.close();
	},
	// The browser lives as long as the worker: a context a test opened itself (a phone, a second
	// person) is closed after it, or its pages stay connected to the board and load every later test.
	closesItsContexts: [
		async ({ browser }, use) => {
			const before = new Set(browser.contexts());
			await use();
			for (const context of browser.contexts()) if (!before.has(context)) await context.close();
		},
		{ auto: true }
	]
});

/** A browser context on `url` with `person`'s session cookie. */
export async function signedInContext(
	browser: Browser,
	url: string,
	person: Person
): Promise<BrowserContext> {
	const context = await browser.newContext({ baseURL: url, locale: 'zh-CN' });
	const [name, value] = person.cookie.split('=') as [string, string];
	await context.addCookies([{ name, value, url, httpOnly: true, sameSite: 'Lax' }]);
	return context;
}

/** A server of its own on a fresh seed, for a test that changes what every other test relies on. */
export async function ownServer(): Promise<{
	server: RunningServer;
	seeded: Seeded;
	stop(): Promise<void>;
}> {
	const seeded = await seed();
	const server = await startServer({ database: seeded.database });
	return {
		server,
		seeded,
		async stop() {
			await server.stop();
			await seeded.drop();
		}
	};
}

export { expect };

/** Opens the seeded board and waits until its live connection is up. */
export async function openBoard(page: Page, boardId: string) {
	await page.goto(`/boards/${boardId}`);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
}

/** Shows one of the board's tabs: needs, pledges, plan, commitments, matching. */
export async function openTab(
	page: Page,
	tab: 'needs' | 'pledges' | 'plan' | 'commitments' | 'matching' | 'meetings'
) {
	await page.getByTestId(`tab-${tab}`).click();
	await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('data-state', 'active');
}

/** Adds an item with `add` and types its heading once the new item's heading field has the caret. */
export async function addItem(page: Page, add: Locator, heading: string) {
	await add.click();
	await expect
		.poll(() => page.evaluate(() => document.activeElement?.id ?? ''))
		.toMatch(/-(title|content)$/);
	await page.keyboard.type(heading);
}
