import { getContext, setContext } from 'svelte';
import { translator, formatDate, type Locale, type Translate } from './index.ts';

const KEY = Symbol('i18n');

export interface I18n {
	locale: Locale;
	t: Translate;
	date: (isoDate: string) => string;
}

/** Called once by the root layout with the request's locale. */
export function provideI18n(locale: Locale): I18n {
	return setContext(KEY, {
		locale,
		t: translator(locale),
		date: (d: string) => formatDate(locale, d)
	});
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}
