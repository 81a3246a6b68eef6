import { describe, expect, it } from 'vitest';
import { localCopyName, staleCopies } from './local-copies.ts';

describe('local copies', () => {
	const mine = (room: string, access: 'write' | 'read') => localCopyName('u1', room, access);

	it('are named per person, access and room (rooms may contain colons)', () => {
		expect(mine('board:b1:unit:x', 'write')).toBe('gongjian:u1:write:board:b1:unit:x');
	});

	it("drop other people's copies and this person's copies of the same rooms with another access", () => {
		const names = [
			mine('board:b1', 'write'),
			mine('board:b1:unit:x', 'write'),
			mine('board:b1:unit:y', 'read'),
			mine('board:b2', 'write'),
			localCopyName('u2', 'board:b1', 'write'),
			'someone-else'
		];
		const keep = [
			mine('board:b1', 'write'),
			mine('board:b1:unit:x', 'read'),
			mine('board:b1:unit:y', 'read')
		];
		expect(staleCopies(names, 'u1', keep)).toEqual([
			mine('board:b1:unit:x', 'write'),
			localCopyName('u2', 'board:b1', 'write')
		]);
	});

	it('keep all of this person’s copies when nothing is opened', () => {
		expect(
			staleCopies([mine('board:b1', 'write'), localCopyName('u2', 'board:b1', 'read')], 'u1', [])
		).toEqual([localCopyName('u2', 'board:b1', 'read')]);
	});
});
