// Both languages at once, for what speaks both: the server (documents, exports, the feed in each
// reader's language), the spreadsheet import (headers in either language) and the tests. A page
// imports this only through what needs both; its own words come from loadMessages (index.ts).
import { translatorOf, type Locale, type Messages, type Translate } from './index.ts';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';

export const DICTIONARIES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

// Made once each: exports and the import ask for them again and again.
const TRANSLATORS: Record<Locale, Translate> = {
	'zh-CN': translatorOf('zh-CN', zhCN),
	en: translatorOf('en', en)
};

export const translator = (locale: Locale): Translate => TRANSLATORS[locale];
