import type { Locale } from './i18n/index.ts';

/** A moment as date and time of day in the reader's language. Shown in China Standard Time, the
 *  councils' own time, so that the server's rendering and the browser's are the same text. */
export function formatDateTime(locale: Locale, date: Date): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(date);
}
