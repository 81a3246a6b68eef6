import { getContext, setContext } from 'svelte';
import {
	formatDate,
	isMessageKey,
	translatorOf,
	type Locale,
	type MessageKey,
	type Messages,
	type Translate
} from './index.ts';

const KEY = Symbol('i18n');

export interface I18n {
	locale: Locale;
	t: Translate;
	/** Whether a text from elsewhere (an error, a stored name) is a message key. */
	isKey: (value: unknown) => value is MessageKey;
	date: (isoDate: string) => string;
}

/** Called once by the root layout with the request's locale and its words (loadMessages). */
export function provideI18n(locale: Locale, messages: Messages): I18n {
	return setContext(KEY, {
		locale,
		t: translatorOf(locale, messages),
		isKey: (value: unknown) => isMessageKey(messages, value),
		date: (d: string) => formatDate(locale, d)
	});
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}
