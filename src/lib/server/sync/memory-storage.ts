// Rooms' documents kept in memory: the same state-and-log contract as the stores' (storage.ts,
// pg-storage.ts), with nothing on disk. Tests open rooms over it without a database. Asynchronous
// like the others, though it answers at once: each call does its work before its promise settles.
import {
	EMPTY_STATE_VECTOR,
	EMPTY_UPDATE,
	type LogRow,
	type LoggedUpdate,
	type RetainFrom,
	type SetAsideRoom,
	type StoredRoom,
	type SyncStorage
} from './storage.ts';

interface State {
	data: Uint8Array;
	stateVector: Uint8Array | null;
	seq: number;
}

interface AsideRow {
	room: string;
	reason: string;
	at: number;
	bytes: number;
}

export class MemoryStorage implements SyncStorage {
	#states = new Map<string, State>();
	/** Each room's log, in sequence order. */
	#logs = new Map<string, LoggedUpdate[]>();
	#aside: AsideRow[] = [];
	#retainFrom: RetainFrom | undefined;

	/** `retainFrom`: as for DocStore, the sequence number after which folded rows are kept. */
	constructor(retainFrom?: RetainFrom) {
		this.#retainFrom = retainFrom;
	}

	async load(room: string): Promise<StoredRoom> {
		const state = this.#states.get(room);
		const compactedSeq = state?.seq ?? 0;
		const tail = this.#log(room).filter((r) => r.seq > compactedSeq);
		const updates = [...(state ? [state.data] : []), ...tail.map((r) => r.data)];
		return {
			updates,
			stateVector: state?.stateVector && tail.length === 0 ? state.stateVector : null,
			seq: tail.at(-1)?.seq ?? compactedSeq,
			compactedSeq,
			bytes: updates.reduce((sum, u) => sum + u.length, 0)
		};
	}

	/** All or nothing, as one transaction: a sequence number already taken refuses the whole batch. */
	async append(rows: LoggedUpdate[]): Promise<void> {
		const taken = new Map<string, Set<number>>();
		for (const row of rows) {
			let seqs = taken.get(row.room);
			if (!seqs) taken.set(row.room, (seqs = new Set(this.#log(row.room).map((r) => r.seq))));
			if (seqs.has(row.seq)) throw new Error(`update ${row.seq} of ${row.room} is stored already`);
			seqs.add(row.seq);
		}
		for (const row of rows) {
			const log = this.#log(row.room);
			log.push({ ...row, data: row.data.slice() });
			log.sort((a, b) => a.seq - b.seq);
			this.#logs.set(row.room, log);
		}
	}

	async compact(
		room: string,
		state: Uint8Array,
		stateVector: Uint8Array,
		seq: number
	): Promise<void> {
		const keepAfter = Math.min(seq, (await this.#retainFrom?.(room)) ?? seq);
		// As in the stores: a state folded later is never replaced by an earlier one.
		if ((this.#states.get(room)?.seq ?? 0) <= seq)
			this.#states.set(room, { data: state.slice(), stateVector: stateVector.slice(), seq });
		this.#trim(room, keepAfter);
	}

	async storedBytes(room: string): Promise<number> {
		const state = this.#states.get(room)?.data.length ?? 0;
		return this.#log(room).reduce((sum, r) => sum + r.data.length, state);
	}

	async setAside(room: string, reason: string, now = Date.now()): Promise<void> {
		const state = this.#states.get(room);
		const log = this.#log(room);
		const seq = Math.max(state?.seq ?? 0, log.at(-1)?.seq ?? 0);
		for (const data of [...(state ? [state.data] : []), ...log.map((r) => r.data)])
			this.#aside.push({ room, reason, at: now, bytes: data.length });
		this.#logs.delete(room);
		// As in SQLite: the room goes on from an empty document, numbering on where it stopped.
		this.#states.set(room, {
			data: EMPTY_UPDATE.slice(),
			stateVector: EMPTY_STATE_VECTOR.slice(),
			seq
		});
	}

	async setAsideRooms(): Promise<SetAsideRoom[]> {
		const groups = new Map<string, SetAsideRoom>();
		for (const row of this.#aside) {
			const key = `${row.room}\n${row.reason}`;
			const group = groups.get(key) ?? {
				room: row.room,
				reason: row.reason,
				at: new Date(0),
				rows: 0,
				bytes: 0
			};
			group.rows++;
			group.bytes += row.bytes;
			if (row.at > group.at.getTime()) group.at = new Date(row.at);
			groups.set(key, group);
		}
		return [...groups.values()].sort((a, b) => b.at.getTime() - a.at.getTime());
	}

	async rowsAfter(room: string, seq: number, limit = 5000): Promise<LogRow[]> {
		return this.#log(room)
			.filter((r) => r.seq > seq)
			.slice(0, limit)
			.map((r) => ({
				seq: r.seq,
				data: r.data,
				userId: r.userId,
				createdAt: new Date(r.createdAt)
			}));
	}

	async trimFolded(room: string, seq: number): Promise<void> {
		this.#trim(room, Math.min(seq, this.#states.get(room)?.seq ?? 0));
	}

	#log(room: string): LoggedUpdate[] {
		return this.#logs.get(room) ?? [];
	}

	#trim(room: string, upTo: number) {
		const kept = this.#log(room).filter((r) => r.seq > upTo);
		if (kept.length > 0) this.#logs.set(room, kept);
		else this.#logs.delete(room);
	}
}
