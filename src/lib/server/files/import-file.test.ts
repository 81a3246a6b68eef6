import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import writeXlsxFile from 'write-excel-file/node';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, parseCsv, readSpreadsheet } from './import-file.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function xlsx(sheets: { sheet: string; data: unknown[][] }[]): Promise<Uint8Array> {
	const cell = (value: unknown) =>
		value === null
			? null
			: value instanceof Date
				? { value, type: Date, format: 'yyyy-mm-dd' }
				: { value };
	const data = sheets.map((s) => ({ sheet: s.sheet, data: s.data.map((row) => row.map(cell)) }));
	return new Uint8Array((await writeXlsxFile(data as never).toBuffer()) as Buffer);
}

describe('reading a spreadsheet', () => {
	it('reads every sheet of an .xlsx, dates as days and numbers as numbers', async () => {
		const file = await xlsx([
			{
				sheet: '资源清单',
				data: [
					['资源', '数量', '日期'],
					['会议室', 2, new Date('2026-12-01T00:00:00Z')]
				]
			},
			{ sheet: '空表', data: [] }
		]);
		const read = await readSpreadsheet(file);
		expect(read).toEqual({
			ok: true,
			sheets: [
				{
					name: '资源清单',
					rows: [
						['资源', '数量', '日期'],
						['会议室', 2, '2026-12-01']
					]
				}
			]
		});
	});

	it('reads CSV in UTF-8 with a BOM, and in GB18030 as Chinese Excel saves it', async () => {
		const text = '资源,数量\r\n"会议室, 二楼",2\r\n"说""明""",\r\n';
		expect(await readSpreadsheet(utf8('\uFEFF' + text))).toEqual({
			ok: true,
			sheets: [{ name: 'CSV', rows: [['资源', '数量'], ['会议室, 二楼', '2'], ['说"明"']] }]
		});
		// 资源,数量 in GBK
		const gbk = new Uint8Array([0xd7, 0xca, 0xd4, 0xb4, 0x2c, 0xca, 0xfd, 0xc1, 0xbf, 0x0a]);
		expect(await readSpreadsheet(gbk)).toEqual({
			ok: true,
			sheets: [{ name: 'CSV', rows: [['资源', '数量']] }]
		});
	});

	it('takes tabs or semicolons where a file is separated by them', () => {
		expect(parseCsv('a\tb\n1\t2', '\t')).toEqual([
			['a', 'b'],
			['1', '2']
		]);
	});

	it('keeps line breaks inside quoted cells', () => {
		expect(parseCsv('"一\r\n二",x\n')).toEqual([['一\r\n二', 'x']]);
	});

	it('refuses an empty file, and one holding only blank rows', async () => {
		expect(await readSpreadsheet(new Uint8Array())).toEqual({ ok: false, problem: 'empty' });
		expect(await readSpreadsheet(utf8(',,\n,,\n'))).toEqual({ ok: false, problem: 'empty' });
	});

	it('refuses a file over 5 MB', async () => {
		expect(await readSpreadsheet(new Uint8Array(IMPORT_MAX_BYTES + 1).fill(65))).toEqual({
			ok: false,
			problem: 'tooLarge',
			max: IMPORT_MAX_BYTES
		});
	});

	it('refuses other kinds of file: a PNG, a .docx, an old .xls', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		expect(await readSpreadsheet(png)).toEqual({ ok: false, problem: 'wrongType' });
		const docx = zipSync({
			'word/document.xml': strToU8('<w:document/>'),
			'[Content_Types].xml': strToU8('<Types/>')
		});
		expect(await readSpreadsheet(docx)).toEqual({ ok: false, problem: 'wrongType' });
		expect(
			await readSpreadsheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
		).toEqual({ ok: false, problem: 'oldExcel' });
	});

	it('refuses a broken zip', async () => {
		const whole = await xlsx([{ sheet: 'a', data: [['资源'], ['会议室']] }]);
		expect(await readSpreadsheet(whole.subarray(0, Math.floor(whole.length / 2)))).toEqual({
			ok: false,
			problem: 'brokenFile'
		});
		const garbled = whole.slice();
		garbled.fill(0x7f, 40, 400);
		expect(await readSpreadsheet(garbled)).toEqual({ ok: false, problem: 'brokenFile' });
	});

	it('stops a zip bomb before it unpacks', async () => {
		const bomb = zipSync(
			{
				'xl/workbook.xml': strToU8('<workbook/>'),
				'xl/worksheets/sheet1.xml': new Uint8Array(100 * 1024 * 1024)
			},
			{ level: 9 }
		);
		expect(bomb.length).toBeLessThan(IMPORT_MAX_BYTES);
		expect(await readSpreadsheet(bomb)).toEqual({ ok: false, problem: 'zipBomb' });
	});

	it('refuses more rows than an import takes', async () => {
		const rows = ['资源', ...Array.from({ length: 10_000 }, (_, i) => `资源${i}`)].join('\n');
		expect(await readSpreadsheet(utf8(rows))).toEqual({
			ok: false,
			problem: 'tooManyRows',
			rows: 10_001,
			max: IMPORT_MAX_ROWS
		});
		const file = await xlsx([
			{ sheet: '大表', data: Array.from({ length: 10_001 }, (_, i) => [`资源${i}`, i]) }
		]);
		expect(await readSpreadsheet(file)).toMatchObject({ ok: false, problem: 'tooManyRows' });
	});
});
