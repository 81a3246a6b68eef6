// For tests: documents as another replica sees them.
import * as Y from 'yjs';

/** A second replica of `doc`, as a client that has synced with it holds it. */
export function copyOf(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}
