import { loadMessages } from '$lib/i18n/index.ts';
import { zhCN } from '$lib/i18n/zh-CN.ts';
import type { LayoutLoad } from './$types';

// The words of the page's language. Chinese, the default, comes with the page's own code, so a
// Chinese page hydrates without waiting for another file (a choice made before it would be undone);
// English is fetched once, for those who chose it, and never reaches a Chinese page.
export const load: LayoutLoad = async ({ data }) => ({
	...data,
	messages: data.locale === 'zh-CN' ? zhCN : await loadMessages(data.locale)
});
