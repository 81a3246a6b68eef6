import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random, URL- and room-name-safe identifier with `bytes` bytes of entropy. */
export function newId(bytes = 10): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}
