// Presence is what the clients say about themselves, so the server checks it before anyone sees
// it: a connection speaks only for the awareness client ids it introduced itself, and the person
// shown is the one signed in on it, whatever the client wrote. States of other connections' clients
// are dropped, not refused: y-websocket clients echo every state they receive back to the server.
// What someone presents (`showing`: the view and item a projector shows, which followers' screens
// follow) is the council's secretaries' to say: from anyone else's connection the field is removed,
// so no one can take over the screens of those following. A state larger than presence ever needs
// is refused: every later newcomer would be sent it.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface Speaker {
	userId: string;
	name: string;
	/** Whether this person may present to the board (its council's secretaries and administrators). */
	mayPresent: boolean;
}

/** Presence that no honest client sends: the connection is closed. */
export class PresenceRefused extends Error {
	readonly why: 'too-large' | 'too-many-clients';
	constructor(why: 'too-large' | 'too-many-clients') {
		super(why);
		this.why = why;
	}
}

/**
 * The part of awareness update `update` that `speaker` may send (`maySpeakFor` says, per client id,
 * whether this connection speaks for it), with each state's `user` set to the signed-in person and
 * `showing` left out unless they may present; null when nothing is left. Throws on bytes that are
 * not an awareness update, and PresenceRefused for a state longer than `maxStateChars`.
 */
export function authenticAwareness(
	update: Uint8Array,
	speaker: Speaker,
	maySpeakFor: (clientId: number, state: object | null) => boolean,
	maxStateChars = Infinity
): Uint8Array | null {
	const decoder = decoding.createDecoder(update);
	const kept: { clientId: number; clock: number; state: unknown }[] = [];
	const count = decoding.readVarUint(decoder);
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const json = decoding.readVarString(decoder);
		if (json.length > maxStateChars) throw new PresenceRefused('too-large');
		const state: unknown = JSON.parse(json);
		if (state !== null && (typeof state !== 'object' || Array.isArray(state)))
			throw new Error('awareness state is not an object');
		if (!maySpeakFor(clientId, state)) continue;
		if (state && 'user' in state)
			(state as Record<string, unknown>).user = { id: speaker.userId, name: speaker.name };
		if (state && 'showing' in state && !speaker.mayPresent)
			delete (state as Record<string, unknown>).showing;
		kept.push({ clientId, clock, state });
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the awareness update');
	if (kept.length === 0) return null;

	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, kept.length);
	for (const { clientId, clock, state } of kept) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, JSON.stringify(state));
	}
	return encoding.toUint8Array(encoder);
}
