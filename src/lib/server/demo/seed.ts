// A realistic sample council for `npm run demo`: an urban community in China, its resident units,
// one representative per unit; last quarter's board, agreed at its meeting (agenda, check-in,
// attendance, decisions) and followed up since, with its versions and record; and this quarter's,
// made from it as the next period (what was left open carried over) and filled in since, in draft,
// whose needs, pledges, claims, plan and commitments show the whole planning flow, with its meeting
// coming up. Written through the project's own code: the data is in data.ts, and every document is
// written through the door to documents over storage (docs/stored.ts), as the sync server would
// write it, under its author and at the story's time.
import { eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import { tables, type Db, type Store } from '../db/index.ts';
import { createUser } from '../auth/accounts.ts';
import { createBoard, createCouncil, setMembership } from '../council/councils.ts';
import { createUnit } from '../council/units.ts';
import { docStorage } from '../sync/storage.ts';
import { boardRoom, meetingsRoom, unitRoom } from '../sync/rooms.ts';
import { storedDocuments } from '../docs/stored.ts';
import type { BoardDocuments } from '../docs/documents.ts';
import { readBoardContent } from '../docs/board-content.ts';
import { recordEvent } from '../record/events.ts';
import { takeVersion } from '../versions/versions.ts';
import { createNextBoard } from '../board/next-period.ts';
import { setDoneDay } from '../board/figures.ts';
import type { BoardStatus } from '../../board/model/status.ts';
import { AGENDA, DECISIONS, MEETINGS } from '../../board/model/lists/index.ts';
import { checkIn, setAttendance } from '../../board/ydoc/meetings.ts';
import { addItem, setField, toggleRef } from '../../board/ydoc/list.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../../board/model/lists/index.ts';
import { claim } from '../../board/ydoc/claims.ts';
import { pledgeRef } from '../../board/reports/matching.ts';
import {
	COMING_MEETING,
	DEMO_ACCOUNTS,
	DEMO_COUNCIL,
	DEMO_PASSWORD,
	DEMO_UNITS,
	LAST_MEETING,
	LAST_QUARTER,
	THIS_QUARTER,
	type DemoMeeting,
	type DemoQuarter,
	type KeyRef
} from './data.ts';

/** A time of the story, in the council's time zone. */
const at = (iso: string) => new Date(`${iso}+08:00`);

/** The documents as stored, read and written without a sync server (nothing runs while seeding);
 *  a change is logged at `when`, the story's time. */
function storage(store: Store, when = Date.now()): BoardDocuments {
	return { db: store.db, docs: storedDocuments(docStorage(store), () => when) };
}

/** Changes a room's document as one logged update by `userId` at `when`, as the sync server would. */
async function write(
	store: Store,
	room: string,
	userId: string,
	change: (doc: Y.Doc) => void,
	when = Date.now()
) {
	await storage(store, when).docs.change(room, userId, change);
}

/** What the seeding knows of the council: its units and people by key, and each item's id by key. */
interface Council {
	store: Store;
	db: Db;
	id: string;
	unitIds: Map<string, string>;
	/** By unit key for a representative, else by user name. */
	people: Map<string, string>;
}

interface Written {
	needs: Map<string, string>;
	projects: Map<string, string>;
	/** Commitments given a key, by `<unit>/<key>`. */
	commitments: Map<string, string>;
}

export async function seedDemo(store: Store) {
	const { db } = store;
	const council = await createCouncil(db, DEMO_COUNCIL);
	const unitIds = new Map<string, string>();
	for (const { key, name, kind, contactName, contactPhone, liaison } of DEMO_UNITS)
		unitIds.set(
			key,
			(await createUnit(db, council.id, { name, kind, contactName, contactPhone, liaison })).id
		);

	const people = new Map<string, string>();
	for (const account of DEMO_ACCOUNTS) {
		const user = await createUser(db, { ...account, password: DEMO_PASSWORD });
		await setMembership(
			db,
			council.id,
			user.id,
			account.role,
			account.unit ? unitIds.get(account.unit)! : null
		);
		people.set(account.unit ?? account.username, user.id);
	}
	const us: Council = { store, db, id: council.id, unitIds, people };
	const secretary = people.get('demo-secretary')!;
	const lastQuarter = await seedLastQuarter(us);

	// This quarter's board, made from last quarter's as its next period: what was still open there comes first.
	const made = await createNextBoard(
		storage(store, at(THIS_QUARTER.made).getTime()),
		{
			id: lastQuarter.board.id,
			councilId: council.id,
			title: lastQuarter.board.title,
			period: lastQuarter.board.period
		},
		{ title: THIS_QUARTER.title, period: THIS_QUARTER.period },
		secretary,
		at(THIS_QUARTER.made)
	);
	if (!made.ok) throw new Error('the demo council already has a next period');
	const board = {
		id: made.boardId,
		councilId: council.id,
		title: THIS_QUARTER.title,
		period: THIS_QUARTER.period
	};
	const pledgeRefs: { project: string; ref: string }[] = [];
	const written = await writeQuarter(us, board.id, THIS_QUARTER, {}, pledgeRefs);
	// The secretary links the pledged resources to the projects they serve.
	await write(store, boardRoom(board.id), secretary, (doc) => {
		for (const { project, ref } of pledgeRefs)
			toggleRef(doc, PLAN, written.projects.get(project)!, 'pledges', ref, true);
	});
	await writeMeeting(us, board.id, COMING_MEETING, written);
	for (const ref of [lastQuarter.board, board])
		await recordStoryDoneDays(store, { id: ref.id, councilId: council.id });
	return { council, board, lastQuarter, unitIds };
}

/**
 * Writes a quarter's board document (needs and plan) and then each unit's sheet, by its
 * representative, so that sheets can link to the board's items. `times` dates the two steps (now,
 * when not given); pledges meant for a project's resources are put in `pledgeRefs`.
 */
async function writeQuarter(
	us: Council,
	boardId: string,
	quarter: DemoQuarter,
	times: { board?: string; sheets?: string },
	pledgeRefs: { project: string; ref: string }[] = []
): Promise<Written> {
	const when = (time?: string) => (time ? at(time).getTime() : undefined);
	const written: Written = { needs: new Map(), projects: new Map(), commitments: new Map() };
	const secretary = us.people.get('demo-secretary')!;
	await write(
		us.store,
		boardRoom(boardId),
		secretary,
		(doc) => {
			for (const { key, ...need } of quarter.needs)
				written.needs.set(key, addItem(doc, NEEDS, need));
			for (const { key, leadKey, partnerKeys, needKeys, ...item } of quarter.plan) {
				const id = addItem(doc, PLAN, {
					...item,
					lead: us.unitIds.get(leadKey),
					partners: partnerKeys.map((k) => us.unitIds.get(k)!),
					needs: needKeys.map((k) => written.needs.get(k)!)
				});
				written.projects.set(key, id);
			}
		},
		when(times.board)
	);
	const idOf = (ref: KeyRef) => {
		const [kind, key] = ref.split(':') as ['need' | 'project', string];
		return { kind, id: (kind === 'need' ? written.needs : written.projects).get(key)! };
	};
	for (const [unitKey, sheet] of Object.entries(quarter.sheets)) {
		const unitId = us.unitIds.get(unitKey)!;
		const rep = DEMO_UNITS.find((u) => u.key === unitKey)!.rep;
		await write(
			us.store,
			unitRoom(boardId, unitId),
			us.people.get(unitKey)!,
			(doc) => {
				for (const { link, forProject, ...pledge } of sheet.pledges) {
					const target = link && idOf(link);
					const id = addItem(doc, PLEDGES, {
						...pledge,
						link: target ? `${target.kind}:${target.id}` : ''
					});
					if (forProject) pledgeRefs.push({ project: forProject, ref: pledgeRef(unitId, id) });
				}
				for (const target of sheet.claims ?? []) claim(doc, idOf(target), rep);
				for (const { key, projectKey, ...commitment } of sheet.commitments) {
					const id = addItem(doc, COMMITMENTS, {
						...commitment,
						project: projectKey ? written.projects.get(projectKey) : ''
					});
					if (key) written.commitments.set(`${unitKey}/${key}`, id);
				}
			},
			when(times.sheets)
		);
	}
	return written;
}

/** A meeting, its agenda, who came and what it decided, written by the secretary. */
async function writeMeeting(us: Council, boardId: string, seed: DemoMeeting, written: Written) {
	await write(
		us.store,
		meetingsRoom(boardId),
		us.people.get('demo-secretary')!,
		(doc) => {
			const meeting = addItem(doc, MEETINGS, seed.meeting);
			for (const item of seed.agenda) addItem(doc, AGENDA, { meeting, ...item });
			for (const [unit, who, time] of seed.checkIns ?? [])
				checkIn(doc, meeting, us.unitIds.get(unit)!, who, at(`${seed.meeting.date}T${time}:00`));
			for (const { unit, ...attendance } of seed.attendance ?? [])
				setAttendance(doc, meeting, us.unitIds.get(unit)!, attendance);
			for (const { content, projectKeys } of seed.decisions ?? [])
				addItem(doc, DECISIONS, {
					meeting,
					content,
					...(projectKeys && { projects: projectKeys.map((k) => written.projects.get(k)!) })
				});
		},
		seed.at ? at(seed.at).getTime() : undefined
	);
}

/**
 * The demo is written in one go, now, but tells of a quarter gone by: the server's done day of each
 * done commitment is the day the story gives it (its `doneOn`), recorded before any reading of the
 * log could date it today. Only the demo does this, as its own server-made story.
 */
async function recordStoryDoneDays(store: Store, board: { id: string; councilId: string }) {
	for (const sheet of (await readBoardContent(storage(store), board)).sheets) {
		for (const c of sheet.commitments)
			if (c.status === 'done' && c.doneOn)
				await setDoneDay(
					store.db,
					{ boardId: board.id, unitId: sheet.unit.id, itemId: c.id },
					c.doneOn,
					'change',
					null
				);
	}
}

/**
 * Last quarter's board, the way it went: drafted, saved as 会前草案 before the meeting, confirmed by
 * most units, agreed (with the reason for the one missing), and followed up since.
 */
async function seedLastQuarter(us: Council) {
	const { store, db, unitIds, people } = us;
	const { boards, confirmations } = tables(db);
	const story = LAST_QUARTER;
	const board = await createBoard(db, {
		councilId: us.id,
		title: story.title,
		period: story.period
	});
	const ref = { id: board.id, councilId: us.id };
	const secretary = people.get('demo-secretary')!;
	const where = { councilId: us.id, boardId: board.id };
	const written = await writeQuarter(us, board.id, story, story.drafted);

	// Versions read the documents straight from storage (no sync server runs while seeding).
	const source = storage(store);
	/** A version the secretary took by hand, recorded as she would have. */
	const secretaryTakes = async (label: string, kind: 'manual' | 'agreed', when: Date) => {
		const version = await takeVersion(source, ref, { label, kind, authorId: secretary }, when);
		await recordEvent(
			db,
			where,
			secretary,
			{ type: 'version', versionId: version.id, label: version.label, kind },
			version.createdAt
		);
		return version;
	};
	const draft = await secretaryTakes(story.draft.label, 'manual', at(story.draft.at));
	const moveTo = async (
		status: BoardStatus,
		from: BoardStatus,
		when: Date,
		extra: { reason?: string; unconfirmed?: string[] } = {}
	) => {
		await db.update(boards).set({ status }).where(eq(boards.id, board.id));
		await recordEvent(db, where, secretary, { type: 'status', from, to: status, ...extra }, when);
	};
	await moveTo('meeting', 'draft', at(story.meetingOpens));
	const unitName = (key: string) => DEMO_UNITS.find((u) => u.key === key)!.name;
	for (const key of story.confirmed.units) {
		const unitId = unitIds.get(key)!;
		const when = at(story.confirmed.at);
		await db
			.insert(confirmations)
			.values({ boardId: board.id, unitId, userId: people.get(key)!, createdAt: when });
		await recordEvent(
			db,
			where,
			people.get(key)!,
			{ type: 'confirm', unitId, unitName: unitName(key) },
			when
		);
	}
	await writeMeeting(us, board.id, LAST_MEETING, written);
	const agreed = await secretaryTakes(story.agreed.label, 'agreed', at(story.agreed.at));
	await moveTo('agreed', 'meeting', agreed.createdAt, {
		reason: story.agreed.reason,
		unconfirmed: DEMO_UNITS.filter((u) => !story.confirmed.units.includes(u.key)).map((u) => u.name)
	});
	await moveTo('tracking', 'agreed', at(story.trackingFrom));

	// Follow-up since, as the representatives and the secretary reported it.
	const versions = [draft, agreed];
	for (const step of story.followUps) {
		if ('version' in step) {
			versions.push(
				await takeVersion(source, ref, { label: 'auto', kind: 'auto', authorId: null }, at(step.at))
			);
			continue;
		}
		const room = step.sheet ? unitRoom(board.id, unitIds.get(step.sheet)!) : boardRoom(board.id);
		const spec = { needs: NEEDS, plan: PLAN, commitments: COMMITMENTS }[step.list];
		const itemId =
			step.list === 'commitments'
				? written.commitments.get(`${step.sheet}/${step.key}`)!
				: (step.list === 'needs' ? written.needs : written.projects).get(step.key)!;
		const by = people.get(step.by)!;
		await write(
			store,
			room,
			by,
			(doc) => {
				for (const [field, value] of Object.entries(step.set))
					setField(doc, spec, itemId, field, value);
			},
			at(step.at).getTime()
		);
		// A follow-up (跟踪) is of the plan or of a commitment; the secretary's closing a need is not one.
		if (step.recorded && step.list !== 'needs')
			await recordEvent(
				db,
				where,
				by,
				{
					type: 'tracking',
					room,
					list: step.list,
					itemId,
					title: step.recorded.title,
					field: 'status',
					value: step.set.status!
				},
				at(step.recorded.at)
			);
	}
	return { board, versions };
}
