// Two people typing in one field at the same moment, in two real browsers: each person's text must
// stay in one piece (Yjs never interleaves two runs by itself; only a caret pushed past the other's
// character does), and both screens must agree.
import type { Locator, Page } from '@playwright/test';
import { test, expect, addItem, openBoard, openTab } from './fixtures.ts';

const SECRETARY_TYPES = '车库B1层有40个充电桩';
const MEMBER_TYPES = '夜间充电请排队预约';

/** Puts the caret at `at` in the field (or at the end). */
async function caretAt(field: Locator, at: number | 'end') {
	await field.click();
	await field.evaluate((el: HTMLInputElement | HTMLTextAreaElement, at) => {
		const index = at === 'end' ? el.value.length : at;
		el.setSelectionRange(index, index);
	}, at);
}

async function detailsOf(page: Page): Promise<Locator> {
	await openTab(page, 'needs');
	return page.getByTestId('needs-item').first().getByLabel('详细说明');
}

for (const [where, initial, at] of [
	['an empty field', '', 0],
	['the start of a field', '电动车充电。', 0],
	['the middle of a field', '电动车充电。地面车位', 6],
	['the end of a field', '电动车充电。', 'end'],
	['a textarea, across line breaks', '一、充电\n二、停车\n', 5]
] as const) {
	test(`two people typing at once at ${where} each keep their text in one piece`, async ({
		app,
		signedIn
	}) => {
		const { seeded } = app;
		const secretary = (await signedIn(seeded.people.secretary)).page;
		const member = (await signedIn(seeded.people.member)).page;
		await openBoard(secretary, seeded.boardId);
		await openTab(secretary, 'needs');
		await addItem(
			secretary,
			secretary.getByRole('button', { name: '新增需求' }),
			`充电桩 ${where}`
		);
		const mine = await detailsOf(secretary);
		if (initial) await mine.fill(initial);
		await openBoard(member, seeded.boardId);
		const theirs = await detailsOf(member);
		await expect(theirs).toHaveValue(initial);

		await caretAt(mine, at);
		await caretAt(theirs, at);
		const memberRun = where.includes('textarea') ? '夜间充电\n请排队预约' : MEMBER_TYPES;
		// Both at the same time, a key every 40 ms: each sees the other's characters arrive between its own.
		await Promise.all([
			secretary.keyboard.type(SECRETARY_TYPES, { delay: 40 }),
			member.keyboard.type(memberRun, { delay: 40 })
		]);

		const expectedLength = initial.length + SECRETARY_TYPES.length + memberRun.length;
		await expect(mine).toHaveValue(new RegExp(`^[\\s\\S]{${expectedLength}}$`));
		const value = await mine.inputValue();
		await expect(theirs).toHaveValue(value);
		expect(value).toContain(SECRETARY_TYPES);
		expect(value).toContain(memberRun);
		// What was there before is still there, around the two runs.
		expect(value.replace(SECRETARY_TYPES, '').replace(memberRun, '')).toBe(initial);
	});
}
