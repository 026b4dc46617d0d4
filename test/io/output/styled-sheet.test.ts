// The report's styles in the streaming writer: row fills, marked cells, a header below
// title rows with the panes frozen down to it and an autofilter on it, merged ranges,
// and the input's numbers, dates, booleans and errors kept as such. Read back with
// exceljs (what Excel users see) and with ship's own reader (what a second check sees).
// Plain workbooks (the import sheet) must not change by a byte.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTableOf } from '../../../src/core/import-table.js';
import { writeImportSheet } from '../../../src/io/output/import-sheet.js';
import { PLAIN_STYLES_XML } from '../../../src/io/output/sheet-styles.js';
import { writeTextSheets, type StyledRow, type TextSheet } from '../../../src/io/output/text-sheet.js';
import { readRowsWithShip } from '../../helpers/read-back.js';
import { parseXml } from '../../helpers/xml.js';
import { openWithExcelJs } from '../../helpers/cli.js';
import { unzip } from '../../helpers/unzip.js';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'ship-styled-sheet-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

const RED_ROW = 'FFFFE5E5';
const YELLOW_ROW = 'FFFFF5D6';
const RED_MARK = 'FFFFC7CE';
const YELLOW_MARK = 'FFFFEB9C';

async function* rows(): AsyncGenerator<StyledRow> {
  yield { row: 4, cells: ['已导入', undefined, undefined, 'P1', '中通快递', '73610555582883'] };
  yield { row: 5, cells: ['未导入', '单号不符合格式', '改单号', 'P2', '中通快递', 'SF1385628716739'], style: 'errorRow', marks: new Map([[5, 'errorCell']]) };
  // Row 6 is empty in the input: the copy skips it too.
  yield { row: 7, cells: ['已导入', '旧格式', '', 'P3', '', '9473736974'], style: 'warningRow', marks: new Map([[5, 'warningCell'], [4, 'warningCell']]) };
  yield {
    row: 8,
    cells: ['', '', '', { text: '773277027280336', type: 'number' }, { text: '45600.5', type: 'date' }, { text: '#N/A', type: 'error' }, { text: 'TRUE', type: 'boolean' }],
  };
}

const copy = (): TextSheet => ({
  name: '包裹详情',
  header: ['校验结果', '问题', '建议', '订单号', '快递公司', '快递单号'],
  preamble: [{ row: 1, cells: [undefined, undefined, undefined, '山茶生活馆 发货单'] }],
  headerRow: 3,
  rows: rows(),
  widths: [10, 44, 44, 24, 12, 22],
  worksheetFriendly: true,
  merges: ['D1:F1'],
});

async function styledWorkbook(name: string): Promise<string> {
  const path = join(dir, name);
  await writeTextSheets(path, [{ name: '汇总', header: ['ship 校验汇总'], rows: [{ cells: ['行数', '行'], style: 'header' }, { cells: ['共计', { text: '43', type: 'number' }] }] }, copy()], { reportStyles: true });
  return path;
}

