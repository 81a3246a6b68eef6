// The 会议纪要 of one of a board's meetings, in words: the particulars as a council writes them
// (出席 lists each unit with who came for it, 请假 with the reason, 列席 the units that sat in and the
// guests), the agenda (会议议程) in its order, the decisions with the projects they concern, and the
// plan as the annex. docx.ts lays it out.
import type { BoardDocuments } from '../docs/documents.ts';
import type { Board } from '../council/councils.ts';
import { readMeetingsContent } from '../docs/board-content.ts';
import { listUnits } from '../council/units.ts';
import type { MinutesDocument, PlanDocument } from './docx.ts';
import type { Meeting } from '../../board/model/meetings.ts';
import type { BoardContent } from '../../board/ydoc/content.ts';
import { formatDate, punctuation, type Locale, type Translate } from '../../i18n/index.ts';

/** The meeting asked for, or (none named) the latest by date; undefined when there is none. */
export function chooseMeeting(meetings: Meeting[], id: string | null): Meeting | undefined {
	if (id) return meetings.find((m) => m.id === id);
	return meetings.toSorted((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).at(-1);
}

export async function minutesOf(
	app: BoardDocuments,
	board: Board,
	meetingId: string | null,
	plan: { content: BoardContent; annex: PlanDocument | null },
	t: Translate,
	locale: Locale
): Promise<{ minutes: MinutesDocument; fileName: string } | undefined> {
	const content = await readMeetingsContent(app, board.id);
	const meeting = chooseMeeting(content.meetings, meetingId);
	if (!meeting) return undefined;
	const units = await listUnits(app.db, board.councilId);
	const marks = punctuation(t, locale);
	const here = content.attendance.filter((a) => a.meetingId === meeting.id);
	const named = (status: 'present' | 'leave' | 'sitting_in') =>
		units
			.map((unit) => ({ unit, a: here.find((a) => a.unitId === unit.id && a.status === status) }))
			.filter(({ a }) => a)
			.map(({ unit, a }) => {
				const detail = status === 'leave' ? a!.reason : a!.who;
				return detail ? `${unit.name}${marks.paren(detail)}` : unit.name;
			});
	const projectTitle = new Map(plan.content.plan.map((p) => [p.id, p.title]));
	const date = meeting.date ? formatDate(locale, meeting.date) : '';
	const when = [date, meeting.time].filter(Boolean).join(' ');
	const title = t('minutes.title', { council: board.councilName, meeting: meeting.title });

	const guests = meeting.guests
		.split(/\n+/)
		.map((g) => g.trim())
		.filter(Boolean);
	const agenda = content.agenda
		.filter((a) => a.meeting === meeting.id && a.title.trim())
		.map(
			(a) =>
				a.title.trim() +
				(a.presenter.trim() ? t('agenda.minutesPresenter', { presenter: a.presenter.trim() }) : '')
		);
	const decisions = content.decisions
		.filter((d) => d.meeting === meeting.id && d.content.trim())
		.map((d) => {
			const projects = d.projects.map((id) => projectTitle.get(id)).filter(Boolean);
			return (
				d.content.trim() +
				(projects.length
					? t('minutes.projects', { projects: marks.list(projects as string[]) })
					: '')
			);
		});
	return {
		fileName: title,
		minutes: {
			title,
			marks,
			titleNames: [board.councilName, meeting.title],
			// 落款: the council, on the day it met (else the day of the plan annexed).
			signature: { issuer: board.councilName, date: date || plan.annex?.signature.date || '' },
			dateLine: date ? marks.paren(date).trim() : '',
			particulars: [
				[t('minutes.time'), when],
				[t('minutes.place'), meeting.place],
				[t('minutes.chair'), meeting.chair],
				[t('minutes.present'), marks.list(named('present'))],
				[t('minutes.leave'), marks.list(named('leave'))],
				[t('minutes.guests'), marks.list([...named('sitting_in'), ...guests])],
				[t('minutes.recorder'), meeting.recorder]
			],
			agendaLabel: t('agenda.minutesLabel'),
			agenda,
			summary:
				meeting.summary.trim() ||
				t('minutes.summary', {
					when: when || t('minutes.someDay'),
					council: board.councilName,
					place: meeting.place || t('minutes.somewhere'),
					meeting: meeting.title
				}),
			decisionsLead: t('minutes.decisionsLead'),
			decisions,
			annexLabel: t('minutes.annex'),
			annex: plan.annex
		}
	};
}
