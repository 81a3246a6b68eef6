// Check-in (签到) at a meeting. The projector shows a QR code of `/check-in/<code>`; a unit's
// representative scans it on a phone, signs in if need be, taps 签到, and the unit is present.
//
// The code is 20 random bytes (base32, 32 characters): it cannot be guessed, only read off the
// projector. It is stored as it is, not hashed as invitation tokens are, because the projector
// shows it again whenever the secretary opens it; and it grants little: someone who holds it and is
// a representative of the council checks in their own unit, nothing more (people of other councils,
// members and observers are refused, and no one is checked in for a unit they do not represent).
// One per meeting; it lasts until the meeting's check-in closes (the end of its day, check-in-window.ts)
// and follows the meeting when it is moved; the secretary can replace it at once (a photo of the
// screen shared outside the room), which ends the old one. A check-in is taken only while the
// meeting's check-in is open, read from the meeting as it is at that moment: a code shown days ahead
// (or printed) does not let anyone be present at a meeting that has not begun. The meetings document
// is the secretaries' to write: the server makes the change itself, under the representative's name,
// live for everyone.
import { and, eq, lt, lte } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { BoardDocuments } from '../docs/documents.ts';
import { first, tables, type Db } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { getBoard, type Board } from '../council/councils.ts';
import { roleInCouncil } from '../policy/council.ts';
import { checkInRight } from '../policy/meetings.ts';
import { getUnit } from '../council/units.ts';
import { readMeetingsContent } from '../docs/board-content.ts';
import { recordEvent } from '../record/events.ts';
import { meetingsRoom } from '../sync/rooms.ts';
import { MEETINGS } from '../../board/model/lists/index.ts';
import { checkIn } from '../../board/ydoc/meetings.ts';
import { type Attendance, type Meeting } from '../../board/model/meetings.ts';
import {
	checkInTiming,
	checkInWindow,
	type CheckInTiming
} from '../../board/model/check-in-window.ts';
import { itemOf, readItem } from '../../board/ydoc/list.ts';

const CODE = /^[a-z2-7]{32}$/;

export interface CheckInCode {
	code: string;
	meetingId: string;
	expiresAt: Date;
}

