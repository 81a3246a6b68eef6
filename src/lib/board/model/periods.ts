// The order of a council's boards in time, for everything that reads them period by period (the
// council dashboard; the scorecard, where a commitment carried over counts as the latest board has
// it). Boards are not always made in the order of their periods (a past quarter imported from its
// JSON later, the demo's last quarter made after this one), so the order comes from what the
// period says: its year (boardYear), then the part of the year it names (第三季度, Q3, 上半年, 10月),
// then when the board was made. A board made from another (previousBoardId) always comes after it.

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

/** The last month of the part of the year a period names, or 13 (after every part) when it names none. */
export function periodMonth(period: string): number {
	const quarter = /(?:第\s*)?([一二三四1-4])\s*季度|Q\s*([1-4])/i.exec(period);
	if (quarter) return 3 * (CN_DIGITS[quarter[1] ?? ''] ?? Number(quarter[1] ?? quarter[2]));
	if (/上半年/.test(period)) return 6;
	if (/下半年/.test(period)) return 12;
	const month = /(?:^|[^\d])(1[0-2]|0?[1-9])\s*月/.exec(period);
	if (month) return Number(month[1]);
	return 13;
}

export interface Dated {
	id: string;
	period: string;
	createdAt: Date;
	previousBoardId?: string | null;
}

/** Oldest first. */
export function inPeriodOrder<B extends Dated>(boards: B[]): B[] {
	const key = (b: B) => [boardYear(b), periodMonth(b.period), b.createdAt.getTime()] as const;
	const sorted = [...boards].sort((a, b) => {
		const [ka, kb] = [key(a), key(b)];
		return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
	});
	// Then each board after the one it was made from (if that is among them): the first in that
	// order whose previous board is already placed goes next (a loop of links: the first left).
	const ids = new Set(boards.map((b) => b.id));
	const placed = new Set<string>();
	const out: B[] = [];
	while (out.length < sorted.length) {
		const left = sorted.filter((b) => !placed.has(b.id));
		const next =
			left.find(
				(b) => !b.previousBoardId || !ids.has(b.previousBoardId) || placed.has(b.previousBoardId)
			) ?? left[0]!;
		placed.add(next.id);
		out.push(next);
	}
	return out;
}

const HALVES: Record<string, string> = { 上: 'H1', 下: 'H2' };

/**
 * A period as an English reader says it, where it is one of the names a council writes
 * (2026年第三季度 → 2026 Q3, 2026年上半年 → 2026 H1, 2026年10月 → Oct 2026); anything else as it was typed.
 * Chinese readers get it as typed.
 */
export function periodName(period: string, locale: string): string {
	if (locale === 'zh-CN') return period;
	const text = period.trim();
	const quarter = /^(\d{4})\s*年\s*第\s*([一二三四1-4])\s*季度$/.exec(text);
	if (quarter) return `${quarter[1]} Q${CN_DIGITS[quarter[2]!] ?? quarter[2]}`;
	const half = /^(\d{4})\s*年\s*([上下])半年$/.exec(text);
	if (half) return `${half[1]} ${HALVES[half[2]!]}`;
	const month = /^(\d{4})\s*年\s*(1[0-2]|0?[1-9])\s*月$/.exec(text);
	if (month)
		return new Intl.DateTimeFormat(locale, {
			month: 'short',
			year: 'numeric',
			timeZone: 'UTC'
		}).format(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
	return period;
}

/** The year a board belongs to: the first year written in its period (2026年第四季度), else the year it was made. */
export function boardYear(board: { period: string; createdAt: Date }): number {
	const written = /(19|20)\d{2}/.exec(board.period);
	return written ? Number(written[0]) : board.createdAt.getFullYear();
}
