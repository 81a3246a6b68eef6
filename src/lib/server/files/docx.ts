// The 共驻共建项目清单 and the 会议纪要 as Word documents laid out the way community offices lay out official documents
// (党政机关公文格式, GB/T 9704-2012): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the
// title in 2号 (22 pt) 小标宋, centred; body in 3号 (16 pt) 仿宋; first-level headings "一、" in 黑体;
// page numbers "— 1 —" in 4号 (14 pt) 宋体 at the outer bottom corner (right on odd pages, left on even).
// Chinese fonts go in the East Asian slot of every run, so Word uses them for Chinese text; where a
// font is missing Word substitutes (方正小标宋简体 → 宋体 SimSun, 仿宋_GB2312 → FangSong).
// The lists are tables on landscape pages, as council annexes are; the minutes carry the plan as their annex.
import {
	AlignmentType,
	Document,
	Footer,
	PageNumber,
	PageOrientation,
	Packer,
	Paragraph,
	Table as DocxTable,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type IRunOptions,
	type ISectionOptions
} from 'docx';
import type { Table } from '../../board/reports/tables.ts';
import type { Punctuation } from '../../i18n/index.ts';
import { textWidth, titleLines, titlePieces } from '../../title-lines.ts';

const mm = (n: number) => Math.round((n * 1440) / 25.4); // twips
const PT = 2; // docx sizes are in half-points

export const FONTS = {
	title: '方正小标宋简体',
	body: '仿宋_GB2312',
	heading1: '黑体',
	heading2: '楷体_GB2312',
	pageNumber: '宋体'
} as const;

const MARGINS = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const A4 = { width: mm(210), height: mm(297) };
const LANDSCAPE_TEXT_WIDTH = mm(297 - 28 - 26);

/** A run with its font in every slot (ASCII, East Asian, complex script) at `pt` points. */
function run(text: string, font: string, pt: number, extra: IRunOptions = {}): TextRun {
	return new TextRun({
		text,
		font: { ascii: font, hAnsi: font, eastAsia: font, cs: font },
		size: pt * PT,
		...extra
	});
}

function footer(align: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
	return new Footer({
		children: [
			new Paragraph({
				alignment: align,
				children: [
					run('— ', FONTS.pageNumber, 14),
					new TextRun({
						children: [PageNumber.CURRENT],
						font: { ascii: FONTS.pageNumber, eastAsia: FONTS.pageNumber, hAnsi: FONTS.pageNumber },
						size: 14 * PT
					}),
					run(' —', FONTS.pageNumber, 14)
				]
			})
		]
	});
}

const TABLE_CHAR = 10.5 * 20; // one character of the tables' 五号, in twips
const CELL_MARGINS = 2 * 108 + 40; // Word's default cell margins, and a little for rounding

function tableOf(table: Table): DocxTable {
	const cell = (text: string, header: boolean) =>
		new TableCell({
			children: [
				new Paragraph({
					alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
					children: [run(text, header ? FONTS.heading1 : FONTS.body, 10.5)]
				})
			]
		});
	// Columns that must not wrap (numbers, dates, the status) as wide as their widest cell; the others
	// share what is left of the landscape page's text width by the width each asks for.
	// (Half a character per digit, and two spare: Word and LibreOffice put a little space between digits
	// and Chinese, "2026 年 7 月 10 日", and fonts standing in for 仿宋 draw digits wider.)
	const fitted = (c: Table['columns'][number]) =>
		Math.round((c.width / 2 + 2) * TABLE_CHAR) + CELL_MARGINS;
	const fixed = table.columns.reduce((sum, c) => sum + (c.fit ? fitted(c) : 0), 0);
	const shared = table.columns.reduce((sum, c) => sum + (c.fit ? 0 : c.width), 0);
	const columnWidths = table.columns.map((c) =>
		c.fit ? fitted(c) : Math.round(((LANDSCAPE_TEXT_WIDTH - fixed) * c.width) / shared)
	);
	return new DocxTable({
		width: { size: LANDSCAPE_TEXT_WIDTH, type: WidthType.DXA },
		columnWidths,
		rows: [
			new TableRow({ tableHeader: true, children: table.columns.map((c) => cell(c.header, true)) }),
			...table.rows.map(
				(row) =>
					new TableRow({
						cantSplit: true,
						children: row.map((value) => cell(value === null ? '' : String(value), false))
					})
			)
		]
	});
}

