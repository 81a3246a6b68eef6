// The one door to a board's documents (as AFFiNE's DocReader/DocWriter): every part of the server
// that reads a board's documents or changes one goes through `Documents`, whatever holds them. While
// the server runs that is the sync server's rooms (`app.docs`, live: a change reaches every open
// connection at once); where it does not (seeding the demo, scripts, tests) it is storage, read and
// written without a server (stored.ts). Either way a change goes through a room and the write queue:
// one transaction, logged under the person who made it, stored before anyone sees it (and before
// its promise settles). Which rooms a board has is said in board-rooms.ts; its content is read in
// board-content.ts.
import type * as Y from 'yjs';
import type { Db } from '../db/index.ts';

export interface Documents {
	/** A room's content now, as one update (every update accepted so far stored first). */
	encodeState(room: string): Promise<Uint8Array>;
	/** Changes a room's document as `userId` (null: the server) in one transaction, stored before it
	 *  is relayed; resolves once it is stored, with whether anything changed. If `fn` throws, nothing
	 *  of it is stored and the promise rejects with that error; so it does if it cannot be stored.
	 *  Not to be awaited inside a SQLite transaction: the write waits for the transaction to end. */
	change(room: string, userId: string | null, fn: (doc: Y.Doc) => void): Promise<boolean>;
}

/** What reading or changing a board's documents takes: the database (whose units have sheets) and
 *  the documents. The app is one; so is `{ db, docs: storedDocuments(...) }` offline. */
export interface BoardDocuments {
	db: Db;
	docs: Documents;
}
