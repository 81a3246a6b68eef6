// Strings PostgreSQL refuses (a NUL, a lone surrogate) in what people type and documents hold: on
// either store they are kept as the store can keep them, never a refused row (run on both stores).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore } from './testing.ts';
import { storable } from './storable.ts';
import { createCouncil } from '../council/councils.ts';
import { createUnit, getUnit } from '../council/units.ts';
import { boardEvents, recordEvent } from '../record/events.ts';
import { createBoard } from '../council/councils.ts';

let t: Awaited<ReturnType<typeof tempStore>>;
beforeEach(async () => (t = await tempStore()));
afterEach(() => t.cleanup());

const NASTY = `物业\0服务\ud800站`;
/** As a store may keep it: whole (SQLite's JSON), encoded as UTF-8 (SQLite's text), or storable. */
const KEPT = [NASTY, NASTY.toWellFormed(), storable(NASTY)];

describe('storable', () => {
	it('drops NULs and replaces lone surrogates, deep inside values too', () => {
		expect(storable(NASTY)).toBe('物业服务\ufffd站');
		expect(storable({ a: [NASTY, 1, null], b: { c: NASTY } })).toEqual({
			a: ['物业服务\ufffd站', 1, null],
			b: { c: '物业服务\ufffd站' }
		});
		expect(storable('普通文字')).toBe('普通文字');
	});

	it('lets text and JSON with them be stored on this store', async () => {
		const council = await createCouncil(t.db, { name: NASTY, community: '社区' });
		const unit = await createUnit(t.db, council.id, { name: NASTY, kind: 'property' });
		const kept = (await getUnit(t.db, unit.id))!.name;
		expect(KEPT).toContain(kept);
		const board = await createBoard(t.db, { councilId: council.id, title: NASTY, period: 'x' });
		await recordEvent(t.db, { councilId: council.id, boardId: board.id }, null, {
			type: 'confirm',
			unitId: unit.id,
			unitName: NASTY
		});
		const [event] = await boardEvents(t.db, board);
		expect(event!.data).toMatchObject({ type: 'confirm' });
		expect(KEPT).toContain((event!.data as { unitName: string }).unitName);
	});
});
