// A council's member units against a real store: the unit form's checks, updates kept within the
// council, and what deleting a unit takes with it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore } from '../db/testing.ts';
import { twoCouncils } from './testing.ts';
import { createUser } from '../auth/accounts.ts';
import { setMembership } from './councils.ts';
import { roleInCouncil } from '../policy/council.ts';
import {
	createUnit,
	deleteUnit,
	listUnits,
	readUnitForm,
	updateUnit,
	validateUnit,
	isUnitNameClash
} from './units.ts';

let t: Awaited<ReturnType<typeof tempStore>>;
let councilId: string;
let otherCouncilId: string;

beforeEach(async () => {
	t = await tempStore();
	({ councilId, otherCouncilId } = await twoCouncils(t.db));
});
afterEach(() => t.cleanup());

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
};
const valid = {
	name: '市第一人民医院',
	kind: 'hospital',
	contactName: '周华',
	contactPhone: '0571-8800 1200',
	liaison: '孙倩'
};

describe('the unit form', () => {
	it('accepts a complete unit, trimmed, and one with only a name and kind', async () => {
		const read = await readUnitForm(t.db, councilId, form({ ...valid, name: '  市第一人民医院 ' }));
		expect(read).toMatchObject({ ok: true, errors: {}, input: valid });
		expect(
			await readUnitForm(t.db, councilId, form({ name: '幸福里小学', kind: 'school' }))
		).toMatchObject({ ok: true, input: { name: '幸福里小学', kind: 'school', contactPhone: '' } });
	});

	it('gives a message key per field', async () => {
		const read = await readUnitForm(
			t.db,
			councilId,
			form({ name: '', kind: 'bank', contactPhone: '0571-abc', liaison: '人'.repeat(101) })
		);
		expect(read.ok).toBe(false);
		expect(read.input).toBeNull();
		expect(read.errors).toEqual({
			name: { key: 'units.nameRequired' },
			kind: { key: 'units.kindRequired' },
			contactPhone: { key: 'units.phoneInvalid' },
			liaison: { key: 'units.tooLong', params: { max: 100 } }
		});
		// What was typed comes back to be shown again.
		expect(read.values).toMatchObject({ kind: 'bank', contactPhone: '0571-abc' });
		expect(
			(await validateUnit(t.db, councilId, { ...valid, name: '院'.repeat(101) })).name
		).toEqual({
			key: 'units.tooLong',
			params: { max: 100 }
		});
		expect(await validateUnit(t.db, councilId, { ...valid, name: '院'.repeat(100) })).toEqual({});
		expect(
			(await validateUnit(t.db, councilId, { ...valid, contactPhone: '1'.repeat(31) })).contactPhone
		).toEqual({ key: 'units.tooLong', params: { max: 30 } });
		expect(
			await validateUnit(t.db, councilId, { ...valid, contactPhone: '+86 138-0000-1122' })
		).toEqual({});
	});

	it('wants a name unique in the council, not across councils, and not clashing with itself', async () => {
		const unit = await createUnit(t.db, councilId, { name: '市第一人民医院', kind: 'hospital' });
		expect(await validateUnit(t.db, councilId, valid)).toEqual({
			name: { key: 'units.nameTaken' }
		});
		expect(await validateUnit(t.db, otherCouncilId, valid)).toEqual({});
		expect(await validateUnit(t.db, councilId, valid, unit.id)).toEqual({});
		let clash: unknown;
		try {
			await createUnit(t.db, councilId, { name: '市第一人民医院', kind: 'other' });
		} catch (err) {
			clash = err;
		}
		expect(isUnitNameClash(clash)).toBe(true);
	});
});

describe('units', () => {
	it('are updated within their council only', async () => {
		const unit = await createUnit(t.db, councilId, { name: '幸福里小学', kind: 'school' });
		expect(await updateUnit(t.db, otherCouncilId, unit.id, { ...valid, kind: 'hospital' })).toBe(
			false
		);
		expect(
			await updateUnit(t.db, councilId, unit.id, {
				name: '幸福里实验小学',
				kind: 'school',
				liaison: '郑凯'
			})
		).toBe(true);
		expect((await listUnits(t.db, councilId))[0]).toMatchObject({
			name: '幸福里实验小学',
			kind: 'school',
			liaison: '郑凯',
			contactName: ''
		});
	});

	it('count their representatives; deleting one removes its representatives from the council', async () => {
		const hospital = await createUnit(t.db, councilId, {
			name: '市第一人民医院',
			kind: 'hospital'
		});
		const school = await createUnit(t.db, councilId, { name: '幸福里小学', kind: 'school' });
		const ids: string[] = [];
		for (const name of ['sun', 'qian', 'zheng'])
			ids.push(
				(await createUser(t.db, { username: name, displayName: name, password: 'password-1' })).id
			);
		await setMembership(t.db, councilId, ids[0]!, 'unit_rep', hospital.id);
		await setMembership(t.db, councilId, ids[1]!, 'unit_rep', hospital.id);
		await setMembership(t.db, councilId, ids[2]!, 'unit_rep', school.id);
		expect((await listUnits(t.db, councilId)).map((u) => [u.name, u.reps])).toEqual([
			['市第一人民医院', 2],
			['幸福里小学', 1]
		]);

		expect(await deleteUnit(t.db, otherCouncilId, hospital.id)).toBeNull();
		expect((await deleteUnit(t.db, councilId, hospital.id))?.repUserIds.sort()).toEqual(
			[ids[0], ids[1]].sort()
		);
		const who = (id: string) =>
			roleInCouncil(t.db, { id, username: id, displayName: id, isAdmin: false }, councilId);
		expect(await who(ids[0]!)).toBeNull();
		expect(await who(ids[2]!)).toEqual({ role: 'unit_rep', unitId: school.id });
		expect((await listUnits(t.db, councilId)).map((u) => u.name)).toEqual(['幸福里小学']);
	});
});
