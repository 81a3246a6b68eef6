// The 共驻共建项目清单 as a Word document laid out the way community offices lay out official documents
// (党政机关公文格式, GB/T 9704-2012): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the
// title in 2号 (22 pt) 小标宋, centred; body in 3号 (16 pt) 仿宋; first-level headings "一、" in 黑体;
// page numbers "— 1 —" in 4号 (14 pt) 宋体 at the outer bottom corner (right on odd pages, left on even).
// Chinese fonts go in the East Asian slot of every run, so Word uses them for Chinese text; where a
// font is missing Word substitutes (方正小标宋简体 → 宋体 SimSun, 仿宋_GB2312 → FangSong).
// The lists are tables on landscape pages, as council annexes are.
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
	type IRunOptions
} from 'docx';
import { PRINT_COLUMNS, pick, type Table } from '../board/tables.ts';

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
	return new TextRun({ text, font: { ascii: font, hAnsi: font, eastAsia: font, cs: font }, size: pt * PT, ...extra });
}

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function footer(align: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
	return new Footer({
		children: [
			new Paragraph({
				alignment: align,
				children: [run('— ', FONTS.pageNumber, 14), new TextRun({ children: [PageNumber.CURRENT], font: { ascii: FONTS.pageNumber, eastAsia: FONTS.pageNumber, hAnsi: FONTS.pageNumber }, size: 14 * PT }), run(' —', FONTS.pageNumber, 14)]
			})
		]
	});
}

function tableOf(table: Table): DocxTable {
	const cell = (text: string, header: boolean) =>
		new TableCell({
			children: [new Paragraph({ alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, header ? FONTS.heading1 : FONTS.body, 10.5)] })]
		});
	// Columns as wide as their content needs, within the landscape page's text width.
	const total = table.columns.reduce((sum, c) => sum + c.width, 0);
	const columnWidths = table.columns.map((c) => Math.round((LANDSCAPE_TEXT_WIDTH * c.width) / total));
	return new DocxTable({
		width: { size: LANDSCAPE_TEXT_WIDTH, type: WidthType.DXA },
		columnWidths,
		rows: [
			new TableRow({ tableHeader: true, children: table.columns.map((c) => cell(c.header, true)) }),
			...table.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((value) => cell(value === null ? '' : String(value), false)) }))
		]
	});
}

export interface PlanDocument {
	title: string;
	/** The sentence under the title: what the document is and where it stands. */
	lead: string;
	tables: Table[];
}

export async function planDocx(doc: PlanDocument): Promise<Buffer> {
	const lists = doc.tables.filter((t) => t.key !== 'units');
	const pageNumbers = { default: footer(AlignmentType.RIGHT), even: footer(AlignmentType.LEFT) };
	const document = new Document({
		evenAndOddHeaderAndFooters: true,
		styles: { default: { document: { run: { font: { ascii: FONTS.body, hAnsi: FONTS.body, eastAsia: FONTS.body, cs: FONTS.body }, size: 16 * PT } } } },
		sections: [
			{
				properties: { page: { size: A4, margin: MARGINS } },
				footers: pageNumbers,
				children: [
					new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 16 * 20 }, children: [run(doc.title, FONTS.title, 22)] }),
					new Paragraph({ indent: { firstLine: 16 * 2 * 20 }, children: [run(doc.lead, FONTS.body, 16)] }),
					...lists.map((t, i) => new Paragraph({ indent: { firstLine: 16 * 2 * 20 }, children: [run(`${CHINESE_NUMBERS[i]}、${t.title}（${t.rows.length}）`, FONTS.heading1, 16)] }))
				]
			},
			...lists.map((table, i) => ({
				properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: MARGINS } },
				footers: pageNumbers,
				children: [
					new Paragraph({ spacing: { after: 8 * 20 }, children: [run(`${CHINESE_NUMBERS[i]}、${table.title}`, FONTS.heading1, 16)] }),
					tableOf(pick(table, PRINT_COLUMNS[table.key] ?? table.columns.map((c) => c.key)))
				]
			}))
		]
	});
	return Packer.toBuffer(document);
}
