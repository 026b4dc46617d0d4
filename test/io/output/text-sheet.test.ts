// The streaming xlsx writer behind the import sheet and the report: text comes back
// exactly (through exceljs and through ship's own reader), every cell is a text cell,
// the package is well-formed XML in a valid zip, and the same rows give the same bytes.
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeCellText, writeTextSheets, type TextSheet } from '../../../src/io/output/text-sheet.js';
import { readRowsWithShip } from '../../helpers/read-back.js';
import { parseXml, type XmlElement } from '../../helpers/xml.js';
import { openWithExcelJs } from '../../helpers/cli.js';
import { unzip } from '../../helpers/unzip.js';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'ship-text-sheet-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));


function find(element: XmlElement, name: string): XmlElement[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((child) => find(child, name))];
}

const TRICKY = [
  'A&B <楼> "东" \'西\'',
  '  两边有空格  ',
  '第一行\n第二行',
  'Windows\r\n换行',
  'tab\there',
  '控制字符\u0001\u001f',
  '_x0041_ 照原样',
  '𠮷野家 🚚',
  "'=1+1",
  '0012345',
  '7.73277E+14',
];

async function readBackWithShip(path: string, sheet: number): Promise<string[][]> {
  const rows = await readRowsWithShip(path, sheet);
  return rows.map((row) => row.cells.map((cell) => cell?.text ?? ''));
}

