// The record (留痕) of what people do outside the documents: each event names the person, the time
// and what happened, with a fixed shape of data per type so the feed can say it in words.
import { and, desc, eq, isNull, or } from 'drizzle-orm';
import { tables, type Db } from '../db/index.ts';
import type { BoardStatus, VersionKind } from '../db/schema.ts';
import { type Role } from '../../council.ts';
import { newId } from '../db/ids.ts';

/** The other board of a next period, and how many open items went from one to the other. */
interface CarriedBetween {
	boardId: string;
	title: string;
	period: string;
	needs: number;
	projects: number;
	commitments: number;
}

export type EventData =
	| { type: 'status'; from: BoardStatus; to: BoardStatus; reason?: string; unconfirmed?: string[] }
	| { type: 'confirm'; unitId: string; unitName: string }
	| { type: 'version'; versionId: string; label: string; kind: VersionKind }
	| { type: 'restore'; versionId: string; label: string }
	| {
			type: 'tracking';
			room: string;
			list: 'commitments' | 'plan';
			itemId: string;
			title: string;
			field: string;
			value: string;
	  }
	/** `document: 'scorecard'` is the council's unit scorecard of `year` (an event of the council, no board). */
	| {
			type: 'export';
			format: string;
			list?: string;
			document?: string;
			year?: number;
			version: { id: string; label: string; kind: VersionKind } | null;
	  }
	/** This board's next period was made (board `boardId`), starting with what was still open here. */
	| ({ type: 'nextPeriod' } & CarriedBetween)
	/** This board was made as the next period of board `boardId`, which these open items came from. */
	| ({ type: 'carriedOver' } & CarriedBetween)
	/** The board was made from a JSON export (of `title`, `period`), adding these units to the council. */
	| { type: 'imported'; title: string; period: string; unitsAdded: string[] }
	/** A secretary corrected the day the server recorded a commitment done (`from` null: none was recorded). */
	| {
			type: 'doneDay';
			room: string;
			unitId: string;
			itemId: string;
			title: string;
			from: string | null;
			to: string;
	  }
	/** A unit's representative checked in (签到) at a meeting with its code. */
	| { type: 'checkin'; meetingId: string; meeting: string; unitId: string; unitName: string }
	/** A secretary hid `author`'s comment from the discussion (what it said is not kept). */
	| { type: 'commentHidden'; commentId: string; thread: string; author: string; reason: string }
	/** A person's place in the council: given (`role`), changed, or taken away (`role` null). */
	| {
			type: 'membership';
			subjectId: string;
			subject: string;
			role: Role | null;
			unitName: string | null;
			via: 'invitation' | 'secretary' | 'unit_deleted';
	  };

export interface RecordedEvent {
	id: string;
	boardId: string | null;
	userId: string | null;
	createdAt: Date;
	data: EventData;
}

export async function recordEvent(
	db: Db,
	where: { councilId: string; boardId: string | null },
	userId: string | null,
	data: EventData,
	now = new Date()
): Promise<void> {
	await db
		.insert(tables(db).events)
		.values({ id: newId(), ...where, userId, type: data.type, data, createdAt: now });
}

/** A board's events and its council's (memberships), newest first. */
export async function boardEvents(
	db: Db,
	board: { id: string; councilId: string },
	limit = 500
): Promise<RecordedEvent[]> {
	const { events } = tables(db);
	return (await db
		.select({
			id: events.id,
			boardId: events.boardId,
			userId: events.userId,
			createdAt: events.createdAt,
			data: events.data
		})
		.from(events)
		.where(
			or(
				eq(events.boardId, board.id),
				and(eq(events.councilId, board.councilId), isNull(events.boardId))
			)
		)
		.orderBy(desc(events.createdAt))
		.limit(limit)) as RecordedEvent[];
}
