import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/io/errors.js';
import { DEFAULT_READ_LIMITS, type ReadLimits, type SheetRow } from '../../../src/io/table.js';
import { openWorkbook, type Workbook } from '../../../src/io/xlsx/workbook.js';
import { collectRows } from '../../helpers/read-back.js';
import { bookParts, tempDir, worksheet, zipParts, type BookSpec, type Part } from './package.js';

let temp: Awaited<ReturnType<typeof tempDir>>;
let counter = 0;
beforeAll(async () => (temp = await tempDir()));
afterAll(() => temp.remove());

async function writeBook(spec: BookSpec | Part[]): Promise<string> {
  const parts = Array.isArray(spec) ? spec : bookParts(spec);
  return temp.file(`book${++counter}.xlsx`, await zipParts(parts));
}

async function withBook<T>(path: string, use: (book: Workbook) => Promise<T>, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<T> {
  const book = await openWorkbook(path, limits);
  try {
    return await use(book);
  } finally {
    await book.close();
  }
}

const texts = (rows: SheetRow[]) => rows.map((row) => Array.from(row.cells, (cell) => cell?.text));

describe('openWorkbook', () => {
  it('reads shared strings (rich text joined, phonetic runs left out) stored after the sheet in the zip', async () => {
    const path = await writeBook({
      sheets: [{ name: '包裹详情', xml: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' }],
      sharedStrings: ['订单号', '<r><rPr><b/></rPr><t>SF12345</t></r><r><t>67890123</t></r>', '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>'],
      sharedStringsLast: true,
    });
    const rows = await withBook(path, (book) => collectRows(book.readRows(0)));
    expect(rows).toEqual([
      {
        row: 1,
        cells: [
          { text: '订单号', type: 'string' },
          { text: 'SF1234567890123', type: 'string' },
          { text: '東京', type: 'string' },
        ],
      },
    ]);
  });

  it('reads inline strings, rich inline text, entities once and _xHHHH_ escapes', async () => {
    const path = await writeBook({
      sheets: [
        {
          name: 'S',
          xml:
            '<row r="2"><c r="A2" t="inlineStr"><is><r><t>SF12345</t></r><r><t>67890123</t></r></is></c>' +
            '<c r="B2" t="inlineStr"><is><t>A&amp;amp;B</t></is></c><c r="C2" t="inlineStr"><is><t>第一行_x000D_第二行</t></is></c></row>',
        },
      ],
    });
    const rows = await withBook(path, (book) => collectRows(book.readRows(0)));
    expect(texts(rows)).toEqual([['SF1234567890123', 'A&amp;B', '第一行\r第二行']]);
  });

  it('reads a 千帆-style export: every cell inlineStr, a wrong <dimension>, extra sheets', async () => {
    const header = ['订单号', '订单状态', '快递公司', '快递单号'];
    const data = ['P792840050473116471', '待配货', '', ''];
    const row = (r: number, values: string[]) =>
      `<row r="${r}">${values.map((v, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
    const path = await writeBook({
      sheets: [
        { name: '包裹详情', xml: worksheet(row(1, header) + row(2, data) + row(3, data)).replace('<dimension ref="A1"/>', '<dimension ref="A1:A1"/>') },
        { name: 'Sheet2', xml: '' },
      ],
    });
    const [names, rows] = await withBook(path, async (book) => [book.sheets.map((s) => s.name), await collectRows(book.readRows(0))] as const);
    expect(names).toEqual(['包裹详情', 'Sheet2']);
    expect(texts(rows)).toEqual([header, ['P792840050473116471', '待配货'], ['P792840050473116471', '待配货']]);
  });

  it('names sheets through the relationships, not by file name, in workbook order', async () => {
    const path = await writeBook({
      sheets: [
        { name: '包裹详情', file: 'sheet3.xml', xml: '<row><c><v>3</v></c></row>' },
        { name: '汇总', file: 'sheet1.xml', xml: '<row><c><v>1</v></c></row>' },
        { name: 'Daten', file: 'data.xml', xml: '<row><c><v>2</v></c></row>' },
      ],
    });
    await withBook(path, async (book) => {
      expect(book.sheets.map(({ name, index, path: part }) => ({ name, index, part }))).toEqual([
        { name: '包裹详情', index: 0, part: 'xl/worksheets/sheet3.xml' },
        { name: '汇总', index: 1, part: 'xl/worksheets/sheet1.xml' },
        { name: 'Daten', index: 2, part: 'xl/worksheets/data.xml' },
      ]);
      expect(texts(await collectRows(book.readRows(1)))).toEqual([['1']]);
      expect(texts(await collectRows(book.readRows(0)))).toEqual([['3']]);
    });
  });

  it('resolves absolute and ../ relationship targets, case-insensitively', async () => {
    const parts = bookParts({ sheets: [{ name: 'A', xml: '<row><c><v>1</v></c></row>' }, { name: 'B', xml: '<row><c><v>2</v></c></row>' }] });
    const rels = parts.find(([name]) => name === 'xl/_rels/workbook.xml.rels')!;
    rels[1] = (rels[1] as string).replace('Target="worksheets/sheet1.xml"', 'Target="/xl/Worksheets/Sheet1.xml"').replace('Target="worksheets/sheet2.xml"', 'Target="../xl/./worksheets/sheet2.xml"');
    await withBook(await writeBook(parts), async (book) => {
      expect(texts(await collectRows(book.readRows(0)))).toEqual([['1']]);
      expect(texts(await collectRows(book.readRows(1)))).toEqual([['2']]);
    });
  });

  it('reads a namespace-prefixed package (WPS, OpenXML SDK)', async () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const parts = bookParts({ sheets: [{ name: 'x', xml: '' }], sharedStrings: [] }).map(([name, content]): Part => {
      if (name === 'xl/workbook.xml') return [name, `<x:workbook xmlns:x="${ns}" xmlns:r="urn:r"><x:workbookPr/><x:sheets><x:sheet name="包裹详情" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`];
      if (name === 'xl/worksheets/sheet1.xml') {
        return [name, `<x:worksheet xmlns:x="${ns}"><x:dimension ref="A1"/><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>`];
      }
      if (name === 'xl/sharedStrings.xml') return [name, `<x:sst xmlns:x="${ns}"><x:si><x:r><x:t>中通</x:t></x:r><x:r><x:t>快递</x:t></x:r></x:si></x:sst>`];
      return [name, content];
    });
    await withBook(await writeBook(parts), async (book) => {
      expect(book.sheets[0]?.name).toBe('包裹详情');
      expect(await collectRows(book.readRows(0))).toEqual([{ row: 1, cells: [{ text: '中通快递', type: 'string' }, { text: '5', type: 'number' }] }]);
    });
  });

  it('marks date-styled numbers as dates (built-in and custom formats) and keeps number literals verbatim', async () => {
    const styles =
      '<styleSheet xmlns="x"><numFmts count="3"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
      '<numFmt numFmtId="177" formatCode="0.00 &quot;天&quot;"/><numFmt numFmtId="178" formatCode="[h]:mm"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="31"/><xf numFmtId="178"/></cellXfs>' +
      '<dxfs><dxf><numFmt numFmtId="177" formatCode="yyyy"/></dxf></dxfs></styleSheet>';
    const path = await writeBook({
      sheets: [{ name: 'S', xml: '<row><c s="0"><v>7.73277027280336E+14</v></c><c s="1"><v>45600</v></c><c s="2"><v>45600.5</v></c><c s="3"><v>1.5</v></c><c s="4"><v>45601</v></c><c s="5"><v>0.25</v></c><c s="1" t="s"><v>0</v></c></row>' }],
      styles,
      sharedStrings: ['2026-11-26 10:00:00'],
    });
    const [row] = await withBook(path, (book) => collectRows(book.readRows(0)));
    expect(row?.cells.map((cell) => `${cell?.type}:${cell?.text}`)).toEqual([
      'number:7.73277027280336E+14',
      'date:45600',
      'date:45600.5',
      'number:1.5',
      'date:45601',
      'date:0.25',
      'string:2026-11-26 10:00:00',
    ]);
  });

  it('reports merged ranges once the sheet has been read, and the 1904 date system', async () => {
    const path = await writeBook({
      sheets: [{ name: 'S', xml: worksheet('<row r="5"><c r="AM5"><v>1</v></c></row>', '<mergeCells count="2"><mergeCell ref="AM5:AM6"/><mergeCell ref="A1:C2"/></mergeCells>') }],
      workbookPr: '<workbookPr date1904="1"/>',
    });
    await withBook(path, async (book) => {
      expect(book.date1904).toBe(true);
      expect(() => book.merges(0)).toThrow(/readRows/);
      await collectRows(book.readRows(0));
      expect(book.merges(0)).toEqual([
        { ref: 'AM5:AM6', top: 5, left: 38, bottom: 6, right: 38 },
        { ref: 'A1:C2', top: 1, left: 0, bottom: 2, right: 2 },
      ]);
    });
  });

  it('counts a t="d" date in the workbook\'s own date system, as its number cells do', async () => {
    const xml = '<row r="1"><c r="A1" t="d"><v>2026-11-26T18:00:00</v></c><c r="B1" s="1"><v>44890.75</v></c></row>';
    const styles = '<styleSheet xmlns="x"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>';
    const cells = async (workbookPr?: string) => {
      const path = await writeBook({ sheets: [{ name: 'S', xml }], styles, ...(workbookPr === undefined ? {} : { workbookPr }) });
      const [row] = await withBook(path, (book) => collectRows(book.readRows(0)));
      return row?.cells.map((cell) => `${cell?.type}:${cell?.text}`);
    };
    expect(await cells('<workbookPr date1904="1"/>')).toEqual(['date:44890.75', 'date:44890.75']);
    expect(await cells()).toEqual(['date:46352.75', 'date:44890.75']);
  });

  it('names a sheet in a message by its name cut short, when a damaged file gives it a very long one', async () => {
    const name = `订单${'长'.repeat(500)}`;
    const path = await writeBook({ sheets: [{ name, xml: '<row><c t="s"><v>5</v></c></row>' }], sharedStrings: ['a'] });
    const error = await withBook(path, (book) => collectRows(book.readRows(0))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).text.zh).toMatch(new RegExp(`^工作表「${name.slice(0, 59)}…」的内容无效（有单元格引用了第 5 号共享字符串，但文件中只有 1 个）`));
    expect((error as InputError).text.en).toContain(`Sheet "${name.slice(0, 59)}…" is not valid`);
  });

  it('stops after maxRows rows and says how to raise the cap', async () => {
    const path = await writeBook({ sheets: [{ name: '包裹详情', xml: '<row><c><v>1</v></c></row><row><c><v>2</v></c></row><row><c><v>3</v></c></row>' }] });
    const error = await withBook(path, (book) => collectRows(book.readRows(0)), { ...DEFAULT_READ_LIMITS, maxRows: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).text.zh).toContain('2 行');
    expect((error as InputError).text.zh).toContain('--max-rows-read');
    expect((error as InputError).text.en).toContain('--max-rows-read');
    expect((error as InputError).path).toBe(path);
  });

  it('hands up the rows under maxRows before failing, though they came in one batch with the row over', async () => {
    const path = await writeBook({ sheets: [{ name: '包裹详情', xml: '<row><c><v>1</v></c></row><row><c><v>2</v></c></row><row><c><v>3</v></c></row>' }] });
    const rows: SheetRow[] = [];
    const error = await withBook(path, async (book) => {
      for await (const batch of book.readRows(0)) rows.push(...batch);
    }, { ...DEFAULT_READ_LIMITS, maxRows: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(rows.map((row) => row.row)).toEqual([1, 2]);
  });

  it('fails with an InputError naming the sheet when its part is missing or malformed', async () => {
    const missing = bookParts({ sheets: [{ name: '包裹详情', xml: '' }] }).filter(([name]) => !name.startsWith('xl/worksheets/'));
    await withBook(await writeBook(missing), async (book) => {
      const error = await collectRows(book.readRows(0)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).text.zh).toContain('包裹详情');
    });
    const broken = await writeBook({ sheets: [{ name: '包裹详情', xml: worksheet('<row><c><v>1</v></c></row>').slice(0, -40) }] });
    await withBook(broken, async (book) => {
      const error = await collectRows(book.readRows(0)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).text.en).toMatch(/^Sheet "包裹详情" is not valid \(.+\)\. Export it again/);
    });
  });

  it('tells a zip without a workbook and an .xlsb apart from a damaged file', async () => {
    const docx = await writeBook([['word/document.xml', '<w:document/>']]);
    await expect(openWorkbook(docx, DEFAULT_READ_LIMITS)).rejects.toMatchObject({ text: { en: expect.stringMatching(/no Excel workbook/) } });
    const xlsb = await writeBook([
      ['_rels/.rels', '<Relationships><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>'],
      ['xl/workbook.bin', Buffer.alloc(10)],
    ]);
    await expect(openWorkbook(xlsb, DEFAULT_READ_LIMITS)).rejects.toMatchObject({ text: { en: expect.stringMatching(/xlsb/) } });
  });

  it('says a Word package renamed .xlsx holds no workbook, even with a proper officeDocument relationship', async () => {
    const docx = await writeBook([
      ['_rels/.rels', '<Relationships><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
      ['word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'],
    ]);
    await expect(openWorkbook(docx, DEFAULT_READ_LIMITS)).rejects.toMatchObject({ text: { zh: expect.stringMatching(/没有 Excel 工作簿/) } });
  });

  it('rejects a sheet index that does not exist', async () => {
    const path = await writeBook({ sheets: [{ name: 'S', xml: '' }] });
    await withBook(path, async (book) => expect(() => book.readRows(3)).toThrow(RangeError));
  });
});

describe('a second opening of the same file', () => {
  const spec = (strings: string[]): BookSpec => ({
    sheets: [{ name: '包裹详情', xml: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="1"><v>45600</v></c></row>' }],
    sharedStrings: strings,
    styles: '<styleSheet xmlns="x"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
  });

  it('reads with the tables of the first instead of parsing them again, and gets the same rows', async () => {
    const path = await writeBook(spec(['顺丰速运', 'SF1385628716739']));
    const first = await withBook(path, async (book) => ({ rows: await collectRows(book.readRows(0)), tables: book.cellTables() }));
    await withBook(path, async (book) => {
      expect(book.adopt(first.tables)).toBe(true);
      expect(await collectRows(book.readRows(0))).toEqual(first.rows);
      expect(book.cellTables()).toBe(first.tables);
    });
    expect(texts(first.rows)).toEqual([['顺丰速运', 'SF1385628716739', '45600']]);
  });

  it('refuses the tables when the file was saved again with other shared strings', async () => {
    const path = await writeBook(spec(['顺丰速运', 'SF1385628716739']));
    const tables = await withBook(path, async (book) => (await collectRows(book.readRows(0)), book.cellTables()));
    await writeFile(path, await zipParts(bookParts(spec(['中通快递', '73104682937501']))));
    await withBook(path, async (book) => {
      expect(book.adopt(tables)).toBe(false);
      // Nothing was adopted: the file is read with its own strings.
      expect(texts(await collectRows(book.readRows(0)))).toEqual([['中通快递', '73104682937501', '45600']]);
    });
  });

  it('has no tables to hand over before a sheet has been read', async () => {
    const path = await writeBook(spec(['a', 'b']));
    await withBook(path, async (book) => expect(() => book.cellTables()).toThrow(/readRows/));
  });
});
