// Follow-up (跟踪落实): a unit's representatives report the status and progress of their own
// commitments and of the projects their unit leads. On a locked plan clients cannot write the
// documents any more, so the server checks the right, validates the change and makes it itself, live
// for everyone and recorded under the person's name; "my work" reports the same way on boards still
// in draft. Rights stay per document on the wire. A report that marks a commitment done dates it
// with the server's day (done_days, figures.ts), after reading the sheet's log up to now so that the
// day is of the done that stands.
import { fail } from '@sveltejs/kit';
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/session.ts';
import { mayReportOnProject, takesReports, type BoardRights } from '../policy/board.ts';
import { mayReportOnCommitment } from '../policy/sheet.ts';
import type { CouncilRole } from '../policy/council.ts';
import { ensureText, itemOf, readItem, setField } from '../../board/ydoc/list.ts';
import { COMMITMENTS, PLAN } from '../../board/model/lists/index.ts';
import { todayIn, type ListSpec } from '../../board/model/fields.ts';
import { noteLine } from '../../board/model/notes.ts';
import { boardRoom, unitRoom } from '../sync/rooms.ts';
import { isUnitOf } from '../council/units.ts';
import { recordEvent } from '../record/events.ts';
import type { BoardStatus } from '../../board/model/status.ts';
import { catchUp } from '../record/activity.ts';
import { councilDay, recordDone } from './figures.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { httpError } from '../http/guards.ts';

export const NOTE_MAX = 1000;

export interface TrackInput {
	list: string;
	/** The unit whose commitment it is; unused for projects. */
	unitId: string;
	itemId: string;
	status: string;
	/** Appended to the commitment's notes or the project's progress, dated and signed. */
	note: string;
	/** Appended to the item's evidence, likewise. */
	evidence: string;
}

/** Who reports: the person, named on the report, with their place in the council. */
export interface Tracker extends CouncilRole {
	userId: string;
	name: string;
}

export type TrackResult =
	| { ok: true; title: string }
	| {
			ok: false;
			status: 400 | 403 | 404 | 409;
			error: MessageKey;
			params?: { max: number };
			field?: 'status' | 'note' | 'evidence';
	  };

export async function trackProgress(
	app: Pick<App, 'db' | 'docs' | 'sync'>,
	board: { id: string; councilId: string; status: BoardStatus },
	who: Tracker,
	input: TrackInput
): Promise<TrackResult> {
	if (!takesReports(board.status)) return { ok: false, status: 409, error: 'tracking.notTracking' };
	const spec = input.list === 'commitments' ? COMMITMENTS : input.list === 'plan' ? PLAN : null;
	if (!spec) return { ok: false, status: 400, error: 'tracking.unknownItem' };
	const note = input.note.trim();
	const evidence = input.evidence.trim();
	for (const [field, text] of [
		['note', note],
		['evidence', evidence]
	] as const)
		if (text.length > NOTE_MAX)
			return { ok: false, status: 400, error: 'field.tooLong', params: { max: NOTE_MAX }, field };
	const options = (spec.fields.status as { options: readonly string[] }).options;
	if (!options.includes(input.status))
		return { ok: false, status: 400, error: 'tracking.badStatus', field: 'status' };

	let room: string;
	if (spec === COMMITMENTS) {
		if (!(await isUnitOf(app.db, board.councilId, input.unitId)))
			return { ok: false, status: 404, error: 'tracking.unknownItem' };
		if (!mayReportOnCommitment(who, input.unitId))
			return { ok: false, status: 403, error: 'tracking.notYours' };
		room = unitRoom(board.id, input.unitId);
	} else {
		room = boardRoom(board.id);
	}

	// What the server has dated so far is up to date before this report changes it.
	if (spec === COMMITMENTS) await catchUp(app.db, app.sync, room);
	const now = new Date();
	let wasDone = false;
	// Set inside the change (TypeScript cannot see that the callback runs at once, hence the wide type).
	let outcome = { ok: false, status: 404, error: 'tracking.unknownItem' } as TrackResult;
	await app.docs.change(room, who.userId, (doc) => {
		const item = itemOf(doc, spec, input.itemId);
		if (!item) return;
		const current = readItem(spec, input.itemId, item) as Record<string, unknown>;
		// A project is its lead unit's to report on.
		if (spec === PLAN && !mayReportOnProject(who, String(current.lead ?? ''))) {
			outcome = { ok: false, status: 403, error: 'tracking.notYours' };
			return;
		}
		wasDone = current.status === 'done';
		setField(doc, spec, input.itemId, 'status', input.status);
		const list: ListSpec = spec; // either list's text fields: the engine checks the kind
		const append = (field: string, text: string) => {
			const target = ensureText(doc, list, input.itemId, field);
			if (text && target)
				target.insert(
					target.length,
					`${target.length ? '\n' : ''}${noteLine(todayIn(), who.name, text)}`
				);
		};
		append(spec === COMMITMENTS ? 'notes' : 'progress', note);
		append('evidence', evidence);
		outcome = { ok: true, title: String(current[spec === PLAN ? 'title' : 'content'] ?? '') };
	});
	const done = outcome as TrackResult;
	if (done.ok && spec === COMMITMENTS && wasDone !== (input.status === 'done')) {
		await recordDone(
			app.db,
			{
				boardId: board.id,
				unitId: input.unitId,
				itemId: input.itemId,
				day: input.status === 'done' ? councilDay(now) : null,
				userId: who.userId,
				at: now
			},
			'follow_up'
		);
	}
	if (done.ok) {
		await recordEvent(app.db, { councilId: board.councilId, boardId: board.id }, who.userId, {
			type: 'tracking',
			room,
			list: spec === PLAN ? 'plan' : 'commitments',
			itemId: input.itemId,
			title: done.title,
			field: 'status',
			value: input.status
		});
	}
	return done;
}

/** A report sent by TrackForm (the board page, my work): made for the signed-in person, answered
 *  as a form action answers; refusals a person can act on come back with what they typed. */
export async function trackFormAction(
	app: App,
	user: SessionUser,
	rights: BoardRights,
	form: FormData
) {
	const field = (name: string) => String(form.get(name) ?? '');
	const input = {
		list: field('list'),
		unitId: field('unitId'),
		itemId: field('itemId'),
		status: field('status'),
		note: field('note'),
		evidence: field('evidence')
	};
	const result = await trackProgress(
		app,
		rights.board,
		{ userId: user.id, name: user.displayName, role: rights.role, unitId: rights.unitId },
		input
	);
	if (!result.ok) {
		if (result.status === 403 || result.status === 404) httpError(result.status, result.error);
		return fail(result.status, {
			track: {
				itemId: input.itemId,
				values: { note: input.note, evidence: input.evidence },
				error: result.error,
				params: result.params,
				field: result.field
			}
		});
	}
	return { tracked: input.itemId };
}
