import { describe, expect, it } from 'vitest';
import {
	boardRoom,
	commentsRoom,
	meetingsRoom,
	parsePlanRoom,
	parseRoom,
	unitRoom
} from './rooms.ts';

describe('parseRoom', () => {
	it('reads board rooms', () => {
		expect(parseRoom('board:abc123')).toEqual({ kind: 'board', boardId: 'abc123' });
		expect(boardRoom('abc123')).toBe('board:abc123');
	});

	it('reads unit sheet rooms', () => {
		expect(parseRoom('board:abc123:unit:u1')).toEqual({
			kind: 'unit',
			boardId: 'abc123',
			unitId: 'u1'
		});
		expect(unitRoom('abc123', 'u1')).toBe('board:abc123:unit:u1');
	});

	it('reads a board’s meetings room, which is not a room of the plan', () => {
		expect(parseRoom('board:abc123:meetings')).toEqual({ kind: 'meetings', boardId: 'abc123' });
		expect(meetingsRoom('abc123')).toBe('board:abc123:meetings');
		expect(parsePlanRoom('board:abc123:meetings')).toBeNull();
		expect(parsePlanRoom('board:abc123:unit:u1')).toEqual({
			kind: 'unit',
			boardId: 'abc123',
			unitId: 'u1'
		});
	});

	it('reads a board’s comments room, which is not a room of the plan either', () => {
		expect(parseRoom('board:abc123:comments')).toEqual({ kind: 'comments', boardId: 'abc123' });
		expect(commentsRoom('abc123')).toBe('board:abc123:comments');
		expect(parsePlanRoom('board:abc123:comments')).toBeNull();
		expect(parseRoom('board:abc123:comments:x')).toBeNull();
	});

	it('rejects anything else', () => {
		for (const name of [
			'board:a:meeting',
			'board:a:meetings:b',
			'board:a:meetings:',
			'',
			'board:',
			'board:ABC',
			'board:a/b',
			'board:a:b',
			'board:a:unit:',
			'board:a:unit:B',
			'board:a:unit:b:c',
			'board:a:units:b',
			'other:abc',
			' board:abc',
			'board:abc ',
			`board:${'a'.repeat(65)}`
		]) {
			expect(parseRoom(name), name).toBeNull();
		}
	});
});
