import { loadMessages } from '$lib/i18n/index.ts';
import type { LayoutLoad } from './$types';

// The words of the page's language, and only those: the other dictionary is never downloaded.
// The import is cached, so a layout load run again (after a form) fetches nothing.
export const load: LayoutLoad = async ({ data }) => ({
	...data,
	messages: await loadMessages(data.locale)
});
