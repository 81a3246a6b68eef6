import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's Chromium where it is installed (CI installs it); Playwright's own browser elsewhere.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
	testDir: './e2e',
	outputDir: '../test-results',
	// Each worker runs its own server; two cores fit one worker best.
	workers: 1,
	timeout: 60_000,
	expect: { timeout: 5_000 },
	forbidOnly: !!process.env.CI,
	reporter: 'list',
	use: {
		locale: 'zh-CN',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: existsSync(chromium) ? chromium : undefined,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	}
});
