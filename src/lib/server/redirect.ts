/** A path on this site to go to after an action, from untrusted input (`?next=`, a form field);
 *  anything that would lead elsewhere (`//host`, `/\\host`, `https://…`) becomes `fallback`. */
export function localPath(target: string | null | undefined, origin: string, fallback = '/'): string {
	if (!target || !target.startsWith('/')) return fallback;
	try {
		const url = new URL(target, origin);
		return url.origin === origin ? url.pathname + url.search + url.hash : fallback;
	} catch {
		return fallback;
	}
}
