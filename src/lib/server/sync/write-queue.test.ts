import { describe, expect, it } from 'vitest';
import { WriteQueue } from './write-queue.ts';
import { MemoryStorage } from './memory-storage.ts';
import type { LoggedUpdate } from './storage.ts';

const update = (room: string, seq: number): LoggedUpdate => ({
	room,
	seq,
	data: new Uint8Array([seq]),
	userId: 'u1',
	createdAt: 1
});
const endOfTick = () => new Promise((resolve) => setImmediate(resolve));

/** A store that says what it is asked to write, and fails when told to. */
function recordingStore() {
	const store = new MemoryStorage();
	const batches: number[][] = [];
	let failing = false;
	return {
		store,
		batches,
		fail: (on = true) => (failing = on),
		async append(rows: LoggedUpdate[]) {
			batches.push(rows.map((r) => r.seq));
			if (failing) throw new Error('disk full');
			await store.append(rows);
		}
	};
}

/** A store whose writes take as long as the test says: each write waits until it is let through
 *  (in any order), as a database's do when one answers before another. */
function slowStore() {
	const store = new MemoryStorage();
	const writes: { seqs: number[]; finish: (err?: Error) => void }[] = [];
	/** How many writes are under way at once, at most. */
	let writing = 0;
	let most = 0;
	return {
		store,
		writes,
		most: () => most,
		append(rows: LoggedUpdate[]) {
			writing++;
			most = Math.max(most, writing);
			return new Promise<void>((resolve, reject) =>
				writes.push({
					seqs: rows.map((r) => r.seq),
					finish: (err) => {
						writing--;
						if (err) return reject(err);
						store.append(rows).then(resolve, reject);
					}
				})
			);
		}
	};
}

const noWriteError = () => {
	throw new Error('no write error expected');
};

