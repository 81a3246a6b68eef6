// Claims (认领) in a unit's sheet: written once per claimed thing (../model/claims.ts).
import * as Y from 'yjs';
import { claimKey, parseClaimKey, type Claim, type ClaimTarget } from '../model/claims.ts';

function claimsMap(sheet: Y.Doc): Y.Map<Y.Map<string>> {
	return sheet.getMap('claims');
}

export function claim(
	sheet: Y.Doc,
	target: ClaimTarget,
	by: string,
	origin?: unknown,
	at = new Date().toISOString()
): void {
	const key = claimKey(target);
	if (claimsMap(sheet).has(key)) return;
	sheet.transact(() => {
		const entry = new Y.Map<string>();
		entry.set('by', by);
		entry.set('at', at);
		claimsMap(sheet).set(key, entry);
	}, origin);
}

export function unclaim(sheet: Y.Doc, target: ClaimTarget, origin?: unknown): void {
	sheet.transact(() => claimsMap(sheet).delete(claimKey(target)), origin);
}

export function readClaims(sheet: Y.Doc): Claim[] {
	const claims: Claim[] = [];
	for (const [key, entry] of claimsMap(sheet)) {
		const target = parseClaimKey(key);
		if (!target || !(entry instanceof Y.Map)) continue;
		claims.push({
			...target,
			by: String(entry.get('by') ?? ''),
			at: String(entry.get('at') ?? '')
		});
	}
	return claims.sort((a, b) => (a.at < b.at ? -1 : 1));
}
