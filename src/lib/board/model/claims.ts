// Claims (认领): a unit claims a need or a project from its own sheet; the sheet's `claims` map is
// keyed by what is claimed (`need:<id>` / `project:<id>`), so a unit claims a thing once however
// many click at once (../ydoc/claims.ts writes them).

export type ClaimTarget = { kind: 'need' | 'project'; id: string };
export interface Claim extends ClaimTarget {
	by: string;
	at: string;
}

export function claimKey(target: ClaimTarget): string {
	return `${target.kind}:${target.id}`;
}

export function parseClaimKey(key: string): ClaimTarget | null {
	const match = /^(need|project):([a-z0-9]+)$/.exec(key);
	return match ? { kind: match[1] as ClaimTarget['kind'], id: match[2]! } : null;
}
