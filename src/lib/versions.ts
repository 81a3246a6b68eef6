// What the browser and the server share about versions.
import type { Locale, Translate } from './i18n/index.ts';
import { formatDay } from './format.ts';

export const LABEL_MAX = 100;

/**
 * How a version is named to a reader. One a person saved keeps the name they typed; the ones the
 * system makes (automatic, agreed, kept before a restore) are named from their kind and day in the
 * reader's language, whatever words were stored with them (the stored label is in the language of
 * whoever was signed in then: "审议通过 2026/6/28"). Without a day, an agreed version is named alone.
 */
export function versionName(
	version: { label: string; kind: string; createdAt?: Date | string },
	t: Translate,
	locale: Locale
): string {
	switch (version.kind) {
		case 'auto':
			return t('versions.autoLabel');
		case 'before_restore':
			return t('versions.beforeRestoreName');
		case 'agreed':
			return version.createdAt
				? t('agreement.agreedVersion', { date: formatDay(locale, new Date(version.createdAt)) })
				: t('versions.agreedName');
		default:
			return version.label;
	}
}
