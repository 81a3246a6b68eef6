// The y-websocket wire protocol (y-protocols' PROTOCOL.md), as the sync server and the browser speak it: every frame starts with a message type;
// sync messages carry a sub-type and a Yjs update or state vector. On top of it, notices (Gongjian's
// own message type, sent only to clients that ask for them with `?notices=1`, so that a stock
// client never sees one): what a connection may do, which of its updates are stored, and which were
// refused and why. A stock client learns of a refusal the standard way, y-protocols' "permission
// denied" auth message, which y-websocket logs and otherwise ignores.
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_NOTICE = 100;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

const AUTH_PERMISSION_DENIED = 0;

/** Notices, each a kind followed by its fields. */
export const NOTICE = {
	/** At the start: `access` ('write' | 'read') and the board's `status`. */
	access: 0,
	/** `n`: every sync update (step 2 or update) of this connection up to the n-th is stored, or was refused with a notice. */
	saved: 1,
	/** `n`, `reason`: the n-th sync update was not applied (nothing of it stored). */
	refused: 2
} as const;

/** Why an update was refused while the connection stays open. */
export type RefusedReason = 'read-only' | 'room-full';

/** Close codes a client sees when the server drops its connection. y-websocket reconnects after any
 *  code but 4400–4499, which say that reconnecting cannot help. */
export const CLOSE = {
	goingAway: 1001,
	unsupported: 1003,
	invalidPayload: 1007,
	/** The person's rights changed (role, unit, removed, the plan locked): reconnect for the new ones. */
	rightsChanged: 1008,
	tooLarge: 1009,
	/** The room is being reloaded or could not be opened. */
	serverError: 1011,
	/** An update or presence a board never has (too deep, unknown types or roots). */
	invalid: 4400,
	/** The session ended (signed out, expired, password changed). */
	sessionEnded: 4401,
	/** An update larger than any one change to a board. */
	updateTooLarge: 4413,
	/** Too many changes too fast: reconnecting later is fine. */
	tooFast: 4529
} as const;

export function encodeSync(subType: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, subType);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodePermissionDenied(reason: string): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AUTH);
	encoding.writeVarUint(encoder, AUTH_PERMISSION_DENIED);
	encoding.writeVarString(encoder, reason);
	return encoding.toUint8Array(encoder);
}

export function encodeNotice(
	kind: (typeof NOTICE)[keyof typeof NOTICE],
	...fields: (number | string)[]
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_NOTICE);
	encoding.writeVarUint(encoder, kind);
	for (const field of fields) {
		if (typeof field === 'number') encoding.writeVarUint(encoder, field);
		else encoding.writeVarString(encoder, field);
	}
	return encoding.toUint8Array(encoder);
}
