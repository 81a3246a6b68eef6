// What a Yjs update would do to a room's document, read before it touches it. Yjs applies whatever it
// is given: a chain of 20,000 nested maps overflows the stack half-way through (leaving the document
// half-changed), a struct count in the header makes it allocate before reading a byte of the
// structs, a root name makes a new root type, a struct whose neighbours are missing waits in the
// document for ever. So an update is walked here first, in its binary form (v1, as y-websocket
// sends it) and without building anything: sizes and counts, the content types the board's
// documents use (maps, texts, strings and plain values), the root names the room allows, how deep
// each struct sits once placed, and whether everything it refers to is in the room already.
import * as Y from 'yjs';

export interface UpdateLimits {
	/** Structs, delete ranges and plain values one update may carry (each costs memory when applied). */
	maxElements: number;
	/** How deep a struct may sit: 1 for a root map's entries, 2 for an item's fields, 3 for a text's characters. */
	maxDepth: number;
	/** Nesting of a plain value (objects and arrays inside a map entry). */
	maxValueDepth: number;
	/** Length of a map key or root name. */
	maxKeyLength: number;
	/** The root maps this room's documents have. */
	roots: ReadonlySet<string>;
}

/** Why an update is refused outright: nothing honest sends it. */
export type Malformed =
	| 'truncated'
	| 'too-many'
	| 'content-type'
	| 'root'
	| 'key-length'
	| 'value-depth'
	| 'too-deep'
	| 'parent-not-a-type'
	| 'cycle';

const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
const BITS5 = 31;

/** How a struct's parent is named: not at all (GC), a root map, an item's id, or by a neighbour. */
const GC = 0;
const ROOT = 1;
const PARENT_ID = 2;
const NEIGHBOUR = 3;

const TYPE_MAP = 1;
const TYPE_TEXT = 2;

const utf8 = new TextDecoder();

class Refusal extends Error {
	readonly why: Malformed;
	constructor(why: Malformed) {
		super(why);
		this.why = why;
	}
}

/** lib0's decoding, bounds-checked (lib0 would read past the end of a frame into whatever follows it
 *  in memory), counting what applying the update would allocate. */
class Reader {
	readonly bytes: Uint8Array;
	readonly limits: UpdateLimits;
	pos = 0;
	elements = 0;
	constructor(bytes: Uint8Array, limits: UpdateLimits) {
		this.bytes = bytes;
		this.limits = limits;
	}

	uint(): number {
		const bytes = this.bytes;
		let num = 0;
		let mult = 1;
		while (this.pos < bytes.length) {
			const r = bytes[this.pos++]!;
			num += (r & 0x7f) * mult;
			if (r < 0x80) return num;
			mult *= 128;
			if (num > Number.MAX_SAFE_INTEGER) throw new Refusal('truncated');
		}
		throw new Refusal('truncated');
	}

	byte(): number {
		if (this.pos >= this.bytes.length) throw new Refusal('truncated');
		return this.bytes[this.pos++]!;
	}

	skip(n: number): void {
		if (n > this.bytes.length - this.pos) throw new Refusal('truncated');
		this.pos += n;
	}

	string(): string {
		const n = this.uint();
		const start = this.pos;
		this.skip(n);
		return utf8.decode(this.bytes.subarray(start, start + n));
	}

	key(): string {
		const key = this.string();
		if (key.length > this.limits.maxKeyLength) throw new Refusal('key-length');
		return key;
	}

	count(n: number): void {
		this.elements += n;
		if (this.elements > this.limits.maxElements) throw new Refusal('too-many');
	}

	/** Skips one plain value (lib0's `any` encoding) without recursion, refusing what a board never stores. */
	value(): void {
		// Per level of nesting: values still to read, and whether each comes after its key (an object).
		const left = [1];
		const inObject = [false];
		while (left.length > 0) {
			const top = left.length - 1;
			if (left[top] === 0) {
				left.pop();
				inObject.pop();
				continue;
			}
			left[top]!--;
			if (inObject[top]) this.skip(this.uint());
			const tag = this.byte();
			if (tag === 127 || tag === 126 || tag === 121 || tag === 120) continue; // undefined, null, false, true
			if (tag === 125) {
				while (this.byte() & 0x80); // a signed varint
			} else if (tag === 124) this.skip(4);
			else if (tag === 123) this.skip(8);
			else if (tag === 119) this.skip(this.uint());
			else if (tag === 118 || tag === 117) {
				const n = this.uint();
				this.count(n);
				if (left.length >= this.limits.maxValueDepth) throw new Refusal('value-depth');
				left.push(n);
				inObject.push(tag === 118);
			} else throw new Refusal('content-type'); // bigint, binary and unknown values
		}
	}
}