describe('the write queue', () => {
	it("writes a tick's updates in one batch at the end of the tick, then hands each on in order", async () => {
		const disk = recordingStore();
		const queue = new WriteQueue(disk, noWriteError);
		const done: string[] = [];
		queue.push(update('board:a', 1), () => done.push('a1'));
		queue.after(() => done.push('after a1'));
		queue.push(update('board:b', 1), () => done.push('b1'));
		queue.push(update('board:a', 2), () => done.push('a2'));
		expect(disk.batches).toEqual([]);
		expect(done).toEqual([]);
		expect(queue.size).toBe(4);

		await endOfTick();
		expect(disk.batches).toEqual([[1, 1, 2]]);
		expect(done).toEqual(['a1', 'after a1', 'b1', 'a2']);
		expect((await disk.store.load('board:a')).seq).toBe(2);
		expect(queue.size).toBe(0);
	});

	it('runs a continuation at once when nothing waits to be written', () => {
		const queue = new WriteQueue(recordingStore(), noWriteError);
		let ran = false;
		queue.after(() => (ran = true));
		expect(ran).toBe(true);
	});

	it('writes when flushed, without waiting for the tick to end, and settles once handed on', async () => {
		const disk = recordingStore();
		const queue = new WriteQueue(disk, noWriteError);
		let handed = false;
		queue.push(update('board:a', 1), () => (handed = true));
		const flushed = queue.flush();
		expect(disk.batches).toEqual([[1]]);
		await flushed;
		expect(handed).toBe(true);
		await queue.flush(); // nothing left: nothing written again
		expect(disk.batches).toEqual([[1]]);
	});

	it('writes batches one at a time, in order, however their writes overlap', async () => {
		const disk = slowStore();
		const queue = new WriteQueue(disk, noWriteError);
		const done: string[] = [];
		queue.push(update('board:a', 1), () => done.push('a1'));
		const first = queue.flush();
		queue.push(update('board:a', 2), () => done.push('a2'));
		queue.after(() => done.push('after a2'));
		const second = queue.flush();
		queue.push(update('board:a', 3), () => done.push('a3'));
		await endOfTick(); // the tick's own flush: a third batch
		// The second batch is not written until the first is stored, nor the third until the second.
		expect(disk.writes.map((w) => w.seqs)).toEqual([[1]]);
		disk.writes[0]!.finish();
		await first;
		expect(done).toEqual(['a1']);
		expect(disk.writes.map((w) => w.seqs)).toEqual([[1], [2]]);
		disk.writes[1]!.finish();
		await second;
		expect(done).toEqual(['a1', 'a2', 'after a2']);
		await endOfTick();
		disk.writes[2]!.finish();
		await queue.flush();
		expect(done).toEqual(['a1', 'a2', 'after a2', 'a3']);
		expect(disk.most()).toBe(1);
		expect((await disk.store.rowsAfter('board:a', 0)).map((r) => r.seq)).toEqual([1, 2, 3]);
	});

	it('waits for a batch being written before running a continuation asked for meanwhile', async () => {
		const disk = slowStore();
		const queue = new WriteQueue(disk, noWriteError);
		const done: string[] = [];
		queue.push(update('board:a', 1), () => done.push('a1'));
		const writing = queue.flush();
		// Nothing waits now, but a1 is not stored yet: what asks for "after" must wait for it.
		queue.after(() => done.push('after a1'));
		expect(done).toEqual([]);
		await endOfTick();
		expect(done).toEqual([]);
		disk.writes[0]!.finish();
		await writing;
		await queue.flush();
		expect(done).toEqual(['a1', 'after a1']);
		// Once all is written, at once again.
		queue.after(() => done.push('now'));
		expect(done).toEqual(['a1', 'after a1', 'now']);
	});

	it('hands nothing on of a batch it could not write, names the rooms it was for, and goes on', async () => {
		const disk = recordingStore();
		const errors: { message: string; rooms: string[] }[] = [];
		const queue = new WriteQueue(disk, (err, rooms) =>
			errors.push({ message: (err as Error).message, rooms: [...rooms] })
		);
		const done: string[] = [];
		const failed: string[] = [];
		disk.fail();
		queue.push(
			update('board:a', 1),
			() => done.push('a1'),
			() => failed.push('a1')
		);
		queue.push(update('board:b', 1), () => done.push('b1'));
		queue.after(
			() => done.push('after'),
			() => failed.push('after')
		);
		await queue.flush();
		expect(errors).toEqual([{ message: 'disk full', rooms: ['board:a', 'board:b'] }]);
		expect(done).toEqual([]);
		expect(failed).toEqual(['a1', 'after']);
		expect((await disk.store.load('board:a')).seq).toBe(0);
		expect(queue.size).toBe(0);

		// The queue is not stuck on the failure: once the room is loaded again (the server reopens it),
		// the next batch is written and handed on.
		disk.fail(false);
		queue.reopen('board:a');
		queue.push(update('board:a', 1), () => done.push('a1 again'));
		await queue.flush();
		expect(done).toEqual(['a1 again']);
		expect((await disk.store.load('board:a')).seq).toBe(1);
	});

	it('writes nothing more of a room whose write failed, until it is loaded again', async () => {
		const disk = slowStore();
		const queue = new WriteQueue(disk, () => {});
		const done: string[] = [];
		const failed: string[] = [];
		const track = (name: string) => [() => done.push(name), () => failed.push(name)] as const;
		queue.push(update('board:a', 1), ...track('a1'));
		const first = queue.flush();
		// Accepted while the first batch is being written: a2 builds on a1, b1 on nothing of a's.
		queue.push(update('board:a', 2), ...track('a2'));
		queue.push(update('board:b', 1), ...track('b1'));
		const second = queue.flush();
		disk.writes[0]!.finish(new Error('disk full'));
		await first;
		await endOfTick();
		disk.writes[1]?.finish();
		await second;
		expect(failed).toEqual(['a1', 'a2']);
		expect(done).toEqual(['b1']);
		expect(disk.writes.map((w) => w.seqs)).toEqual([[1], [1]]);
		expect((await disk.store.load('board:a')).seq).toBe(0);
	});
});
