// A board exported as JSON (format `gongjian-board`, export.ts) made into a new board of a council:
// its needs and plan, each unit's pledges, commitments and claims, and its meetings. Units are found by id (the same
// council) or by name, and made where the council has none of that name; links to units follow them.
// Item ids are kept, so links between items still hold. The documents are written through the sync
// server like any change, under the person who imports. Nothing imported counts as carried over (no
// carried_items row, whatever the file's `carriedFrom` says); a done commitment's day is the file's
// `doneOn`, recorded as the importing secretary's statement (a correction in done_days), since the
// server never saw that board being done.
import * as Y from 'yjs';
import type { BoardDocuments } from '../docs/documents.ts';
import { createBoard } from '../council/councils.ts';
import { createUnit, listUnits, UNIT_NAME_MAX } from '../council/units.ts';
import { UNIT_KINDS, type UnitKind } from '../../council.ts';
import { boardRoom, meetingsRoom, unitRoom } from '../sync/rooms.ts';
import { AGENDA, DECISIONS, MEETINGS } from '../../board/model/lists/index.ts';
import { ATTENDANCE_STATUSES } from '../../board/model/meetings.ts';
import { setAttendance } from '../../board/ydoc/meetings.ts';
import { recordEvent } from '../record/events.ts';
import { reconcileDoc } from '../../board/ydoc/reconcile.ts';
import { isIsoDate, type ListSpec } from '../../board/model/fields.ts';
import { listMap, newItem, newItemId, readItems } from '../../board/ydoc/list.ts';
import { setDoneDay } from '../board/figures.ts';
import { keysAtEnd } from '../../board/model/order.ts';
import { claim } from '../../board/ydoc/claims.ts';
import { parseClaimKey } from '../../board/model/claims.ts';
import { COMMITMENTS, NEEDS, PLAN, PLEDGES } from '../../board/model/lists/index.ts';
import { pledgeRef } from '../../board/reports/matching.ts';

export const BOARD_FILE_MAX_BYTES = 5 * 1024 * 1024;
const MAX_ITEMS = 20_000;
const ID = /^[a-z0-9]{1,40}$/;

export type BoardFileProblem =
	'empty' | 'tooLarge' | 'notJson' | 'notBoardExport' | 'newerFormat' | 'tooManyItems';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

interface UnitIn {
	id: string;
	name: string;
	kind: UnitKind;
	contactName: string;
	contactPhone: string;
	liaison: string;
}
interface SheetIn {
	unit: UnitIn;
	pledges: Obj[];
	commitments: Obj[];
	claims: Obj[];
}
export interface BoardFile {
	title: string;
	period: string;
	needs: Obj[];
	plan: Obj[];
	sheets: SheetIn[];
	meetings: { meetings: Obj[]; agenda: Obj[]; decisions: Obj[]; attendance: Obj[] };
}

/** Reads and checks an uploaded export; what it holds is only trusted as far as the shapes go. */
export function readBoardFile(
	bytes: Uint8Array
): { ok: true; file: BoardFile } | { ok: false; problem: BoardFileProblem } {
	if (bytes.length === 0) return { ok: false, problem: 'empty' };
	if (bytes.length > BOARD_FILE_MAX_BYTES) return { ok: false, problem: 'tooLarge' };
	let data: unknown;
	try {
		data = JSON.parse(
			new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
		);
	} catch {
		return { ok: false, problem: 'notJson' };
	}
	if (!isObj(data) || data.format !== 'gongjian-board' || typeof data.version !== 'number')
		return { ok: false, problem: 'notBoardExport' };
	if (data.version > 1) return { ok: false, problem: 'newerFormat' };
	const content = data.content;
	if (
		!isObj(content) ||
		!isObj(data.board) ||
		!Array.isArray(content.needs) ||
		!Array.isArray(content.plan) ||
		!Array.isArray(content.sheets)
	) {
		return { ok: false, problem: 'notBoardExport' };
	}
	const units = new Map<string, Obj>(
		(Array.isArray(data.units) ? data.units : []).filter(isObj).map((u) => [str(u.id), u])
	);
	const unitOf = (u: unknown): UnitIn | null => {
		if (!isObj(u) || !str(u.name, UNIT_NAME_MAX)) return null;
		const full = { ...units.get(str(u.id)), ...u };
		const kind = UNIT_KINDS.includes(full.kind as UnitKind) ? (full.kind as UnitKind) : 'other';
		return {
			id: str(full.id),
			name: str(full.name, UNIT_NAME_MAX),
			kind,
			contactName: str(full.contactName, 100),
			contactPhone: str(full.contactPhone, 30),
			liaison: str(full.liaison, 100)
		};
	};
	const items = (v: unknown) => (Array.isArray(v) ? v.filter(isObj) : []);
	const sheets: SheetIn[] = [];
	for (const sheet of content.sheets) {
		const unit = isObj(sheet) ? unitOf(sheet.unit) : null;
		if (!isObj(sheet) || !unit) return { ok: false, problem: 'notBoardExport' };
		sheets.push({
			unit,
			pledges: items(sheet.pledges),
			commitments: items(sheet.commitments),
			claims: items(sheet.claims)
		});
	}
	const meetings = isObj(data.meetings) ? data.meetings : {};
	const file: BoardFile = {
		title: str(data.board.title),
		period: str(data.board.period, 100),
		needs: items(content.needs),
		plan: items(content.plan),
		sheets,
		meetings: {
			meetings: items(meetings.meetings),
			agenda: items(meetings.agenda),
			decisions: items(meetings.decisions),
			attendance: items(meetings.attendance)
		}
	};
	const count =
		file.needs.length +
		file.plan.length +
		sheets.reduce((n, s) => n + s.pledges.length + s.commitments.length + s.claims.length, 0) +
		Object.values(file.meetings).reduce((n, list) => n + list.length, 0);
	if (count > MAX_ITEMS) return { ok: false, problem: 'tooManyItems' };
	return { ok: true, file };
}

