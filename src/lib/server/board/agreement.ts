// Agreement (审议通过): units confirm their sheets, the secretary moves the board through its
// statuses, and agreeing takes the `agreed` version and locks the documents (policy/ makes every
// connection read-only from then on; open ones are closed so that they reconnect as such).
import { and, eq, isNotNull } from 'drizzle-orm';
import type { App } from '../app.ts';
import { tables, type Db } from '../db/index.ts';
import { NEXT_STATUS, isLocked, type BoardStatus } from '../../board/model/status.ts';
import { recordEvent } from '../record/events.ts';
import { insertVersion, snapshotPlan } from '../versions/versions.ts';

interface BoardRef {
	id: string;
	councilId: string;
	status: BoardStatus;
}

/** Units taking part: those with at least one representative in the council. */
export async function participatingUnits(
	db: Db,
	councilId: string
): Promise<{ id: string; name: string }[]> {
	const { memberships, units } = tables(db);
	return db
		.selectDistinct({ id: units.id, name: units.name })
		.from(units)
		.innerJoin(memberships, and(eq(memberships.unitId, units.id), isNotNull(memberships.unitId)))
		.where(eq(units.councilId, councilId))
		.orderBy(units.name);
}

export async function listConfirmations(db: Db, boardId: string) {
	const { confirmations } = tables(db);
	return db.select().from(confirmations).where(eq(confirmations.boardId, boardId));
}

export type ConfirmResult = { ok: true } | { ok: false; error: 'locked' | 'unknownUnit' };

/** A unit confirms its sheet (again, if it had: the latest confirmation counts). */
export async function confirmSheet(
	db: Db,
	board: BoardRef,
	unit: { id: string; name: string },
	userId: string
): Promise<ConfirmResult> {
	if (isLocked(board.status)) return { ok: false, error: 'locked' };
	const { confirmations } = tables(db);
	await db.transaction(async (tx) => {
		await tx
			.insert(confirmations)
			.values({ boardId: board.id, unitId: unit.id, userId, createdAt: new Date() })
			.onConflictDoUpdate({
				target: [confirmations.boardId, confirmations.unitId],
				set: { userId, createdAt: new Date() }
			});
		await recordEvent(tx, { councilId: board.councilId, boardId: board.id }, userId, {
			type: 'confirm',
			unitId: unit.id,
			unitName: unit.name
		});
	});
	return { ok: true };
}

export type StatusResult =
	| { ok: true }
	| { ok: false; error: 'notAllowed' }
	| { ok: false; error: 'reasonRequired'; unconfirmed: string[] };

/**
 * Moves a board to `to` for the secretary `userId`. Agreeing with units that have not confirmed needs
 * a reason, recorded with their names; it takes the `agreed` version (labelled `agreedLabel`).
 */
export async function changeStatus(
	app: Pick<App, 'db' | 'docs' | 'sync'>,
	board: BoardRef,
	to: BoardStatus,
	userId: string,
	options: { reason?: string; agreedLabel: string }
): Promise<StatusResult> {
	if (!NEXT_STATUS[board.status].includes(to)) return { ok: false, error: 'notAllowed' };
	const reason = options.reason?.trim() || undefined;
	let unconfirmed: string[] | undefined;
	if (to === 'agreed') {
		const confirmed = new Set((await listConfirmations(app.db, board.id)).map((c) => c.unitId));
		unconfirmed = (await participatingUnits(app.db, board.councilId))
			.filter((u) => !confirmed.has(u.id))
			.map((u) => u.name);
		if (unconfirmed.length && !reason) return { ok: false, error: 'reasonRequired', unconfirmed };
		if (!unconfirmed.length) unconfirmed = undefined;
	}
	// The documents as agreed are read (every accepted update stored first) before the transaction:
	// reading them waits on the sync server, which a transaction must not.
	const agreed = to === 'agreed' ? await snapshotPlan(app, board) : null;
	const { boards } = tables(app.db);
	await app.db.transaction(async (tx) => {
		if (agreed) {
			const version = await insertVersion(tx, board, agreed, {
				label: options.agreedLabel,
				kind: 'agreed',
				authorId: userId
			});
			await recordEvent(tx, { councilId: board.councilId, boardId: board.id }, userId, {
				type: 'version',
				versionId: version.id,
				label: version.label,
				kind: 'agreed'
			});
		}
		await tx.update(boards).set({ status: to }).where(eq(boards.id, board.id));
		await recordEvent(tx, { councilId: board.councilId, boardId: board.id }, userId, {
			type: 'status',
			from: board.status,
			to,
			reason,
			unconfirmed
		});
	});
	// What people may do follows the status: their pages reconnect and look again (a rare event).
	await app.sync.closeConnectionsOf({ boardId: board.id });
	return { ok: true };
}