/** 落款: who issues the document and its date (成文日期, "2026年6月28日"). */
export interface Signature {
	issuer: string;
	date: string;
}

export interface PlanDocument {
	title: string;
	/** The reader's language's numbering and punctuation (一、 and ：, or 1. and : ). */
	marks: Punctuation;
	/** The names the title is made of (council, period), which a line break never splits. */
	titleNames: string[];
	signature: Signature;
	/** The sentence under the title: what the document is and where it stands. */
	lead: string;
	/** The day its statuses stand on (as-of.ts): "各项状态截至2026年6月28日。" */
	asOfLine: string;
	tables: Table[];
}

/** 会议纪要: the particulars (时间, 地点, 主持, 出席, 请假, 列席, 记录), the agenda (会议议程) numbered 一、二、…,
 *  what the meeting heard, its decisions numbered 一、二、…, and the plan as the annex (附件). */
export interface MinutesDocument {
	title: string;
	marks: Punctuation;
	titleNames: string[];
	signature: Signature;
	/** Under the title, in 楷体: the meeting's date. */
	dateLine: string;
	particulars: [label: string, value: string][];
	agendaLabel: string;
	/** The agenda's items in order, each with who presented it. */
	agenda: string[];
	summary: string;
	/** The sentence leading into the decisions (会议议定事项如下：). */
	decisionsLead: string;
	decisions: string[];
	annexLabel: string;
	annex: PlanDocument | null;
}

const CHAR = 16 * 20; // one character of 3号, in twips
const BODY_INDENT = { firstLine: 2 * CHAR };
const body = (text: string) =>
	new Paragraph({ indent: BODY_INDENT, children: [run(text, FONTS.body, 16)] });
// How many 2号 characters a portrait line holds (GB/T 9704 lays the body out 28 characters of 3号 wide).
const TITLE_CAPACITY = Math.floor((210 - 28 - 26) / ((22 * 25.4) / 72));

/** The title centred in 2号 小标宋, broken into balanced lines between its words (标题回行). */
function title(text: string, names: string[]): Paragraph {
	const lines = titleLines(titlePieces(text, names, TITLE_CAPACITY), TITLE_CAPACITY);
	return new Paragraph({
		alignment: AlignmentType.CENTER,
		spacing: { after: 16 * 20 },
		children: lines.map((line, i) => run(line, FONTS.title, 22, i ? { break: 1 } : {}))
	});
}

/**
 * 落款 as GB/T 9704-2012 (7.3.5.2) places it on a document without a seal: a blank line below the text,
 * the issuer two characters in from the right, the date on the line below it beginning two characters
 * right of the issuer's first; a date longer than that keeps two characters from the right and moves
 * the issuer left instead. Digits are half as wide as Chinese characters.
 */
function signature({ issuer, date }: Signature): Paragraph[] {
	const issuerWidth = textWidth(issuer);
	const dateWidth = textWidth(date);
	const dateRight = Math.max(2, issuerWidth - dateWidth);
	const issuerRight = dateRight + dateWidth + 2 - issuerWidth;
	const line = (text: string, right: number, before = 0) =>
		new Paragraph({
			alignment: AlignmentType.RIGHT,
			indent: { right: Math.round(right * CHAR) },
			spacing: { before },
			children: [run(text, FONTS.body, 16)]
		});
	return [line(issuer, issuerRight, 16 * 20 * 1.5), line(date, dateRight)];
}

function document(sections: ISectionOptions[]): Promise<Buffer> {
	const document = new Document({
		evenAndOddHeaderAndFooters: true,
		styles: {
			default: {
				document: {
					run: {
						font: { ascii: FONTS.body, hAnsi: FONTS.body, eastAsia: FONTS.body, cs: FONTS.body },
						size: 16 * PT
					}
				}
			}
		},
		sections
	});
	return Packer.toBuffer(document);
}

const pageNumbers = () => ({
	default: footer(AlignmentType.RIGHT),
	even: footer(AlignmentType.LEFT)
});
const portrait = { page: { size: A4, margin: MARGINS } };

