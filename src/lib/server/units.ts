// A council's member units (驻区单位/共建单位). Each unit has a sheet per board (its pledges, claims
// and commitments), in the room `board:<boardId>:unit:<unitId>`.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from './db/index.ts';
import { units, type UnitKind } from './db/schema.ts';
import { newId } from './ids.ts';
import { prepared } from './db/prepared.ts';

export interface UnitInput {
	name: string;
	kind: UnitKind;
	contactName?: string;
	contactPhone?: string;
	liaison?: string;
}

export function createUnit(db: Db, councilId: string, input: UnitInput) {
	const unit = { id: newId(), councilId, contactName: '', contactPhone: '', liaison: '', ...input };
	db.insert(units).values(unit).run();
	return unit;
}

export function listUnits(db: Db, councilId: string) {
	return db.select().from(units).where(eq(units.councilId, councilId)).orderBy(asc(units.createdAt), asc(units.name)).all();
}
export type Unit = ReturnType<typeof listUnits>[number];

const unitById = (db: Db) =>
	db
		.select({ id: units.id, councilId: units.councilId, name: units.name })
		.from(units)
		.where(eq(units.id, sql.placeholder('unitId')))
		.prepare();

export function getUnit(db: Db, unitId: string) {
	return prepared(db, unitById).get({ unitId });
}