/** One client's structs in an update, in clock order, as parallel arrays. */
interface ClientStructs {
	client: number;
	clock: number[];
	length: number[];
	parent: number[];
	/** PARENT_ID: the parent item; NEIGHBOUR: the origin, else the right origin. */
	refClient: number[];
	refClock: number[];
	/** NEIGHBOUR with both: the right origin, where Yjs looks when the origin is no item. */
	rightClient: number[];
	rightClock: number[];
	isType: boolean[];
	/** Index of its first struct among all the update's structs. */
	offset: number;
}

export interface UpdateShape {
	clients: Map<number, ClientStructs>;
	structs: number;
	/** Delete ranges as [client, clock, length] triples. */
	deletes: number[];
	/** Ids the structs refer to (origins, parents) as [client, clock] pairs. */
	refs: number[];
}

/** Reads an update's shape; a refusal names why nothing honest sends it. */
export function readUpdateShape(
	update: Uint8Array,
	limits: UpdateLimits
): { ok: true; shape: UpdateShape } | { ok: false; why: Malformed } {
	try {
		return { ok: true, shape: read(new Reader(update, limits)) };
	} catch (err) {
		if (err instanceof Refusal) return { ok: false, why: err.why };
		throw err;
	}
}

function read(r: Reader): UpdateShape {
	const clients = new Map<number, ClientStructs>();
	const refs: number[] = [];
	let structs = 0;
	const clientCount = r.uint();
	r.count(clientCount);
	for (let c = 0; c < clientCount; c++) {
		const n = r.uint();
		// Counted before anything is read: Yjs allocates an array of this length up front.
		r.count(n);
		const client = r.uint();
		let clock = r.uint();
		let own = clients.get(client);
		if (!own) {
			own = {
				client,
				clock: [],
				length: [],
				parent: [],
				refClient: [],
				refClock: [],
				rightClient: [],
				rightClock: [],
				isType: [],
				offset: 0
			};
			clients.set(client, own);
		}
		for (let i = 0; i < n; i++) {
			const info = r.byte();
			const content = info & BITS5;
			if (content === 0 || content === 10) {
				// GC, or Skip (a gap: nothing to apply)
				const length = r.uint();
				if (content === 0) push(own, clock, length, GC, -1, -1, -1, -1, false);
				clock += length;
				continue;
			}
			let origin: [number, number] | null = null;
			let right: [number, number] | null = null;
			if (info & BIT8) origin = [r.uint(), r.uint()];
			if (info & BIT7) right = [r.uint(), r.uint()];
			let parent = NEIGHBOUR;
			let ref = origin ?? right;
			if (!origin && !right) {
				if (r.uint() === 1) {
					if (!r.limits.roots.has(r.key())) throw new Refusal('root');
					parent = ROOT;
				} else {
					parent = PARENT_ID;
					ref = [r.uint(), r.uint()];
				}
				if (info & BIT6) r.key();
			}
			for (const id of [origin, right, parent === PARENT_ID ? ref : null])
				if (id) refs.push(id[0], id[1]);
			let length = 1;
			let isType = false;
			if (content === 1)
				length = r.uint(); // deleted content
			else if (content === 4)
				length = r.string().length; // a string, counted in UTF-16 units as Yjs counts it
			else if (content === 7) {
				const type = r.uint();
				if (type !== TYPE_MAP && type !== TYPE_TEXT) throw new Refusal('content-type');
				isType = true;
			} else if (content === 8) {
				length = r.uint();
				r.count(length);
				for (let v = 0; v < length; v++) r.value();
			} else throw new Refusal('content-type'); // JSON (legacy), binary, embeds, formats, sub-documents
			if (length === 0) throw new Refusal('truncated');
			const fallback = parent === NEIGHBOUR && origin && right ? right : null;
			push(
				own,
				clock,
				length,
				parent,
				ref?.[0] ?? -1,
				ref?.[1] ?? -1,
				fallback?.[0] ?? -1,
				fallback?.[1] ?? -1,
				isType
			);
			clock += length;
		}
	}
	const deletes: number[] = [];
	const deleteClients = r.uint();
	r.count(deleteClients);
	for (let c = 0; c < deleteClients; c++) {
		const client = r.uint();
		const n = r.uint();
		r.count(n);
		for (let i = 0; i < n; i++) deletes.push(client, r.uint(), r.uint());
	}
	if (r.pos !== r.bytes.length) throw new Refusal('truncated');
	for (const own of clients.values()) {
		own.offset = structs;
		structs += own.clock.length;
	}
	return { clients, structs, deletes, refs };
}

