/** A path on this site to go to after an action, from untrusted input (`?next=`, a form field);
 *  anything that would lead elsewhere (`//host`, `/\\host`, `https://…`) becomes `fallback`. */
export function localPath(
	target: string | null | undefined,
	origin: string,
	fallback = '/'
): string {
	if (!target || !target.startsWith('/')) return fallback;
	try {
		const url = new URL(target, origin);
		const path = url.pathname + url.search + url.hash;
		// Parsing resolves dot segments: `/.//evil.example` comes out as `//evil.example`, which a
		// browser reads as another site. So the result is checked, not only what came in.
		return url.origin === origin && !/^\/[/\\]/.test(path) ? path : fallback;
	} catch {
		return fallback;
	}
}
