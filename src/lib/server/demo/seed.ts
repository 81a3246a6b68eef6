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
import type { Db } from '../db/index.ts';
import { boards, confirmations } from '../db/schema.ts';
import { createUser } from '../auth/accounts.ts';
import { createBoard, createCouncil, setMembership } from '../council/councils.ts';
import { createUnit } from '../council/units.ts';
import { DocStore } from '../sync/storage.ts';
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
function storage(db: Db, when = Date.now()): BoardDocuments {
	return { db, docs: storedDocuments(new DocStore(db), () => when) };
}

/** Changes a room's document as one logged update by `userId` at `when`, as the sync server would. */
function write(
	db: Db,
	room: string,
	userId: string,
	change: (doc: Y.Doc) => void,
	when = Date.now()
) {
	storage(db, when).docs.change(room, userId, change);
}

/** What the seeding knows of the council: its units and people by key, and each item's id by key. */
interface Council {
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

export async function seedDemo(db: Db) {
	const council = createCouncil(db, DEMO_COUNCIL);
	const unitIds = new Map<string, string>();
	for (const { key, name, kind, contactName, contactPhone, liaison } of DEMO_UNITS)
		unitIds.set(
			key,
			createUnit(db, council.id, { name, kind, contactName, contactPhone, liaison }).id
		);

	const people = new Map<string, string>();
	for (const account of DEMO_ACCOUNTS) {
		const user = await createUser(db, { ...account, password: DEMO_PASSWORD });
		setMembership(
			db,
			council.id,
			user.id,
			account.role,
			account.unit ? unitIds.get(account.unit)! : null
		);
		people.set(account.unit ?? account.username, user.id);
	}
	const us: Council = { db, id: council.id, unitIds, people };
	const secretary = people.get('demo-secretary')!;
	const lastQuarter = seedLastQuarter(us);

	// This quarter's board, made from last quarter's as its next period: what was still open there comes first.
	const made = createNextBoard(
		storage(db, at(THIS_QUARTER.made).getTime()),
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
	const written = writeQuarter(us, board.id, THIS_QUARTER, {}, pledgeRefs);
	// The secretary links the pledged resources to the projects they serve.
	write(db, boardRoom(board.id), secretary, (doc) => {
		for (const { project, ref } of pledgeRefs)
			toggleRef(doc, PLAN, written.projects.get(project)!, 'pledges', ref, true);
	});
	writeMeeting(us, board.id, COMING_MEETING, written);
	for (const ref of [lastQuarter.board, board])
		recordStoryDoneDays(db, { id: ref.id, councilId: council.id });
	return { council, board, lastQuarter, unitIds };
}

/**
 * Writes a quarter's board document (needs and plan) and then each unit's sheet, by its
 * representative, so that sheets can link to the board's items. `times` dates the two steps (now,
 * when not given); pledges meant for a project's resources are put in `pledgeRefs`.
 */
function writeQuarter(
	us: Council,
	boardId: string,
	quarter: DemoQuarter,
	times: { board?: string; sheets?: string },
	pledgeRefs: { project: string; ref: string }[] = []
): Written {
	const when = (time?: string) => (time ? at(time).getTime() : undefined);
	const written: Written = { needs: new Map(), projects: new Map(), commitments: new Map() };
	const secretary = us.people.get('demo-secretary')!;
	write(
		us.db,
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
		write(
			us.db,
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
function writeMeeting(us: Council, boardId: string, seed: DemoMeeting, written: Written) {
	write(
		us.db,
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
function recordStoryDoneDays(db: Db, board: { id: string; councilId: string }) {
	for (const sheet of readBoardContent(storage(db), board).sheets) {
		for (const c of sheet.commitments)
			if (c.status === 'done' && c.doneOn)
				setDoneDay(
					db,
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
function seedLastQuarter(us: Council) {
	const { db, unitIds, people } = us;
	const story = LAST_QUARTER;
	const board = createBoard(db, { councilId: us.id, title: story.title, period: story.period });
	const ref = { id: board.id, councilId: us.id };
	const secretary = people.get('demo-secretary')!;
	const where = { councilId: us.id, boardId: board.id };
	const written = writeQuarter(us, board.id, story, story.drafted);

	// Versions read the documents straight from storage (no sync server runs while seeding).
	const source = storage(db);
	/** A version the secretary took by hand, recorded as she would have. */
	const secretaryTakes = (label: string, kind: 'manual' | 'agreed', when: Date) => {
		const version = takeVersion(source, ref, { label, kind, authorId: secretary }, when);
		recordEvent(
			db,
			where,
			secretary,
			{ type: 'version', versionId: version.id, label: version.label, kind },
			version.createdAt
		);
		return version;
	};
	const draft = secretaryTakes(story.draft.label, 'manual', at(story.draft.at));
	const moveTo = (
		status: BoardStatus,
		from: BoardStatus,
		when: Date,
		extra: { reason?: string; unconfirmed?: string[] } = {}
	) => {
		db.update(boards).set({ status }).where(eq(boards.id, board.id)).run();
		recordEvent(db, where, secretary, { type: 'status', from, to: status, ...extra }, when);
	};
	moveTo('meeting', 'draft', at(story.meetingOpens));
	const unitName = (key: string) => DEMO_UNITS.find((u) => u.key === key)!.name;
	for (const key of story.confirmed.units) {
		const unitId = unitIds.get(key)!;
		const when = at(story.confirmed.at);
		db.insert(confirmations)
			.values({ boardId: board.id, unitId, userId: people.get(key)!, createdAt: when })
			.run();
		recordEvent(
			db,
			where,
			people.get(key)!,
			{ type: 'confirm', unitId, unitName: unitName(key) },
			when
		);
	}
	writeMeeting(us, board.id, LAST_MEETING, written);
	const agreed = secretaryTakes(story.agreed.label, 'agreed', at(story.agreed.at));
	moveTo('agreed', 'meeting', agreed.createdAt, {
		reason: story.agreed.reason,
		unconfirmed: DEMO_UNITS.filter((u) => !story.confirmed.units.includes(u.key)).map((u) => u.name)
	});
	moveTo('tracking', 'agreed', at(story.trackingFrom));

	// Follow-up since, as the representatives and the secretary reported it.
	const versions = [draft, agreed];
	for (const step of story.followUps) {
		if ('version' in step) {
			versions.push(
				takeVersion(source, ref, { label: 'auto', kind: 'auto', authorId: null }, at(step.at))
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
		write(
			db,
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
			recordEvent(
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