describe('styled sheets', () => {
  it('fills error rows red and warning rows yellow across the table, empty cells included', async () => {
    const workbook = await openWithExcelJs(await styledWorkbook('fills.xlsx'));
    const sheet = workbook.getWorksheet('包裹详情')!;
    const fill = (row: number, col: number) => {
      const f = sheet.getRow(row).getCell(col).fill;
      return f?.type === 'pattern' && f.pattern === 'solid' ? (f.fgColor?.argb ?? '') : 'none';
    };
    expect([1, 2, 3, 4, 5].map((c) => fill(5, c))).toEqual([RED_ROW, RED_ROW, RED_ROW, RED_ROW, RED_ROW]);
    expect([1, 2, 3, 4].map((c) => fill(7, c))).toEqual([YELLOW_ROW, YELLOW_ROW, YELLOW_ROW, YELLOW_ROW]);
    expect([1, 4, 6].map((c) => fill(4, c))).toEqual(['none', 'none', 'none']);
    expect(fill(8, 4)).toBe('none');
    // The marked cells: a stronger fill and a bold dark font, the empty 快递公司 of row 7 too.
    expect(fill(5, 6)).toBe(RED_MARK);
    expect(sheet.getRow(5).getCell(6).font).toMatchObject({ bold: true, color: { argb: 'FF9C0006' } });
    expect([fill(7, 5), fill(7, 6)]).toEqual([YELLOW_MARK, YELLOW_MARK]);
    expect(sheet.getRow(7).getCell(6).font).toMatchObject({ bold: true, color: { argb: 'FF9C5700' } });
    expect(sheet.getRow(5).getCell(4).font?.bold).toBeFalsy();
  });

  it('keeps the header on its row below the title rows, frozen, with an autofilter, widths and merges', async () => {
    const workbook = await openWithExcelJs(await styledWorkbook('layout.xlsx'));
    const sheet = workbook.getWorksheet('包裹详情')!;
    expect(sheet.getRow(1).getCell(4).value).toBe('山茶生活馆 发货单');
    expect(sheet.getRow(3).values).toEqual([undefined, '校验结果', '问题', '建议', '订单号', '快递公司', '快递单号']);
    expect(sheet.getRow(3).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(5).getCell(4).value).toBe('P2');
    expect(sheet.getRow(6).values).toEqual([]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, topLeftCell: 'A4' });
    expect(sheet.autoFilter).toBe('A3:F8');
    expect(sheet.columns.slice(0, 6).map((c) => c.width)).toEqual([10, 44, 44, 24, 12, 22]);
    expect(sheet.getCell('D1').isMerged).toBe(true);
    expect(sheet.getCell('F1').master.address).toBe('D1');
    const summary = workbook.getWorksheet('汇总')!;
    expect(summary.getRow(2).getCell(1).font?.bold).toBe(true);
    expect(summary.getRow(3).getCell(2).value).toBe(43);
    expect(summary.views[0]?.state).not.toBe('frozen');
  });

  it('writes numbers, dates, booleans and error values as the input stored them', async () => {
    const path = await styledWorkbook('types.xlsx');
    const workbook = await openWithExcelJs(path);
    const row = workbook.getWorksheet('包裹详情')!.getRow(8);
    expect(row.getCell(4).value).toBe(773277027280336);
    expect(row.getCell(5).value).toBeInstanceOf(Date);
    expect(row.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(row.getCell(6).value).toEqual({ error: '#N/A' });
    expect(row.getCell(7).value).toBe(true);
    // Read again by ship: the same text and the same types, so a second check judges them alike.
    const copyRows = await readRowsWithShip(path, 1);
    const last = copyRows.find((r) => r.row === 8)!;
    expect(last.cells.slice(3)).toEqual([
      { text: '773277027280336', type: 'number' },
      { text: '45600.5', type: 'date' },
      { text: '#N/A', type: 'error' },
      { text: 'TRUE', type: 'boolean' },
    ]);
    expect(copyRows.map((r) => r.row)).toEqual([1, 3, 4, 5, 7, 8]);
  });

  it('writes well-formed parts and the same bytes for the same rows', async () => {
    const a = await styledWorkbook('a.xlsx');
    const b = await styledWorkbook('b.xlsx');
    expect((await readFile(a)).equals(await readFile(b))).toBe(true);
    const parts = await unzip(a);
    for (const [name, xml] of parts) expect(() => parseXml(xml), name).not.toThrow();
    expect(parseXml(parts.get('xl/workbook.xml')!).children.find((c) => c.name === 'definedNames')?.children[0]?.text).toBe("'包裹详情'!$A$3:$F$8");
  });

  it('reads back the same from a sheet compressed fast', async () => {
    const small = await styledWorkbook('small.xlsx');
    const fast = join(dir, 'fast.xlsx');
    await writeTextSheets(fast, [{ ...copy(), fastCompression: true }], { reportStyles: true });
    expect(await readRowsWithShip(fast, 0)).toEqual(await readRowsWithShip(small, 1));
  });

  it('refuses rows that go up the sheet, and fills in a workbook without the report styles', async () => {
    const up: TextSheet = { name: 'x', header: ['a'], rows: [{ row: 5, cells: ['1'] }, { row: 4, cells: ['2'] }] };
    await expect(writeTextSheets(join(dir, 'up.xlsx'), [up], { reportStyles: true })).rejects.toThrow(RangeError);
    const filled: TextSheet = { name: 'x', header: ['a'], rows: [{ cells: ['1'], style: 'errorRow' }] };
    await expect(writeTextSheets(join(dir, 'plain.xlsx'), [filled])).rejects.toThrow(/report styles/);
  });
});

describe('plain workbooks', () => {
  it('keep the import sheet byte for byte as it was before the report styles', async () => {
    const path = join(dir, 'import.xlsx');
    await writeImportSheet(
      path,
      importTableOf([
        { orderId: 'P792840050473116471', carrierId: 'zto', carrierName: '中通速递', trackingNumber: '73610555582883', firstRow: 2 },
        { orderId: 'P792840050473116472', carrierId: 'sf', carrierName: '顺丰速运', trackingNumber: 'SF1385628716739', firstRow: 3 },
      ]),
    );
    // The hash of this file as written by the plain writer (no fills, no numbers).
    expect(createHash('sha256').update(await readFile(path)).digest('hex')).toBe('7c7149d967a3ad6818f6e444882f83996e29f1ce7f6f1085a65286d452582e73');
    const parts = await unzip(path);
    expect(parts.get('xl/styles.xml')).toBe(PLAIN_STYLES_XML);
    expect(parts.get('xl/styles.xml')).not.toContain('patternType="solid"');
  });
});