/** The plan's sections: the title page with its lead, contents and 落款, then each list on landscape
 *  pages (its tables as they go on paper: tables.ts `paperTable`).
 *  As an annex, "附件" stands in 黑体 at the top left of its first page, as GB/T 9704 places it. */
function planSections(plan: PlanDocument, annexLabel?: string): ISectionOptions[] {
	const lists = plan.tables.filter((t) => t.key !== 'units');
	return [
		{
			properties: portrait,
			footers: pageNumbers(),
			children: [
				...(annexLabel
					? [
							new Paragraph({
								spacing: { after: 16 * 20 },
								children: [run(annexLabel, FONTS.heading1, 16)]
							})
						]
					: []),
				title(plan.title, plan.titleNames),
				body(plan.lead),
				body(plan.asOfLine),
				...lists.map(
					(t, i) =>
						new Paragraph({
							indent: BODY_INDENT,
							children: [
								run(
									`${plan.marks.point(i + 1)}${t.title}${plan.marks.paren(t.rows.length)}`,
									FONTS.heading1,
									16
								)
							]
						})
				),
				// The annex is signed by the document it is attached to.
				...(annexLabel ? [] : signature(plan.signature))
			]
		},
		...lists.map((table, i) => ({
			properties: {
				page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: MARGINS }
			},
			footers: pageNumbers(),
			children: [
				new Paragraph({
					spacing: { after: 8 * 20 },
					children: [
						run(`${plan.marks.point(i + 1)}${table.title}${table.asOf ?? ''}`, FONTS.heading1, 16)
					]
				}),
				tableOf(table)
			]
		}))
	];
}

export function planDocx(plan: PlanDocument): Promise<Buffer> {
	return document(planSections(plan));
}

export function minutesDocx(minutes: MinutesDocument): Promise<Buffer> {
	const { marks } = minutes;
	const labelled = ([label, value]: [string, string]) =>
		new Paragraph({
			indent: BODY_INDENT,
			children: [run(`${label}${marks.colon}`, FONTS.heading1, 16), run(value, FONTS.body, 16)]
		});
	const decisions = minutes.decisions.map(
		(text, i) =>
			new Paragraph({
				indent: BODY_INDENT,
				children: [run(marks.point(i + 1), FONTS.heading1, 16), run(text, FONTS.body, 16)]
			})
	);
	// The agenda belongs with the particulars: its label in 黑体 like theirs, its items in the body font.
	const agenda = minutes.agenda.length
		? [
				new Paragraph({
					indent: BODY_INDENT,
					children: [run(`${minutes.agendaLabel}${marks.colon}`, FONTS.heading1, 16)]
				}),
				...minutes.agenda.map((text, i) => body(`${marks.point(i + 1)}${text}`))
			]
		: [];
	const section: ISectionOptions = {
		properties: portrait,
		footers: pageNumbers(),
		children: [
			title(minutes.title, minutes.titleNames),
			new Paragraph({
				alignment: AlignmentType.CENTER,
				spacing: { after: 16 * 20 },
				children: [run(minutes.dateLine, FONTS.heading2, 16)]
			}),
			...minutes.particulars.filter(([, value]) => value).map(labelled),
			...agenda,
			...minutes.summary.split(/\n+/).filter(Boolean).map(body),
			...(decisions.length ? [body(minutes.decisionsLead), ...decisions] : []),
			// 附件说明: a line below the text, two characters in; a long name wraps under its own first character.
			...(minutes.annex
				? [
						new Paragraph({
							spacing: { before: 16 * 20 },
							indent: {
								left: CHAR * (2 + minutes.annexLabel.length + 1),
								hanging: CHAR * (minutes.annexLabel.length + 1)
							},
							children: [
								run(`${minutes.annexLabel}${marks.colon}${minutes.annex.title}`, FONTS.body, 16)
							]
						})
					]
				: []),
			// 落款 below the text, or below the 附件说明 when there is an annex.
			...signature(minutes.signature)
		]
	};
	return document([
		section,
		...(minutes.annex ? planSections(minutes.annex, minutes.annexLabel) : [])
	]);
}
