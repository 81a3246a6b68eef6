// Posts to a SvelteKit form action as the page's enhanced form does (same origin, session cookie),
// and returns the action's result: { type: 'success' | 'failure' | 'redirect' | 'error', status, data }.
import { parse } from 'devalue';

export async function postAction(
	baseUrl: string,
	path: string,
	cookie: string,
	fields: Record<string, string> | FormData
) {
	const response = await fetch(new URL(path, baseUrl), {
		method: 'POST',
		headers: {
			cookie,
			origin: new URL(baseUrl).origin,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		},
		body: fields instanceof FormData ? fields : new URLSearchParams(fields)
	});
	const result = (await response.json()) as { type: string; status?: number; data?: string };
	return {
		...result,
		status: result.status ?? response.status,
		data: result.data ? parse(result.data) : undefined
	};
}