function push(
	own: ClientStructs,
	clock: number,
	length: number,
	parent: number,
	refClient: number,
	refClock: number,
	rightClient: number,
	rightClock: number,
	isType: boolean
) {
	own.clock.push(clock);
	own.length.push(length);
	own.parent.push(parent);
	own.refClient.push(refClient);
	own.refClock.push(refClock);
	own.rightClient.push(rightClient);
	own.rightClock.push(rightClock);
	own.isType.push(isType);
}

/** How an update stands against a room's document. */
export type Fit =
	/** It can be applied. `redundant`: the document has all its structs and deletions already. */
	| { kind: 'fits'; redundant: boolean }
	/** It refers to structs the room does not have: the client is asked for what the room lacks. */
	| { kind: 'missing' }
	| { kind: 'refused'; why: Malformed };

export function fitUpdate(doc: Y.Doc, shape: UpdateShape, maxDepth: number): Fit {
	// 1. Each client's structs continue what the room has of that client, without gaps.
	const known = new Map<number, number>();
	let redundant = true;
	for (const own of shape.clients.values()) {
		let have = Y.getState(doc.store, own.client);
		for (let i = 0; i < own.clock.length; i++) {
			const end = own.clock[i]! + own.length[i]!;
			if (own.clock[i]! > have) return { kind: 'missing' };
			if (end > have) {
				redundant = false;
				have = end;
			}
		}
		known.set(own.client, have);
	}
	const isKnown = (client: number, clock: number) =>
		clock < (known.get(client) ?? Y.getState(doc.store, client));
	// 2. Everything it refers to, and everything it deletes, is in the room or in the update.
	for (let i = 0; i < shape.refs.length; i += 2)
		if (!isKnown(shape.refs[i]!, shape.refs[i + 1]!)) return { kind: 'missing' };
	for (let i = 0; i < shape.deletes.length; i += 3) {
		if (
			shape.deletes[i + 2]! > 0 &&
			!isKnown(shape.deletes[i]!, shape.deletes[i + 1]! + shape.deletes[i + 2]! - 1)
		)
			return { kind: 'missing' };
	}
	// 3. No new struct placed too deep, every named parent a type.
	if (!redundant) {
		const deepest = new Placement(doc, shape).deepest();
		if (typeof deepest === 'string') return { kind: 'refused', why: deepest };
		if (deepest > maxDepth) return { kind: 'refused', why: 'too-deep' };
	}
	// 4. For a read-only connection: would it change anything at all?
	return { kind: 'fits', redundant: redundant && deletionsKnown(doc, shape.deletes) };
}

/** Whether the document has made every deletion of `deletes` already. */
function deletionsKnown(doc: Y.Doc, deletes: number[]): boolean {
	for (let i = 0; i < deletes.length; i += 3) {
		const structs = doc.store.clients.get(deletes[i]!);
		const clock = deletes[i + 1]!;
		const end = clock + deletes[i + 2]!;
		if (!structs || end === clock) continue;
		for (
			let at = Y.findIndexSS(structs, clock);
			at < structs.length && structs[at]!.id.clock < end;
			at++
		) {
			if (!structs[at]!.deleted) return false;
		}
	}
	return true;
}

/** Depth of an item of the document: 1 for an entry of a root map. */
function depthInDoc(item: Y.Item): number {
	let depth = 1;
	let type = item.parent as Y.AbstractType<unknown> | null;
	while (type?._item) {
		depth++;
		type = type._item.parent as Y.AbstractType<unknown> | null;
	}
	return depth;
}