describe('writeTextSheets', () => {
  const sheets: TextSheet[] = [
    { name: '批量发货', header: ['订单号', '快递公司', '快递单号'], rows: [['P792840050473116471', '中通速递', '73610555582883']], widths: [24, 14, 24] },
    { name: '问题', header: ['行号', '原值'], rows: TRICKY.map((value, i) => [String(i + 2), value]), worksheetFriendly: true },
  ];

  it('writes text that ship reads back exactly, control characters and CR included', async () => {
    const path = join(dir, 'tricky.xlsx');
    await writeTextSheets(path, sheets);
    const rows = await readBackWithShip(path, 1);
    expect(rows.slice(1).map((row) => row[1])).toEqual(TRICKY);
  });

  it('writes cells exceljs reads as strings, never numbers or formulas', async () => {
    const path = join(dir, 'exceljs.xlsx');
    await writeTextSheets(path, sheets);
    const workbook = await openWithExcelJs(path);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['批量发货', '问题']);
    const findings = workbook.worksheets[1]!;
    for (let r = 2; r <= findings.rowCount; r++) {
      const cell = findings.getRow(r).getCell(2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    }
    // exceljs does not decode _xHHHH_ escapes (a known limitation); the rest is exact.
    expect(findings.getRow(2).getCell(2).value).toBe(TRICKY[0]);
    expect(findings.getRow(11).getCell(2).value).toBe('0012345');
    expect(findings.getRow(12).getCell(2).value).toBe('7.73277E+14');
  });

  it('types every cell and column as text and freezes and filters the report header', async () => {
    const path = join(dir, 'parts.xlsx');
    await writeTextSheets(path, sheets);
    const parts = await unzip(path);
    for (const [name, xml] of parts) expect(() => parseXml(xml), name).not.toThrow();
    const styles = parseXml(parts.get('xl/styles.xml')!);
    const xfs = find(styles, 'cellXfs')[0]!.children;
    const report = parseXml(parts.get('xl/worksheets/sheet2.xml')!);
    const cells = find(report, 'c');
    expect(cells.length).toBe(2 * (TRICKY.length + 1));
    for (const cell of cells) {
      expect(cell.attributes['t']).toBe('inlineStr');
      expect(xfs[Number(cell.attributes['s'])]?.attributes['numFmtId']).toBe('49'); // "@"
    }
    for (const col of find(report, 'col')) expect(xfs[Number(col.attributes['style'])]?.attributes['numFmtId']).toBe('49');
    expect(find(report, 'pane')[0]?.attributes).toMatchObject({ ySplit: '1', state: 'frozen' });
    expect(find(report, 'autoFilter')[0]?.attributes['ref']).toBe(`A1:B${TRICKY.length + 1}`);
    expect(find(parseXml(parts.get('xl/worksheets/sheet1.xml')!), 'pane')).toEqual([]);
    expect(find(parseXml(parts.get('xl/workbook.xml')!), 'definedName')[0]?.text).toBe(`'问题'!$A$1:$B$${TRICKY.length + 1}`);
  });

  it('prints a narrow sheet on one page width and repeats a worked-in sheet\'s header on every printed page', async () => {
    const path = join(dir, 'print.xlsx');
    await writeTextSheets(path, [{ name: '汇总', header: ['ship 校验汇总'], rows: [['共计', '43']], printFitWidth: true }, ...sheets.slice(1)]);
    const parts = await unzip(path);
    const summary = parseXml(parts.get('xl/worksheets/sheet1.xml')!);
    // sheetPr must come first in a worksheet, pageSetup after pageMargins, or Excel repairs the file.
    expect(summary.children[0]?.name).toBe('sheetPr');
    expect(find(summary, 'pageSetUpPr')[0]?.attributes).toEqual({ fitToPage: '1' });
    expect(summary.children.map((child) => child.name).slice(-2)).toEqual(['pageMargins', 'pageSetup']);
    expect(find(summary, 'pageSetup')[0]?.attributes).toMatchObject({ orientation: 'landscape', fitToWidth: '1', fitToHeight: '0' });
    expect(find(parseXml(parts.get('xl/worksheets/sheet2.xml')!), 'pageSetup')).toEqual([]);
    const names = find(parseXml(parts.get('xl/workbook.xml')!), 'definedName');
    expect(names.find((name) => name.attributes['name'] === '_xlnm.Print_Titles')).toMatchObject({ attributes: { localSheetId: '1' }, text: "'问题'!$1:$1" });
    // What a merchant prints with is what re-reads it too: ship still reads the sheets back.
    expect((await readBackWithShip(path, 1)).slice(1).map((row) => row[1])).toEqual(TRICKY);
  });

  it('gives the same bytes for the same rows', async () => {
    await writeTextSheets(join(dir, 'a.xlsx'), sheets);
    await writeTextSheets(join(dir, 'b.xlsx'), sheets);
    expect((await readFile(join(dir, 'a.xlsx'))).equals(await readFile(join(dir, 'b.xlsx')))).toBe(true);
  });

  it('streams rows from a generator, many times the compressor buffer', async () => {
    const path = join(dir, 'many.xlsx');
    const count = 60_000;
    function* rows() {
      for (let i = 0; i < count; i++) yield [`P${String(792840050473116471n + BigInt(i))}`, '韵达速递', `43${String(i).padStart(13, '0')}`];
    }
    await writeTextSheets(path, [{ name: '批量发货', header: ['订单号', '快递公司', '快递单号'], rows: rows() }]);
    const read = await readBackWithShip(path, 0);
    expect(read).toHaveLength(count + 1);
    expect(read[count]).toEqual([`P${String(792840050473116471n + BigInt(count - 1))}`, '韵达速递', `43${String(count - 1).padStart(13, '0')}`]);
  });

  it('cuts text longer than a cell can hold without splitting a character', async () => {
    const path = join(dir, 'long.xlsx');
    await writeTextSheets(path, [{ name: '问题', header: ['原值'], rows: [['a'.repeat(32766) + '𠮷𠮷']] }]);
    const [, [value]] = (await readBackWithShip(path, 0)) as [string[], string[]];
    expect(value).toBe('a'.repeat(32766));
  });

  it('fails like the file system does when the folder is missing', async () => {
    await expect(writeTextSheets(join(dir, 'no-such-folder', 'x.xlsx'), sheets)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.skipIf(!existsSync('/dev/full'))('fails with the disk-full error instead of hanging when a write fails midway', async () => {
    function* rows() {
      for (let i = 0; i < 100_000; i++) yield [`P${i}`, '中通速递', `73610555${i}`];
    }
    await expect(writeTextSheets('/dev/full', [{ name: '批量发货', header: ['订单号', '快递公司', '快递单号'], rows: rows() }])).rejects.toMatchObject({ code: 'ENOSPC' });
  });

  it('refuses a name Excel cannot use for a sheet', async () => {
    await expect(writeTextSheets(join(dir, 'bad.xlsx'), [{ name: '问题/2', header: [], rows: [] }])).rejects.toThrow(RangeError);
  });
});

describe('escapeCellText', () => {
  it('leaves plain text alone and escapes what XML cannot hold the way Excel does', () => {
    expect(escapeCellText('中通快递 73610555582883')).toBe('中通快递 73610555582883');
    expect(escapeCellText('a&b<c>')).toBe('a&amp;b&lt;c&gt;');
    expect(escapeCellText('x\ry\u0000')).toBe('x_x000D_y_x0000_');
    expect(escapeCellText('_x0041_')).toBe('_x005F_x0041_');
    expect(escapeCellText('lone \ud800 surrogate')).toBe('lone \ufffd surrogate');
  });
});
