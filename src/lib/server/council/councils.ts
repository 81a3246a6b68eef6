import { and, asc, eq } from 'drizzle-orm';
import { first, tables, type Db } from '../db/index.ts';
import { type Role } from '../../council.ts';
import { newId } from '../db/ids.ts';
import type { FieldErrors } from '../../forms.ts';
import { TITLE_MAX } from '../../board/model/fields.ts';
import { text } from '../http/form.ts';

export async function createCouncil(db: Db, input: { name: string; community: string }) {
	const council = { id: newId(), ...input };
	await db.insert(tables(db).councils).values(council);
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

export async function createBoard(
	db: Db,
	input: { councilId: string; title: string; period: string; previousBoardId?: string | null }
) {
	const board = { id: newId(), ...input };
	await db.insert(tables(db).boards).values(board);
	return board;
}

/** Gives a person a role in a council. A unit representative names its unit (of this council);
 *  every other role has none. */
export async function setMembership(
	db: Db,
	councilId: string,
	userId: string,
	role: Role,
	unitId: string | null = null
) {
	if ((role === 'unit_rep') !== (unitId !== null))
		throw new Error('a unit is named exactly for unit_rep');
	const { memberships } = tables(db);
	await db
		.insert(memberships)
		.values({ councilId, userId, role, unitId })
		.onConflictDoUpdate({
			target: [memberships.councilId, memberships.userId],
			set: { role, unitId }
		});
}

export async function removeMembership(db: Db, councilId: string, userId: string) {
	const { memberships } = tables(db);
	await db
		.delete(memberships)
		.where(and(eq(memberships.councilId, councilId), eq(memberships.userId, userId)));
}

export async function setCouncilSettings(
	db: Db,
	councilId: string,
	settings: { observersExport: boolean; observersComment: boolean }
) {
	const { councils } = tables(db);
	await db.update(councils).set(settings).where(eq(councils.id, councilId));
}

export async function listCouncils(db: Db) {
	const { councils } = tables(db);
	return db.select().from(councils).orderBy(asc(councils.createdAt));
}

export async function getCouncil(db: Db, id: string) {
	const { councils } = tables(db);
	return first(db.select().from(councils).where(eq(councils.id, id)));
}
export type Council = NonNullable<Awaited<ReturnType<typeof getCouncil>>>;

export async function listCouncilBoards(db: Db, councilId: string) {
	const { boards } = tables(db);
	return db
		.select()
		.from(boards)
		.where(eq(boards.councilId, councilId))
		.orderBy(asc(boards.createdAt));
}

export async function getBoard(db: Db, boardId: string) {
	const { boards, councils } = tables(db);
	return first(
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
				observersExport: councils.observersExport,
				observersComment: councils.observersComment
			})
			.from(boards)
			.innerJoin(councils, eq(councils.id, boards.councilId))
			.where(eq(boards.id, boardId))
	);
}
export type Board = NonNullable<Awaited<ReturnType<typeof getBoard>>>;
