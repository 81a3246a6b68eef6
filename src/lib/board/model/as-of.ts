// The day an export counts "overdue" against, and how the document says so: the one place for it.
// A version is a record of its day: exported months later, it still says what was overdue when it
// was saved (a plan agreed on 28 June has nothing overdue on 28 June), never what is overdue now.
// The live board is counted against today and says "截至 today". A board in tracking is being
// followed up: its live export is today's state of the follow-up, overdue now, and says that.
import { COUNCIL_TIME_ZONE } from '../../format.ts';
import { todayIn } from './fields.ts';
import type { BoardStatus } from './status.ts';
import { formatDate, type Locale, type Translate } from '../../i18n/index.ts';

/** What the day is: the version's own, the live board's today, or the follow-up's today. */
export type AsOfBasis = 'version' | 'live' | 'tracking';

export interface AsOf {
	/** YYYY-MM-DD in the councils' time zone. */
	day: string;
	basis: AsOfBasis;
}

/** The day a version was saved, in the councils' time zone. */
export const versionDay = (version: { createdAt: Date }): string =>
	todayIn(COUNCIL_TIME_ZONE, version.createdAt);

export function exportAsOf(
	version: { createdAt: Date } | null,
	status: BoardStatus,
	now = new Date()
): AsOf {
	if (version) return { day: versionDay(version), basis: 'version' };
	return {
		day: todayIn(COUNCIL_TIME_ZONE, now),
		basis: status === 'tracking' ? 'tracking' : 'live'
	};
}

/** The sentence a document says it with, under its lead ("各项状态截至2026年6月28日（该版本保存之日）。"). */
export function asOfSentence(asOf: AsOf, t: Translate, locale: Locale): string {
	return t(`export.asOf.${asOf.basis}`, { date: formatDate(locale, asOf.day) });
}

/** The words a table's status column carries, after its header ("（截至2026年6月28日）"). */
export function asOfNote(asOf: AsOf, t: Translate, locale: Locale): string {
	return t('export.asOfNote', { date: formatDate(locale, asOf.day) });
}