/**
 * Where each struct of an update would be placed, as Yjs places it: under a root map (depth 1),
 * under the type item it names as parent (one deeper), or beside its origin (the same depth), or
 * its right origin where the origin is no item. Worked out without recursion, each struct once.
 */
class Placement {
	#doc: Y.Doc;
	#shape: UpdateShape;
	/** Per struct: 0 not yet known, -1 being worked out, else depth + 1 (depth 0: placed nowhere, a GC). */
	#memo: Int32Array;

	constructor(doc: Y.Doc, shape: UpdateShape) {
		this.#doc = doc;
		this.#shape = shape;
		this.#memo = new Int32Array(shape.structs);
	}

	#find(client: number, clock: number): { own: ClientStructs; at: number } | null {
		const own = this.#shape.clients.get(client);
		if (!own) return null;
		let lo = 0;
		let hi = own.clock.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			if (clock < own.clock[mid]!) hi = mid - 1;
			else if (clock >= own.clock[mid]! + own.length[mid]!) lo = mid + 1;
			else return { own, at: mid };
		}
		return null;
	}

	#docItem(client: number, clock: number): Y.Item | null {
		if (clock >= Y.getState(this.#doc.store, client)) return null;
		const struct = Y.getItem(this.#doc.store, Y.createID(client, clock));
		return struct instanceof Y.Item ? struct : null;
	}

	deepest(): number | Malformed {
		let deepest = 0;
		for (const own of this.#shape.clients.values()) {
			for (let i = 0; i < own.clock.length; i++) {
				const depth = this.#resolve(own, i);
				if (typeof depth === 'string') return depth;
				if (depth > deepest) deepest = depth;
			}
		}
		return deepest;
	}

	/** The depth of struct `at` of `own`, working out first whatever it depends on. */
	#resolve(own: ClientStructs, at: number): number | Malformed {
		const memo = this.#memo;
		const stack: [ClientStructs, number][] = [[own, at]];
		while (stack.length > 0) {
			const [self, i] = stack[stack.length - 1]!;
			const g = self.offset + i;
			if (memo[g]! > 0) {
				stack.pop();
				continue;
			}
			const step = this.#step(self, i);
			if (step.waitFor) {
				const w = step.waitFor.own.offset + step.waitFor.at;
				if (memo[w] === -1) return 'cycle';
				memo[g] = -1;
				stack.push([step.waitFor.own, step.waitFor.at]);
				continue;
			}
			if (step.why) return step.why;
			memo[g] = step.depth + 1;
			stack.pop();
		}
		return memo[own.offset + at]! - 1;
	}

	/** One struct's depth from what is known, or the struct of the update to work out first. */
	#step(
		self: ClientStructs,
		i: number
	):
		| { depth: number; waitFor?: undefined; why?: undefined }
		| { waitFor: { own: ClientStructs; at: number } }
		| { why: Malformed; waitFor?: undefined } {
		const kind = self.parent[i]!;
		if (kind === GC) return { depth: 0 };
		if (kind === ROOT) return { depth: 1 };
		const known = (
			client: number,
			clock: number
		):
			| { depth: number; isType: boolean | null }
			| { waitFor: { own: ClientStructs; at: number } } => {
			const found = this.#find(client, clock);
			if (found) {
				const m = this.#memo[found.own.offset + found.at]!;
				if (m <= 0) return { waitFor: found };
				return { depth: m - 1, isType: found.own.isType[found.at]! };
			}
			const item = this.#docItem(client, clock);
			return item
				? { depth: depthInDoc(item), isType: item.content instanceof Y.ContentType }
				: { depth: 0, isType: null };
		};
		const ref = known(self.refClient[i]!, self.refClock[i]!);
		if ('waitFor' in ref) return ref;
		if (kind === PARENT_ID) {
			// A parent collected already (depth 0) makes this a GC too; a parent that is no type is a forgery.
			if (ref.depth === 0) return { depth: 0 };
			if (!ref.isType) return { why: 'parent-not-a-type' };
			return { depth: ref.depth + 1 };
		}
		if (ref.depth > 0 || self.rightClient[i]! < 0) return { depth: ref.depth };
		const right = known(self.rightClient[i]!, self.rightClock[i]!);
		if ('waitFor' in right) return right;
		return { depth: right.depth };
	}
}
