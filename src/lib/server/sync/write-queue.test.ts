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
		fail: () => (failing = true),
		append(rows: LoggedUpdate[]) {
			batches.push(rows.map((r) => r.seq));
			if (failing) throw new Error('disk full');
			store.append(rows);
		}
	};
}

describe('the write queue', () => {
	it("writes a tick's updates in one batch at the end of the tick, then hands each on in order", async () => {
		const disk = recordingStore();
		const queue = new WriteQueue(disk, () => {
			throw new Error('no write error expected');
		});
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
		expect(disk.store.load('board:a').seq).toBe(2);
		expect(queue.size).toBe(0);
	});

	it('runs a continuation at once when nothing waits to be written', () => {
		const queue = new WriteQueue(recordingStore(), () => {});
		let ran = false;
		queue.after(() => (ran = true));
		expect(ran).toBe(true);
	});

	it('writes at once when flushed, without waiting for the tick to end', () => {
		const disk = recordingStore();
		const queue = new WriteQueue(disk, () => {});
		let handed = false;
		queue.push(update('board:a', 1), () => (handed = true));
		queue.flush();
		expect(disk.batches).toEqual([[1]]);
		expect(handed).toBe(true);
		queue.flush(); // nothing left: nothing written again
		expect(disk.batches).toEqual([[1]]);
	});

	it('hands nothing on of a batch it could not write, and names the rooms it was for', async () => {
		const disk = recordingStore();
		const errors: { message: string; rooms: string[] }[] = [];
		const queue = new WriteQueue(disk, (err, rooms) =>
			errors.push({ message: (err as Error).message, rooms: [...rooms] })
		);
		const done: string[] = [];
		disk.fail();
		queue.push(update('board:a', 1), () => done.push('a1'));
		queue.push(update('board:b', 1), () => done.push('b1'));
		queue.after(() => done.push('after'));
		await endOfTick();
		expect(errors).toEqual([{ message: 'disk full', rooms: ['board:a', 'board:b'] }]);
		expect(done).toEqual([]);
		expect(disk.store.load('board:a').seq).toBe(0);
		expect(queue.size).toBe(0);
	});
});