/** Makes the new board; answers its id and the names of the units that had to be added to the council. */
export async function importBoard(
	app: BoardDocuments,
	councilId: string,
	userId: string,
	file: BoardFile,
	names: { title: string; period: string }
): Promise<{ boardId: string; unitsAdded: string[] }> {
	const { db } = app;
	// Units: the same one (by id, then by name) where the council has it, else a new one.
	const existing = await listUnits(db, councilId);
	const unitIds = new Map<string, string>();
	const unitsAdded: string[] = [];
	for (const { unit } of file.sheets) {
		const found =
			existing.find((u) => u.id === unit.id) ?? existing.find((u) => u.name === unit.name);
		if (found) unitIds.set(unit.id, found.id);
		else {
			const made = await createUnit(db, councilId, {
				name: unit.name,
				kind: unit.kind,
				contactName: unit.contactName,
				contactPhone: unit.contactPhone,
				liaison: unit.liaison
			});
			existing.push({ ...made, reps: 0, createdAt: new Date() } as (typeof existing)[number]);
			unitIds.set(unit.id, made.id);
			unitsAdded.push(made.name);
		}
	}
	const unit = (id: unknown) => unitIds.get(String(id)) ?? '';
	const board = await createBoard(db, { councilId, ...names });

	const boardDoc = new Y.Doc();
	fill(boardDoc, NEEDS, file.needs);
	fill(
		boardDoc,
		PLAN,
		file.plan.map((p) => ({
			...p,
			lead: unit(p.lead),
			partners: (Array.isArray(p.partners) ? p.partners : []).map(unit).filter(Boolean),
			pledges: (Array.isArray(p.pledges) ? p.pledges : [])
				.map((ref) => {
					const [unitId, pledgeId] = String(ref).split('/');
					return unit(unitId) && pledgeId ? pledgeRef(unit(unitId), pledgeId) : '';
				})
				.filter(Boolean)
		}))
	);
	const docs = [{ room: boardRoom(board.id), doc: boardDoc }];
	for (const sheet of file.sheets) {
		const doc = new Y.Doc();
		fill(doc, PLEDGES, sheet.pledges);
		fill(doc, COMMITMENTS, sheet.commitments);
		for (const c of sheet.claims) {
			const target = parseClaimKey(`${str(c.kind)}:${str(c.id)}`);
			if (target) claim(doc, target, str(c.by, 100), undefined, str(c.at, 40) || undefined);
		}
		docs.push({ room: unitRoom(board.id, unitIds.get(sheet.unit.id)!), doc });
	}
	const meetingsDoc = new Y.Doc();
	fill(meetingsDoc, MEETINGS, file.meetings.meetings);
	fill(meetingsDoc, AGENDA, file.meetings.agenda);
	fill(meetingsDoc, DECISIONS, file.meetings.decisions);
	for (const a of file.meetings.attendance) {
		const unitId = unit(a.unitId);
		if (unitId && typeof a.meetingId === 'string' && ID.test(a.meetingId)) {
			const status = ATTENDANCE_STATUSES.find((s) => s === a.status) ?? 'absent';
			setAttendance(meetingsDoc, a.meetingId, unitId, {
				status,
				who: str(a.who),
				reason: str(a.reason),
				checkedInAt: str(a.checkedInAt, 40)
			});
		}
	}
	docs.push({ room: meetingsRoom(board.id), doc: meetingsDoc });
	const doneDays = file.sheets.flatMap((sheet, i) => {
		const unitId = unitIds.get(sheet.unit.id)!;
		// docs[0] is the board; the sheets follow in the file's order.
		return readItems(docs[i + 1]!.doc, COMMITMENTS)
			.filter((c) => c.status === 'done' && isIsoDate(c.doneOn))
			.map((c) => ({ unitId, itemId: c.id, day: c.doneOn }));
	});
	try {
		// Dated before the documents are written, so that no reading of the log dates them today.
		for (const d of doneDays)
			await setDoneDay(
				db,
				{ boardId: board.id, unitId: d.unitId, itemId: d.itemId },
				d.day,
				'correction',
				userId
			);
		for (const { room, doc } of docs)
			await app.docs.change(room, userId, (live) => reconcileDoc(live, doc));
	} finally {
		for (const { doc } of docs) doc.destroy();
	}
	await recordEvent(db, { councilId, boardId: board.id }, userId, {
		type: 'imported',
		title: file.title,
		period: file.period,
		unitsAdded
	});
	return { boardId: board.id, unitsAdded };
}

/** Puts the items into their list in the order given, keeping their ids where they are sound. */
function fill(doc: Y.Doc, spec: ListSpec, items: Obj[]): void {
	const list = listMap(doc, spec);
	const orders = keysAtEnd([], items.length);
	items.forEach((item, i) => {
		const id =
			typeof item.id === 'string' && ID.test(item.id) && !list.has(item.id) ? item.id : newItemId();
		list.set(id, newItem(spec, item, orders[i]!));
	});
}
