// The meetings document's lists (`board:<boardId>:meetings`, ../../ydoc/meetings.ts): each meeting's
// particulars, its agenda (议程) and its decisions (议定事项).
import { defineList } from '../descriptor.ts';
import { TITLE_MAX } from '../fields.ts';

export const MEETINGS = defineList({
	name: 'meetings',
	fields: {
		title: { kind: 'text', required: true, max: TITLE_MAX },
		date: { kind: 'date' },
		/** As people write it: 14:30, 下午2:30–4:00. */
		time: { kind: 'text', max: 40, placeholder: true },
		place: { kind: 'text', max: 100, placeholder: true },
		chair: { kind: 'text', max: 100 },
		recorder: { kind: 'text', max: 100 },
		/** 列席: people and bodies who sat in without being member units. */
		guests: { kind: 'text', multiline: true, placeholder: true },
		/** What the meeting heard and discussed, the opening paragraph of the minutes. */
		summary: { kind: 'text', multiline: true, placeholder: true }
	},
	card: {
		title: 'title',
		fields: [
			['date', 2],
			['time', 2],
			['place', 2],
			['chair', 3],
			['recorder', 3],
			['guests', 6],
			['summary', 6]
		]
	}
});

export const DECISIONS = defineList({
	name: 'decisions',
	fields: {
		content: { kind: 'text', required: true, multiline: true, max: 2000, placeholder: true },
		meeting: { kind: 'ref', to: 'meeting' },
		projects: { kind: 'refs', to: 'project' }
	},
	card: { title: 'content', fields: [['projects', 6]] }
});

export const AGENDA_STATES = ['pending', 'done'] as const;

/** 议程: one item of a meeting's agenda. The first item not done is the one under discussion. */
export const AGENDA = defineList({
	name: 'agenda',
	fields: {
		title: { kind: 'text', required: true, max: TITLE_MAX, placeholder: true },
		meeting: { kind: 'ref', to: 'meeting', unlabelled: true },
		/** Who presents it (汇报人 / 单位), as people write it. */
		presenter: { kind: 'text', max: 100, placeholder: true },
		/** Ticked off as the meeting goes (AgendaList): a tick, not words. */
		state: { kind: 'choice', options: AGENDA_STATES, unlabelled: true }
	}
});
