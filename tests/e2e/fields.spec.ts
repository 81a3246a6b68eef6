// What a field says about itself: where the focus is, in a colour of its own (not the error red, so
// that the field being typed in never looks wrong); how long a text may be, in the message; and a
// date that cannot be (a five-digit year typed into the date field) refused beside the field, with
// nothing broken in the console.
import type { Locator, Page } from '@playwright/test';
import { test, expect, openBoard, openTab, ownServer, signedInContext } from './fixtures.ts';
import { connect } from '../helpers/yclient.ts';
import { addItem } from '../../src/lib/board/ydoc/list.ts';
import { NEEDS, PLAN } from '../../src/lib/board/model/lists/index.ts';

type Rgb = [number, number, number];

/** A CSS colour as the screen shows it over white, read back from a canvas pixel (any syntax the
 *  browser knows: rgb(), oklab(), color-mix()…). */
async function onWhite(page: Page, colour: string): Promise<Rgb> {
	return page.evaluate((colour) => {
		const canvas = Object.assign(document.createElement('canvas'), { width: 1, height: 1 });
		const context = canvas.getContext('2d')!;
		context.fillStyle = '#fff';
		context.fillRect(0, 0, 1, 1);
		context.fillStyle = colour;
		context.fillRect(0, 0, 1, 1);
		const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
		return [r!, g!, b!] as Rgb;
	}, colour);
}

/** The colours a control shows around itself: its border, its outline (if drawn) and the rings of its
 *  box-shadow (the layers that spread). */
async function edges(
	control: Locator
): Promise<{ border: string; outline: string | null; rings: string[] }> {
	return control.evaluate((element) => {
		const style = getComputedStyle(element);
		const layers = style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\))/);
		const rings = layers
			.map((layer) => ({
				colour: /^\s*((?:rgba?|oklab|oklch|color|lab|lch)\([^)]*\)|#\w+)/.exec(layer)?.[1] ?? '',
				lengths: [...layer.matchAll(/(-?[\d.]+)px/g)].map((m) => Number(m[1]))
			}))
			.filter((l) => l.colour && (l.lengths[3] ?? 0) > 0 && !/,\s*0\)$|\/\s*0\)$/.test(l.colour))
			.map((l) => l.colour);
		return {
			border: style.borderTopColor,
			outline:
				style.outlineStyle === 'none' || style.outlineWidth === '0px' ? null : style.outlineColor,
			rings
		};
	});
}

const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

test('the focus is shown in its own colour, never the error red: on a field, on an invalid field and on a button', async ({
	browser
}) => {
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		const board = connect(server.wsUrl, seeded.room, seeded.people.secretary.cookie);
		await board.synced;
		addItem(board.doc, NEEDS, { title: '独居老人定期探访' });
		addItem(board.doc, NEEDS, { title: '长'.repeat(201) });
		await new Promise((r) => setTimeout(r, 300));
		board.destroy();

		const page = await (
			await signedInContext(browser, server.url, seeded.people.secretary)
		).newPage();
		await page.setViewportSize({ width: 1366, height: 768 });
		await openBoard(page, seeded.boardId);
		const [fine, tooLong] = [0, 1].map((i) =>
			page.getByTestId('needs-item').nth(i).getByLabel('需求', { exact: true })
		);
		await expect(tooLong!).toHaveAttribute('aria-invalid', 'true');

		// The error red: an invalid field's border, nothing focused.
		const red = await onWhite(page, (await edges(tooLong!)).border);
		expect(red[0], 'an invalid field is red').toBeGreaterThan(red[2]! + 80);

		await fine!.click();
		const focused = await edges(fine!);
		expect(focused.rings.length, 'a focused field has a ring').toBeGreaterThan(0);
		for (const colour of [focused.border, ...focused.rings]) {
			expect(
				distance(await onWhite(page, colour), red),
				`a focused field’s ${colour} is far from the error red`
			).toBeGreaterThan(120);
		}
		await page.screenshot({
			path: test.info().outputPath('focus-field.png'),
			clip: { x: 0, y: 300, width: 1366, height: 468 }
		});

		// Focused and invalid: the border stays red (it is still wrong), the ring says where the caret is.
		await tooLong!.click();
		const both = await edges(tooLong!);
		expect(distance(await onWhite(page, both.border), red)).toBeLessThan(30);
		expect(both.rings.length).toBeGreaterThan(0);
		for (const colour of both.rings)
			expect(
				distance(await onWhite(page, colour), red),
				`the ring ${colour} of a focused invalid field`
			).toBeGreaterThan(120);

		// A button reached with the keyboard.
		await page.getByTestId('add-needs').focus();
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Tab');
		const button = await edges(page.getByTestId('add-needs'));
		expect(button.outline, 'a button focused from the keyboard has an outline').not.toBeNull();
		expect(
			distance(await onWhite(page, button.outline!), red),
			'the button’s outline is not red'
		).toBeGreaterThan(120);
		await page.screenshot({
			path: test.info().outputPath('focus-button.png'),
			clip: { x: 0, y: 300, width: 1366, height: 468 }
		});
	} finally {
		await own.stop();
	}
});

test('a text over its limit says the limit; a date with a five-digit year is refused beside its field, with nothing in the console', async ({
	browser
}) => {
	const own = await ownServer();
	try {
		const { seeded, server } = own;
		const board = connect(server.wsUrl, seeded.room, seeded.people.secretary.cookie);
		await board.synced;
		addItem(board.doc, NEEDS, { title: '长'.repeat(201) });
		addItem(board.doc, PLAN, { title: '重阳节敬老义诊', start: '2026-10-01', end: '2026-10-31' });
		await new Promise((r) => setTimeout(r, 300));
		board.destroy();

		const page = await (
			await signedInContext(browser, server.url, seeded.people.secretary)
		).newPage();
		const problems: string[] = [];
		page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
		page.on('pageerror', (error) => problems.push(error.message));
		await page.setViewportSize({ width: 1366, height: 768 });
		await openBoard(page, seeded.boardId);

		const need = page.getByTestId('needs-item').first();
		await expect(need.getByRole('alert')).toHaveText('内容过长（最多 200 字）');

		await openTab(page, 'plan');
		const start = page.getByTestId('plan-item').first().getByLabel('开始日期');
		await expect(start).toHaveValue('2026-10-01');
		// Typed as a person does, segment by segment (the field reads 月/日/年 here): the year gets a fifth digit.
		await start.click({ position: { x: 20, y: 20 } });
		await page.keyboard.type('01');
		await page.keyboard.type('01');
		await page.keyboard.type('20266');
		await page.keyboard.press('Tab');
		await expect(start).toHaveAttribute('aria-invalid', 'true');
		const message = page
			.getByTestId('plan-item')
			.first()
			.locator(`#${await start.getAttribute('id')}-error`);
		await expect(message).toHaveText('不是有效的日期（如 2026-12-01）');
		await page.screenshot({ path: test.info().outputPath('date-five-digit-year.png') });
		// The field keeps what was typed, so the person sees what to fix.
		await expect(start).toHaveValue('20266-01-01');
		expect(problems, 'the console').toEqual([]);

		// A real date clears the message.
		await start.fill('2026-11-01');
		await expect(message).toHaveCount(0);
		await expect(start).toHaveAttribute('aria-invalid', 'false');
		expect(problems, 'the console').toEqual([]);
	} finally {
		await own.stop();
	}
});
