// The copy of the input in the report (包裹详情): its added columns are never read as data
// by a second check, and a file that changed between the two passes is refused rather
// than copied beside findings that are not about it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../src/cli/load-rules.js';
import { HEADER_ALIASES, matchHeader, REPORT_ADDED_HEADERS } from '../../../src/core/columns.js';
import { headerKey } from '../../../src/core/header-key.js';
import { validateRows } from '../../../src/core/validate.js';
import { InputError } from '../../../src/io/errors.js';
import { COPY_SHEET, copyMisfit, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from '../../../src/io/output/report-copy.js';
import { writeReportWorkbook } from '../../../src/io/output/report-workbook.js';
import { writeTextSheets } from '../../../src/io/output/text-sheet.js';
import { EXPORT_SHEET } from '../../../src/io/read-input.js';
import { DEFAULT_READ_LIMITS } from '../../../src/io/table.js';
import { openWithExcelJs, ship } from '../../helpers/cli.js';
import { unzip } from '../../helpers/unzip.js';
import { HEADER, order, sheet, text } from '../../helpers/sheet.js';

const dir = await mkdtemp(join(tmpdir(), 'ship-report-copy-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the added columns', () => {
  it('are no header ship reads, in either language', () => {
    const aliases = new Set(Object.values(HEADER_ALIASES).flat().map(headerKey));
    for (const label of [...REPORT_ADDED_HEADERS.zh, ...REPORT_ADDED_HEADERS.en]) expect(aliases.has(headerKey(label)), label).toBe(false);
    const { columns } = matchHeader([...REPORT_ADDED_HEADERS.zh, ...HEADER].map((h) => text(h)));
    expect(columns.index).toMatchObject({ orderId: 3, status: 4, carrier: 5, trackingNumber: 6 });
  });

  it('sit in the sheet ship picks first', () => {
    expect(COPY_SHEET).toBe(EXPORT_SHEET);
  });
});

describe('an input longer than an Excel sheet', () => {
  it('gets a report without a copy, and the summary says why', async () => {
    const registry = await loadRegistry(undefined);
    const { columns, rows } = sheet(HEADER, [[order(1), '待配货', '中通快递', '73104682937501', '张**', '', '']]);
    // A CSV row past Excel's last row (1048576): the copy could not be opened.
    const result = validateRows(rows.map((row) => ({ ...row, row: row.row + EXCEL_MAX_ROWS })), { registry, columns });
    expect(copyMisfit(result, {}, columns)).toBe('too-long');
    const path = join(dir, 'long.report.xlsx');
    const source = { path: join(dir, 'not-read.csv'), kind: 'csv' as const, headerRow: 1, date1904: false, limits: DEFAULT_READ_LIMITS, merges: [] };
    await writeReportWorkbook(path, { result, columns, lang: 'zh', source, reportPath: path, copy: true });
    const workbook = await openWithExcelJs(path);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['汇总', '问题']);
    const lines: string[] = [];
    workbook.getWorksheet('汇总')!.eachRow((row) => lines.push(String(row.getCell(1).value)));
    expect(lines.some((line) => line.includes('没有写出原表的副本'))).toBe(true);
    expect(lines.some((line) => line.includes('ship validate'))).toBe(false);
  });
});

describe('an input that uses the last columns of a sheet', () => {
  /** A CSV whose one order has a value in its `columns`-th column (16384 is XFD, Excel's last). */
  async function wideCsv(name: string, columns: number): Promise<string> {
    const header = ['订单号', '订单状态', '快递公司', '快递单号', ...Array.from({ length: columns - 4 }, (_, i) => `备注${i + 1}`)];
    const row = [order(1), '待配货', '中通快递', '73104682937501', ...Array.from({ length: columns - 5 }, () => ''), '最后一列'];
    const path = join(dir, name);
    await writeFile(path, `${header.join(',')}\n${row.join(',')}\n`);
    return path;
  }

  it('gets no copy when the 3 added columns would push it past XFD, and the summary says why', async () => {
    const input = await wideCsv('wide.csv', EXCEL_MAX_COLUMNS);
    const run = ship(['validate', input, '--out-dir', join(dir, 'wide-out')]);
    expect(run.status).toBe(0);
    const workbook = await openWithExcelJs(join(dir, 'wide-out', 'wide.report.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['汇总', '问题']);
    const lines: string[] = [];
    workbook.getWorksheet('汇总')!.eachRow((r) => lines.push(String(r.getCell(1).value)));
    expect(lines.some((line) => line.includes('会超出 Excel 的 16384 列上限'))).toBe(true);
  });

  it('is copied whole when the copy ends at XFD exactly', async () => {
    const input = await wideCsv('fits.csv', EXCEL_MAX_COLUMNS - 3);
    const run = ship(['validate', input, '--out-dir', join(dir, 'fits-out')]);
    expect(run.status).toBe(0);
    const entries = await unzip(join(dir, 'fits-out', 'fits.report.xlsx'));
    expect(entries.get('xl/worksheets/sheet3.xml')).toContain('<c r="XFD2" s="1" t="inlineStr"><is><t>最后一列</t>');
  });
});

describe('the second pass', () => {
  it('refuses a file whose rows are not the ones the first pass checked', async () => {
    const registry = await loadRegistry(undefined);
    const data = [
      [order(1), '待配货', '中通快递', '73104682937501', '张**', '', ''],
      [order(2), '待配货', '中通快递', '73104682937518', '李**', '', ''],
    ];
    const { columns, rows } = sheet(HEADER, data);
    const result = validateRows(rows, { registry, columns });
    // The file on disk lost its last row since it was checked.
    const input = join(dir, 'orders.xlsx');
    await writeTextSheets(input, [{ name: EXPORT_SHEET, header: HEADER, rows: data.slice(0, 1) }]);
    const source = { path: input, kind: 'xlsx' as const, sheet: EXPORT_SHEET, headerRow: 1, date1904: false, limits: DEFAULT_READ_LIMITS, merges: [] };
    const written = writeReportWorkbook(join(dir, 'orders.report.xlsx'), { result, columns, lang: 'zh', source, reportPath: join(dir, 'orders.report.xlsx'), copy: true });
    await expect(written).rejects.toBeInstanceOf(InputError);
    await expect(written).rejects.toMatchObject({ text: { zh: expect.stringContaining('文件在校验过程中被修改了') } });
  });

  // A UTF-8 CSV is copied as bytes (csv-copy-rows.ts): the same comparison, row by row.
  it.each([
    ['lost its last row', (lines: string[]) => lines.slice(0, -1)],
    ['gained a row', (lines: string[]) => [...lines, lines.at(-1)!.replace('P', 'Q')]],
    ['gained an empty row above the data', (lines: string[]) => [lines[0]!, '', ...lines.slice(1)]],
    ['became a GBK file with other rows', (lines: string[]) => lines.slice(0, 2)],
  ])('refuses a UTF-8 CSV that %s since it was checked', async (name, change) => {
    const registry = await loadRegistry(undefined);
    const data = [
      [order(1), '待配货', '中通快递', '73104682937501', '张**', '', ''],
      [order(2), '待配货', '中通快递', '73104682937518', '李**', '', ''],
      [order(3), '待配货', '中通快递', '73104682937525', '王**', '', ''],
    ];
    const { columns, rows } = sheet(HEADER, data);
    const result = validateRows(rows, { registry, columns });
    const input = join(dir, `changed-${name.replaceAll(' ', '-')}.csv`);
    const lines = change([HEADER, ...data].map((cells) => cells.join(',')));
    await writeFile(input, name.startsWith('became a GBK') ? gbkOf(lines) : `${lines.join('\r\n')}\r\n`);
    const source = { path: input, kind: 'csv' as const, headerRow: 1, date1904: false, limits: DEFAULT_READ_LIMITS, merges: [] };
    const reportPath = join(dir, 'changed.report.xlsx');
    const written = writeReportWorkbook(reportPath, { result, columns, lang: 'zh', source, reportPath, copy: true });
    await expect(written).rejects.toMatchObject({ text: { zh: expect.stringContaining('文件在校验过程中被修改了') } });
  });

  it('copies an unchanged UTF-8 CSV', async () => {
    const registry = await loadRegistry(undefined);
    const data = [
      [order(1), '待配货', '中通快递', '73104682937501', '张**', '', ''],
      [order(2), '待配货', '中通快递', 'bad<&>', '李**', '', ''],
    ];
    const { columns, rows } = sheet(HEADER, data);
    const result = validateRows(rows, { registry, columns });
    const input = join(dir, 'unchanged.csv');
    await writeFile(input, `\ufeff${[HEADER, ...data].map((cells) => cells.join(',')).join('\n')}\n`);
    const source = { path: input, kind: 'csv' as const, headerRow: 1, date1904: false, limits: DEFAULT_READ_LIMITS, merges: [] };
    const reportPath = join(dir, 'unchanged.report.xlsx');
    await writeReportWorkbook(reportPath, { result, columns, lang: 'zh', source, reportPath, copy: true });
    const workbook = await openWithExcelJs(reportPath);
    const copy = workbook.getWorksheet(COPY_SHEET)!;
    expect(copy.getRow(2).getCell(4).value).toBe(order(1));
    expect(copy.getRow(3).getCell(7).value).toBe('bad<&>');
    expect(copy.rowCount).toBe(3);
  });
});

/** The lines in GBK, as zh-CN Excel saves a CSV (ASCII and the few characters the test uses). */
function gbkOf(lines: string[]): Buffer {
  const GBK: Record<string, number[]> = { 订: [0xb6, 0xa9], 单: [0xb5, 0xa5], 号: [0xba, 0xc5] };
  const bytes: number[] = [];
  for (const ch of lines.join('\n').replace(/[^\x00-\x7f订单号]/g, '?')) bytes.push(...(GBK[ch] ?? [ch.charCodeAt(0)]));
  return Buffer.from(bytes);
}
