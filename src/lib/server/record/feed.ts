// A board's activity feed: the changes to its documents (activity.ts; the rooms' logs are read up to
// now first) and the recorded events (status changes, confirmations, versions, restores, follow-up,
// check-ins, memberships), newest first, with people and units named. Each person is named with their
// own place in the council (their unit, for a representative; else their role), never with the unit
// whose sheet they changed: a secretary who edits a unit's sheet is the secretary, and the change
// says whose sheet it was (`sheet`). The words are made in src/lib/record/words.ts.
import type { App } from '../app.ts';
import { catchUp, storedActivity, type ActivityEntry } from './activity.ts';
import { boardEvents, type EventData } from './events.ts';
import { listMembers } from '../council/members.ts';
import { userNames } from '../auth/accounts.ts';
import { boardRooms } from '../docs/board-rooms.ts';
import type { DiffList, FieldChange } from '../../board/reports/diff.ts';
import type { Role } from '../../council.ts';

/** A person's own place in the council, as the record names them. */
export interface PersonPlace {
	role: Role;
	/** The unit they represent, for a representative. */
	unitId: string | null;
	unitName: string | null;
}

export type FeedItem = {
	at: Date;
	userId: string | null;
	/** The person's name (empty when the account is gone or the server made it). */
	who: string;
	/** The person's own place in the council; null for someone not (or no longer) in it. */
	as: PersonPlace | null;
	/** The unit the change belongs to, for filtering: the sheet's unit, else the unit the person represents. */
	unitId: string | null;
} & (
	| {
			kind: 'change';
			list: DiffList;
			action: ActivityEntry['action'];
			itemId: string;
			title: string;
			/** The unit whose sheet was changed; null for the board's own lists. */
			sheet: string | null;
			fields: FieldChange[];
			/** The titles of the other items added with this one in a single change (an import, a paste). */
			alsoAdded: string[];
	  }
	| { kind: 'event'; event: EventData }
);

export interface FeedFilter {
	userId?: string;
	unitId?: string;
	list?: string;
}

const DAY = 86_400_000;

export async function boardFeed(
	app: Pick<App, 'db' | 'sync'>,
	board: { id: string; councilId: string },
	filter: FeedFilter = {},
	days = 365
): Promise<FeedItem[]> {
	const since = new Date(Date.now() - days * DAY);
	for (const room of (await boardRooms(app.db, board)).plan) await catchUp(app.db, app.sync, room);
	const changes: ActivityEntry[] = await storedActivity(app.db, board.id, since);
	const events = (await boardEvents(app.db, board)).filter((e) => e.createdAt >= since);

	const members = new Map((await listMembers(app.db, board.councilId)).map((m) => [m.userId, m]));
	const unitOf = (userId: string | null) => (userId ? (members.get(userId)?.unitId ?? null) : null);
	const names = await userNames(app.db, [
		...changes.map((c) => c.userId),
		...events.map((e) => e.userId)
	]);
	const person = (userId: string | null) => {
		const member = userId ? members.get(userId) : undefined;
		const rep = member?.role === 'unit_rep';
		const as = member
			? {
					role: member.role,
					unitId: rep ? member.unitId : null,
					unitName: rep ? member.unitName : null
				}
			: null;
		return { userId, who: userId ? (names.get(userId) ?? '') : '', as };
	};

	const items: FeedItem[] = [
		...addedTogether(changes).map(({ entry: c, also }): FeedItem => ({
			kind: 'change',
			at: c.at,
			...person(c.userId),
			unitId: c.unitId ?? unitOf(c.userId),
			list: c.list,
			action: c.action,
			itemId: c.itemId,
			title: c.title,
			sheet: c.unitId,
			fields: c.fields,
			alsoAdded: also
		})),
		...events.map((e): FeedItem => ({
			kind: 'event',
			at: e.createdAt,
			...person(e.userId),
			unitId:
				e.data.type === 'confirm' || e.data.type === 'checkin' ? e.data.unitId : unitOf(e.userId),
			event: e.data
		}))
	];
	return items
		.filter((i) => !filter.userId || i.userId === filter.userId)
		.filter((i) => !filter.unitId || i.unitId === filter.unitId)
		.filter(
			(i) =>
				!filter.list || (i.kind === 'change' ? i.list === filter.list : filter.list === 'events')
		)
		.sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** Items one person added to one list in a single change (the same burst, so the same time) are
 *  told as one entry: an import of forty pledges is one line in the feed, not forty. */
function addedTogether(changes: ActivityEntry[]): { entry: ActivityEntry; also: string[] }[] {
	const out: { entry: ActivityEntry; also: string[] }[] = [];
	const groups = new Map<string, { entry: ActivityEntry; also: string[] }>();
	// Oldest first, so that the titles come in the order the items were added.
	for (const entry of [...changes].reverse()) {
		if (entry.action !== 'added' || entry.list === 'claims') {
			out.push({ entry, also: [] });
			continue;
		}
		const key = [entry.room, entry.userId, entry.list, entry.at.getTime()].join('|');
		const group = groups.get(key);
		if (group) group.also.push(entry.title);
		else {
			const fresh = { entry, also: [] };
			groups.set(key, fresh);
			out.push(fresh);
		}
	}
	return out.reverse();
}
