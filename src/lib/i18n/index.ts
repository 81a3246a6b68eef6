// A small typed translation layer: message keys are checked by TypeScript, English must cover every
// Chinese key. Chinese is the default; English is what a person picks with the switch (a cookie).
// A page has the words of its own language only: Chinese with the code, English fetched for those
// who chose it (loadMessages, a chunk of its own); the server and the tests, which speak both, take
// them from dictionaries.ts.
import type { zhCN, MessageKey } from './zh-CN.ts';
import { chineseNumber } from '../format.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'gj_lang';
export type { MessageKey };

/** The values a word list of the dictionary names, read from its keys: WordsOf<'unitKind'> is
 *  'agency' | 'school' | …, so `t(`unitKind.${kind}`)` compiles for such a value and no other. */
export type WordsOf<P extends string> = MessageKey extends infer K
	? K extends `${P}.${infer V}`
		? V
		: never
	: never;

/** One language's words, by key. */
export type Messages = Readonly<Record<MessageKey, string>>;

/** The words of `locale`, fetched once (Vite makes each dictionary a chunk of its own). */
export async function loadMessages(locale: Locale): Promise<Messages> {
	return locale === 'en' ? (await import('./en.ts')).en : (await import('./zh-CN.ts')).zhCN;
}

/** Whether `value` is a key of the dictionary (every language has the same keys: i18n.test.ts). */
export function isMessageKey(messages: Messages, value: unknown): value is MessageKey {
	return typeof value === 'string' && Object.hasOwn(messages, value);
}

export function isLocale(value: unknown): value is Locale {
	return LOCALES.includes(value as Locale);
}

export function pickLocale(cookie: string | undefined): Locale {
	return isLocale(cookie) ? cookie : DEFAULT_LOCALE;
}

export type Params = Record<string, string | number>;

/** The placeholders of a message: `{name}`, and `{name|one|other}` (a word agreeing with `name`). */
export type Placeholders<S extends string> = S extends `${string}{${infer Inner}}${infer Rest}`
	? (Inner extends `${infer Name}|${string}` ? Name : Inner) | Placeholders<Rest>
	: never;

/** What a message's text asks to be filled in: `Params<'已认领 {what}'>` is `{ what: string | number }`. */
export type MessageParams<S extends string> = { [K in Placeholders<S>]: string | number };

/** The keys whose message has no placeholders (a field's label, an option's word). */
export type PlainKey = {
	[K in MessageKey]: [Placeholders<(typeof zhCN)[K]>] extends [never] ? K : never;
}[MessageKey];

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/** The arguments after a key: for one key, exactly its placeholders (from the Chinese text, which
 *  every language must match: i18n.test.ts), or none. A key known only as one of several (a problem
 *  named at run time, `problem.${problem}`) takes any of their placeholders; one known only as some
 *  MessageKey (an error key a form returns) whatever params came with it. */
export type ParamsOf<K extends MessageKey> = MessageKey extends K
	? [params?: Params]
	: true extends IsUnion<K>
		? [params?: Partial<MessageParams<(typeof zhCN)[K]>>]
		: [Placeholders<(typeof zhCN)[K]>] extends [never]
			? []
			: [params: MessageParams<(typeof zhCN)[K]>];

export type Translate = <K extends MessageKey>(key: K, ...params: ParamsOf<K>) => string;

/**
 * Messages fill `{name}` from the params; `{name|one|other}` is the word that agrees with the number
 * `name` ("{days} {days|day|days} overdue"), by the language's plural rules (Chinese has one form).
 */
export function translatorOf(locale: Locale, messages: Messages): Translate {
	const plural = new Intl.PluralRules(locale);
	return (key, ...[params]: [Partial<Params>?]) => {
		const text: string = messages[key] ?? key;
		if (!params) return text;
		return text.replace(
			/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g,
			(m, name: string, one?: string, other?: string) => {
				const value = params[name];
				if (value === undefined) return m;
				if (one === undefined) return String(value);
				return plural.select(Number(value)) === 'one' ? one : other!;
			}
		);
	};
}

/** Dates stored as YYYY-MM-DD, shown in the reader's format ("2026年11月22日" / "Nov 22, 2026"). */
export function formatDate(locale: Locale, isoDate: string): string {
	const [y, m, d] = isoDate.split('-').map(Number);
	if (!y || !m || !d) return isoDate;
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
		Date.UTC(y, m - 1, d)
	);
}

/** The punctuation of lists and documents in the reader's language: 甲、乙 / A, B; 时间： / Time: ;
 *  （4） / (4); the points of a document numbered 一、二、 / 1. 2. (GB/T 9704's first level in Chinese). */
export function punctuation(t: Translate, locale: Locale) {
	return {
		list: (items: string[]) => items.join(t('list.separator')),
		colon: t('list.colon'),
		paren: (text: string | number) => t('list.paren', { text }),
		point: (n: number) => t('list.point', { n: locale === 'zh-CN' ? chineseNumber(n) : n })
	};
}
export type Punctuation = ReturnType<typeof punctuation>;