function newCode(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

type Dated = Pick<Meeting, 'id' | 'date' | 'time'>;

/** When a code of the meeting stops working: when its check-in closes; null when it has no code to
 *  give (no date yet, or its day is over). */
function codeEnd(meeting: Dated, now: number): Date | null {
	const window = checkInWindow(meeting);
	return window && window.closes.getTime() > now ? window.closes : null;
}

/** A meeting's code as asked for: the board and its meeting, and who asks (the code's maker, when
 *  one is made). */
export interface CodeRequest {
	boardId: string;
	meeting: Dated;
	userId: string | null;
}

/**
 * The meeting's code, made if it has none or the last one has expired; with `renew`, a new one in
 * any case (更换签到码), and the one it had stops working at once. Null while the meeting has no
 * date and once its day is over.
 */
export async function checkInCode(
	db: Db,
	{ boardId, meeting, userId }: CodeRequest,
	{ renew = false, now = Date.now() } = {}
): Promise<CheckInCode | null> {
	const end = codeEnd(meeting, now);
	if (!end) return null;
	const { checkInCodes } = tables(db);
	const where = and(eq(checkInCodes.boardId, boardId), eq(checkInCodes.meetingId, meeting.id));
	const working = async () => {
		const row = await first(db.select().from(checkInCodes).where(where));
		return row && row.expiresAt.getTime() > now ? row : undefined;
	};
	const kept = renew ? undefined : await working();
	if (kept) {
		// The meeting was moved since the code was made: the code goes with it.
		if (kept.expiresAt.getTime() !== end.getTime())
			await db.update(checkInCodes).set({ expiresAt: end }).where(where);
		return { code: kept.code, meetingId: meeting.id, expiresAt: end };
	}
	const fresh = { code: newCode(), createdBy: userId, createdAt: new Date(now), expiresAt: end };
	const made = await db.transaction(async (tx) => {
		// Expired codes are of no use to anyone: cleared as new ones are made.
		await tx.delete(checkInCodes).where(lt(checkInCodes.expiresAt, new Date(now)));
		// Unless renewing, a working code stands: of two projectors asking at once (on any node), the
		// second is given the first one's code, not a new one that would end it.
		return tx
			.insert(checkInCodes)
			.values({ boardId, meetingId: meeting.id, ...fresh })
			.onConflictDoUpdate({
				target: [checkInCodes.boardId, checkInCodes.meetingId],
				set: fresh,
				setWhere: renew ? undefined : lte(checkInCodes.expiresAt, new Date(now))
			})
			.returning({ code: checkInCodes.code });
	});
	const code = made[0]?.code ?? (await working())?.code;
	return code ? { code, meetingId: meeting.id, expiresAt: end } : null;
}

/** Why a check-in is refused. An unknown code and an expired one get the same answer: whether a
 *  code ever existed is not told. The meeting's check-in not being open (`undated`, `early`,
 *  `closed`) is told only to its own council's representatives. */
export type CheckInRefusal = 'invalid' | 'archived' | 'notRep' | Exclude<CheckInTiming, 'open'>;

type Unit = { id: string; name: string };

type CheckInOpen = {
	ok: true;
	board: Board;
	meeting: Meeting;
	unit: Unit;
	attendance: Attendance | null;
};

/** What the check-in page shows: where the code leads, and whether this person can use it. A
 *  representative whose meeting's check-in is not open is told when it opens (`opensAt`), and sees
 *  their own check-in if they made one. */
export type CheckInPlace =
	| CheckInOpen
	| ({ ok: false; reason: Exclude<CheckInTiming, 'open'>; opensAt: Date | null } & Omit<
			CheckInOpen,
			'ok'
	  >)
	| { ok: false; reason: 'invalid' | 'archived' | 'notRep'; board?: Board; meeting?: Meeting };

async function validCode(db: Db, code: string, now: number) {
	if (!CODE.test(code)) return undefined;
	const { checkInCodes } = tables(db);
	const row = await first(db.select().from(checkInCodes).where(eq(checkInCodes.code, code)));
	return row && row.expiresAt.getTime() > now ? row : undefined;
}

/** Reads what the code leads to, for `user`, changing nothing. Council details are shown only to
 *  people of the council; everyone else learns no more than that they cannot check in here. */
export async function inspectCheckIn(
	app: BoardDocuments,
	code: string,
	user: SessionUser,
	now = Date.now()
): Promise<CheckInPlace> {
	const row = await validCode(app.db, code, now);
	const board = row && (await getBoard(app.db, row.boardId));
	if (!row || !board) return { ok: false, reason: 'invalid' };
	const content = await readMeetingsContent(app, board.id);
	const meeting = content.meetings.find((m) => m.id === row.meetingId);
	if (!meeting) return { ok: false, reason: 'invalid' };
	const right = checkInRight(await roleInCouncil(app.db, user, board.councilId), board);
	if (!right.ok)
		return right.reason === 'outsider'
			? { ok: false, reason: 'notRep' }
			: { ok: false, reason: right.reason, board, meeting };
	const unit = await getUnit(app.db, right.unitId);
	if (!unit) return { ok: false, reason: 'notRep', board, meeting };
	const attendance =
		content.attendance.find((a) => a.meetingId === meeting.id && a.unitId === unit.id) ?? null;
	const place = { board, meeting, unit: { id: unit.id, name: unit.name }, attendance };
	const timing = checkInTiming(meeting, new Date(now));
	if (timing === 'open') return { ok: true, ...place };
	return { ok: false, reason: timing, ...place, opensAt: checkInWindow(meeting)?.opens ?? null };
}

export type CheckInResult =
	| { ok: true; at: Date; board: Board; meeting: Meeting; unit: Unit }
	| { ok: false; reason: CheckInRefusal; opensAt?: Date | null };

/** Checks `user` in for the unit they represent at the code's meeting, if every rule allows it. */
export async function checkInWith(
	app: BoardDocuments,
	code: string,
	user: SessionUser,
	now = new Date()
): Promise<CheckInResult> {
	const place = await inspectCheckIn(app, code, user, now.getTime());
	if (!place.ok)
		return {
			ok: false,
			reason: place.reason,
			...('opensAt' in place && { opensAt: place.opensAt })
		};
	const { board, unit } = place;
	// The meeting is looked for again inside the change: it may have been deleted or moved since.
	let meeting: Meeting | null = null;
	await app.docs.change(meetingsRoom(board.id), user.id, (doc) => {
		const item = itemOf(doc, MEETINGS, place.meeting.id);
		const current = item && readItem(MEETINGS, place.meeting.id, item);
		if (!current || checkInTiming(current, now) !== 'open') return;
		meeting = current;
		checkIn(doc, place.meeting.id, unit.id, user.displayName, now);
	});
	const found = meeting as Meeting | null;
	if (!found) return { ok: false, reason: 'invalid' };
	await recordEvent(
		app.db,
		{ councilId: board.councilId, boardId: board.id },
		user.id,
		{
			type: 'checkin',
			meetingId: found.id,
			meeting: found.title,
			unitId: unit.id,
			unitName: unit.name
		},
		now
	);
	return { ok: true, at: now, board, meeting: found, unit };
}

/** Whether this person's check-in is the one recorded for their unit (the page then says 已签到). */
export function checkedInAs(attendance: Attendance | null, name: string): boolean {
	return (
		!!attendance?.checkedInAt &&
		attendance.status === 'present' &&
		attendance.who.split('、').includes(name)
	);
}
