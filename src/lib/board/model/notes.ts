// A follow-up report's words (跟进记录) as the server writes them into an item's notes, progress or
// evidence: one entry per report, "2026-12-02 孙倩：已建立 40 户档案", appended to what is there. People
// may also type into these fields on the board, so what does not start with a day and a name is read
// as it is: before any report it is an entry of its own, undated; after one, the rest of that report
// (a note of several lines).
export interface NoteEntry {
	/** YYYY-MM-DD, or '' for words not written by a report. */
	day: string;
	who: string;
	text: string;
}

const REPORT = /^(\d{4}-\d{2}-\d{2}) ([^：\n]{1,100})：(.*)$/;

/** The line a report appends: its day, the reporter's name, what they said. */
export function noteLine(day: string, who: string, text: string): string {
	return `${day} ${who}：${text}`;
}

/** The entries of a notes field, in the order written. */
export function readNotes(text: string): NoteEntry[] {
	const entries: NoteEntry[] = [];
	for (const line of text.split('\n')) {
		const report = REPORT.exec(line);
		const last = entries.at(-1);
		if (report) entries.push({ day: report[1]!, who: report[2]!, text: report[3]! });
		else if (!line.trim()) continue;
		else if (last) last.text += `\n${line}`;
		else entries.push({ day: '', who: '', text: line });
	}
	return entries;
}

/** One entry of an item's follow-up: a progress note, or where the proof is (佐证). */
export type FollowUp = NoteEntry & { evidence: boolean };

/** An item's notes (or progress) and evidence as one record, by day; undated words typed on the
 *  board first, and on one day the note before the evidence given with it. */
export function followUp(notes: string, evidence: string): FollowUp[] {
	const entries = [
		...readNotes(notes).map((e) => ({ ...e, evidence: false })),
		...readNotes(evidence).map((e) => ({ ...e, evidence: true }))
	];
	return entries.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
