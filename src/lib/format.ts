import type { Locale } from './i18n/index.ts';

/** The councils' time zone (every council is in China for now): the one place to change it. */
export const COUNCIL_TIME_ZONE = 'Asia/Shanghai';

/** A moment as date and time of day in the reader's language. Shown in China Standard Time, the
 *  councils' own time, so that the server's rendering and the browser's are the same text. */
export function formatDateTime(locale: Locale, date: Date): string {
	return new Intl.DateTimeFormat(locale, {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: COUNCIL_TIME_ZONE
	}).format(date);
}

/** The council's calendar day of a moment, YYYY-MM-DD. */
const dayOf = (date: Date) =>
	new Intl.DateTimeFormat('en-CA', {
		timeZone: COUNCIL_TIME_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(date);

/** A moment of today as its time of day alone (a check-in: "08:55", "8:55 AM"), in the same time
 *  zone; a moment of another day with its date as well, so that a check-in made days before the
 *  meeting never reads as one made this morning. */
export function formatMoment(locale: Locale, date: Date | string, now = new Date()): string {
	const moment = new Date(date);
	if (dayOf(moment) !== dayOf(now)) return formatDateTime(locale, moment);
	return new Intl.DateTimeFormat(locale, {
		timeStyle: 'short',
		timeZone: COUNCIL_TIME_ZONE
	}).format(moment);
}

/** A moment's calendar day in the reader's language ("2026年6月28日", "Jun 28, 2026"), in the councils' time zone. */
export function formatDay(locale: Locale, date: Date): string {
	return new Intl.DateTimeFormat(locale, {
		dateStyle: 'medium',
		timeZone: COUNCIL_TIME_ZONE
	}).format(date);
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九: how official documents number their points. */
export function chineseNumber(n: number): string {
	if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
	const tens = Math.floor(n / 10);
	const ones = n % 10;
	return (tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`) + DIGITS[ones];
}
