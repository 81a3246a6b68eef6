import { describe, expect, it } from 'vitest';
import { textWidth, titleLines, titlePieces } from './title-lines.ts';

const lines = (title: string, names: string[], capacity = 20) =>
	titleLines(titlePieces(title, names, capacity), capacity);

describe('标题回行', () => {
	it('breaks a title between its names, into balanced lines, leaving no character alone', () => {
		expect(
			lines('幸福里社区党建联席会2026年第三季度共驻共建项目清单', [
				'幸福里社区党建联席会',
				'2026年第三季度'
			])
		).toEqual(['幸福里社区党建联席会', '2026年第三季度共驻共建项目清单']);
		expect(
			lines('幸福里社区党建联席会2026年第三季度联席会议纪要', [
				'幸福里社区党建联席会',
				'2026年第三季度联席会议'
			])
		).toEqual(['幸福里社区党建联席会', '2026年第三季度联席会议纪要']);
		// On a wider line it stays whole.
		expect(
			lines('幸福里社区党建联席会2026年第三季度共驻共建项目清单', ['幸福里社区党建联席会'], 31)
		).toEqual(['幸福里社区党建联席会2026年第三季度共驻共建项目清单']);
	});

	it('never leaves a lone character on a line, however narrow', () => {
		for (let capacity = 6; capacity <= 30; capacity++) {
			const got = lines(
				'春晖街道幸福里社区党建联席会2027年第一季度共驻共建项目清单',
				['春晖街道幸福里社区党建联席会', '2027年第一季度'],
				capacity
			);
			expect(got.join('')).toBe('春晖街道幸福里社区党建联席会2027年第一季度共驻共建项目清单');
			for (const line of got) expect(textWidth(line)).toBeLessThanOrEqual(capacity);
			if (got.length > 1) for (const line of got) expect([...line].length).toBeGreaterThan(1);
		}
	});

	it('never starts a line with a comma', () => {
		const got = lines('Minutes of the 2026年第三季度联席会议, 幸福里社区党建联席会', [
			'2026年第三季度联席会议',
			'幸福里社区党建联席会'
		]);
		expect(got.join(' ').replace(/ +/g, ' ')).toBe(
			'Minutes of the 2026年第三季度联席会议, 幸福里社区党建联席会'
		);
		for (const line of got) expect(line).not.toMatch(/^[,，]/);
	});

	it('breaks English at spaces', () => {
		expect(
			lines(
				'Xingfuli Community Council 2026 Q3 joint-building plan',
				['Xingfuli Community Council', '2026 Q3'],
				20
			)
		).toEqual(['Xingfuli Community Council', '2026 Q3 joint-building plan']);
	});
});

describe('a very long title', () => {
	it('is cut quickly, each line within the width', () => {
		const title = '春晖街道幸福里社区'.repeat(22);
		const started = performance.now();
		const got = titleLines(titlePieces(title, [], 20), 20);
		expect(performance.now() - started).toBeLessThan(2000);
		expect(got.join('')).toBe(title);
		for (const line of got) expect(textWidth(line)).toBeLessThanOrEqual(20);
	});
});
