// A council's member units (驻区单位/共建单位). Each unit has a sheet per board (its pledges, claims
// and commitments), in the room `board:<boardId>:unit:<unitId>`.
import { and, asc, eq, sql } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';
import type { FieldErrors } from '../../forms.ts';
import { UNIT_KINDS, type UnitKind } from '../../council.ts';
import { newId } from '../db/ids.ts';

export interface UnitInput {
	name: string;
	kind: UnitKind;
	contactName?: string;
	contactPhone?: string;
	liaison?: string;
}

export async function createUnit(db: Db, councilId: string, input: UnitInput) {
	const unit = { id: newId(), councilId, contactName: '', contactPhone: '', liaison: '', ...input };
	await db.insert(tables(db).units).values(unit);
	return unit;
}

/** A council's units, with how many representatives each has. */
export async function listUnits(db: Db, councilId: string) {
	const { memberships, units } = tables(db);
	return db
		.select({
			id: units.id,
			councilId: units.councilId,
			name: units.name,
			kind: units.kind,
			contactName: units.contactName,
			contactPhone: units.contactPhone,
			liaison: units.liaison,
			reps: sql<number>`(select count(*) from ${memberships} where ${memberships.unitId} = ${units.id})`.mapWith(
				Number
			)
		})
		.from(units)
		.where(eq(units.councilId, councilId))
		.orderBy(asc(units.createdAt), asc(units.name));
}
export type Unit = Awaited<ReturnType<typeof listUnits>>[number];

export async function getUnit(db: Db, unitId: string) {
	const { units } = tables(db);
	return first(
		db
			.select({ id: units.id, councilId: units.councilId, name: units.name })
			.from(units)
			.where(eq(units.id, unitId))
	);
}

/** Whether a unit exists and belongs to this council: links, memberships and sheet rooms may only
 *  name a unit of their own council. */
export async function isUnitOf(db: Db, councilId: string, unitId: string): Promise<boolean> {
	return (await getUnit(db, unitId))?.councilId === councilId;
}

/** The fields of the unit form, as typed. */
export type UnitFormField = 'name' | 'kind' | 'contactName' | 'contactPhone' | 'liaison';
export type UnitFormValues = Record<UnitFormField, string>;

export const UNIT_NAME_MAX = 100;
export const UNIT_FIELD_MAX = 100;
export const UNIT_PHONE_MAX = 30;
const PHONE = /^[0-9 +-]+$/;

const isUnitKind = (value: string): value is UnitKind =>
	(UNIT_KINDS as readonly string[]).includes(value);

/** Checks a unit form for a council: per field, the message key to show beside it. `unitId` is the
 *  unit being edited, whose own name is no clash. */
export async function validateUnit(
	db: Db,
	councilId: string,
	values: UnitFormValues,
	unitId?: string
): Promise<FieldErrors<UnitFormField>> {
	const errors: FieldErrors<UnitFormField> = {};
	if (!values.name) errors.name = { key: 'units.nameRequired' };
	else if ([...values.name].length > UNIT_NAME_MAX)
		errors.name = { key: 'units.tooLong', params: { max: UNIT_NAME_MAX } };
	else if (await unitNamed(db, councilId, values.name, unitId))
		errors.name = { key: 'units.nameTaken' };
	if (!isUnitKind(values.kind)) errors.kind = { key: 'units.kindRequired' };
	if (values.contactPhone && !PHONE.test(values.contactPhone))
		errors.contactPhone = { key: 'units.phoneInvalid' };
	else if (values.contactPhone.length > UNIT_PHONE_MAX)
		errors.contactPhone = { key: 'units.tooLong', params: { max: UNIT_PHONE_MAX } };
	for (const field of ['contactName', 'liaison'] as const) {
		if ([...values[field]].length > UNIT_FIELD_MAX)
			errors[field] = { key: 'units.tooLong', params: { max: UNIT_FIELD_MAX } };
	}
	return errors;
}

async function unitNamed(db: Db, councilId: string, name: string, exceptId?: string) {
	const { units } = tables(db);
	const row = await first(
		db
			.select({ id: units.id })
			.from(units)
			.where(and(eq(units.councilId, councilId), eq(units.name, name)))
	);
	return row !== undefined && row.id !== exceptId;
}

/** Reads the unit form (trimmed), checks it, and gives the input to store when it is valid. */
export async function readUnitForm(db: Db, councilId: string, form: FormData, unitId?: string) {
	const field = (name: UnitFormField) => {
		const value = form.get(name);
		return typeof value === 'string' ? value.trim() : '';
	};
	const values: UnitFormValues = {
		name: field('name'),
		kind: field('kind'),
		contactName: field('contactName'),
		contactPhone: field('contactPhone').replace(/\s+/g, ' '),
		liaison: field('liaison')
	};
	const errors = await validateUnit(db, councilId, values, unitId);
	const ok = Object.keys(errors).length === 0;
	return {
		values,
		errors,
		ok,
		input: ok ? ({ ...values, kind: values.kind as UnitKind } satisfies UnitInput) : null
	};
}

/** Whether an error is the store refusing a second unit of one name in a council (a race past
 *  validateUnit): SQLite's unique constraint, or PostgreSQL's (23505) on that index. */
export function isUnitNameClash(err: unknown): boolean {
	// drizzle wraps the driver's error in its own, with the driver's as the cause.
	for (let e = err; e instanceof Error; e = e.cause) {
		if ('code' in e && e.code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes('units.name'))
			return true;
		if ('constraint' in e && e.constraint === 'units_council_name_idx') return true;
	}
	return false;
}

/** Changes a unit of this council; false when the council has no such unit. */
export async function updateUnit(
	db: Db,
	councilId: string,
	unitId: string,
	input: UnitInput
): Promise<boolean> {
	const { units } = tables(db);
	const { name, kind, contactName = '', contactPhone = '', liaison = '' } = input;
	const changed = await db
		.update(units)
		.set({ name, kind, contactName, contactPhone, liaison })
		.where(and(eq(units.id, unitId), eq(units.councilId, councilId)))
		.returning({ id: units.id });
	return changed.length === 1;
}

/** Deletes a unit of this council. Its representatives' memberships and its invitation links go
 *  with it (foreign keys cascade); returns those people, whose open connections must be closed, or
 *  null when the council has no such unit. */
export async function deleteUnit(
	db: Db,
	councilId: string,
	unitId: string
): Promise<{ repUserIds: string[] } | null> {
	const { memberships, units } = tables(db);
	return db.transaction(async (tx) => {
		const reps = await tx
			.select({ userId: memberships.userId })
			.from(memberships)
			.where(eq(memberships.unitId, unitId));
		const deleted = await tx
			.delete(units)
			.where(and(eq(units.id, unitId), eq(units.councilId, councilId)))
			.returning({ id: units.id });
		return deleted.length === 1 ? { repUserIds: reps.map((r) => r.userId) } : null;
	});
}
