import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { boards, councils, memberships } from '../db/schema.ts';
import { type Role } from '../../council.ts';
import { newId } from '../db/ids.ts';
import { prepared } from '../db/prepared.ts';
import type { FieldErrors } from '../../forms.ts';
import { TITLE_MAX } from '../../board/model/fields.ts';
import { text } from '../http/form.ts';

export function createCouncil(db: Db, input: { name: string; community: string }) {
	const council = { id: newId(), ...input };
	db.insert(councils).values(council).run();
	return council;
}

const PERIOD_MAX = 100;

/** A board's title and period as typed (made on the council page, or as a next period), and what is
 *  wrong with them. */
export function readBoardNames(form: FormData) {
	const values = { title: text(form, 'title'), period: text(form, 'period') };
	const errors: FieldErrors<'title' | 'period'> = {};
	if (!values.title) errors.title = { key: 'field.required' };
	else if (values.title.length > TITLE_MAX)
		errors.title = { key: 'field.tooLong', params: { max: TITLE_MAX } };
	if (!values.period) errors.period = { key: 'field.required' };
	else if (values.period.length > PERIOD_MAX)
		errors.period = { key: 'field.tooLong', params: { max: PERIOD_MAX } };
	return { values, errors };
}

export function createBoard(
	db: Db,
	input: { councilId: string; title: string; period: string; previousBoardId?: string | null }
) {
	const board = { id: newId(), ...input };
	db.insert(boards).values(board).run();
	return board;
}

/** Gives a person a role in a council. A unit representative names its unit (of this council);
 *  every other role has none. */
export function setMembership(
	db: Db,
	councilId: string,
	userId: string,
	role: Role,
	unitId: string | null = null
) {
	if ((role === 'unit_rep') !== (unitId !== null))
		throw new Error('a unit is named exactly for unit_rep');
	db.insert(memberships)
		.values({ councilId, userId, role, unitId })
		.onConflictDoUpdate({
			target: [memberships.councilId, memberships.userId],
			set: { role, unitId }
		})
		.run();
}

export function removeMembership(db: Db, councilId: string, userId: string) {
	db.delete(memberships)
		.where(and(eq(memberships.councilId, councilId), eq(memberships.userId, userId)))
		.run();
}

export function setCouncilSettings(
	db: Db,
	councilId: string,
	settings: { observersExport: boolean }
) {
	db.update(councils).set(settings).where(eq(councils.id, councilId)).run();
}

export function listCouncils(db: Db) {
	return db.select().from(councils).orderBy(asc(councils.createdAt)).all();
}

export function getCouncil(db: Db, id: string) {
	return db.select().from(councils).where(eq(councils.id, id)).get();
}
export type Council = NonNullable<ReturnType<typeof getCouncil>>;

export function listCouncilBoards(db: Db, councilId: string) {
	return db
		.select()
		.from(boards)
		.where(eq(boards.councilId, councilId))
		.orderBy(asc(boards.createdAt))
		.all();
}

const boardById = (db: Db) =>
	db
		.select({
			id: boards.id,
			title: boards.title,
			period: boards.period,
			status: boards.status,
			previousBoardId: boards.previousBoardId,
			councilId: boards.councilId,
			councilName: councils.name,
			community: councils.community,
			observersExport: councils.observersExport
		})
		.from(boards)
		.innerJoin(councils, eq(councils.id, boards.councilId))
		.where(eq(boards.id, sql.placeholder('boardId')))
		.prepare();

export function getBoard(db: Db, boardId: string) {
	return prepared(db, boardById).get({ boardId });
}
export type Board = NonNullable<ReturnType<typeof getBoard>>;
