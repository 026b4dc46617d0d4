// CSVs whose lines end differently: the header line as Excel saved it (CRLF) and the rows
// a script appended after it (LF), or a line ending in CR alone. Excel, WPS and Python's csv
// module show one row per line; so must ship, or the orders after the first would vanish
// into the last cell of row 2 and the run could still pass.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openWithExcelJs, readWorkbook, ship, validateJson, workspace } from '../helpers/cli.js';

const HEADER = '订单号,订单状态,快递公司,快递单号,备注';
const ORDERS = [
  ['P861770000000000001', '待发货', '顺丰速运', 'SF1385628716739', '加急'],
  ['P861770000000000002', '待发货', '中通速递', '78979054920543', '门卫代收'],
  ['P861770000000000003', '待发货', '中通速递', '78999518454060', ''],
];

/** Row `r` of the report's copy of the input, without the 3 columns the copy adds in front. */
function copiedRow(copy: ExcelJS.Worksheet, r: number): string[] {
  return (copy.getRow(r).values as unknown[]).slice(4).map((value) => (value === null || value === undefined ? '' : String(value)));
}

describe('a CSV whose header line ends in CRLF and whose appended rows end in LF', () => {
  const dir = workspace();
  writeFileSync(join(dir, 'mixed.csv'), `\ufeff${HEADER}\r\n${ORDERS.map((order) => `${order.join(',')}\n`).join('')}`);
  const run = validateJson(['mixed.csv', '--no-config'], { cwd: dir });

  it('reads 3 rows and imports all 3 orders (exit 0)', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.file.rows).toEqual({ total: 3, imported: 3, rejected: 0, skipped: 0 });
    expect(run.file.orders.imported).toBe(3);
  });

  it('writes each order with its own carrier and number to the import sheet', async () => {
    const [sheet] = await readWorkbook(join(dir, 'mixed.import.xlsx'));
    expect(sheet?.rows.slice(1)).toEqual(ORDERS.map(([id, , carrier, number]) => [id, carrier, number]));
  });

  it('keeps every row on its own row of the report copy (rows 2–4), nothing glued into 备注', async () => {
    const report = await openWithExcelJs(join(dir, 'mixed.report.xlsx'));
    const copy = report.getWorksheet('包裹详情')!;
    expect(copy.rowCount).toBe(4);
    expect(copiedRow(copy, 1)).toEqual(HEADER.split(','));
    // An empty 备注 is no cell at all.
    for (const [k, order] of ORDERS.entries()) expect(copiedRow(copy, k + 2)).toEqual(order[4] === '' ? order.slice(0, 4) : order);
  });

  it('says 共 3 行 in the text summary', () => {
    const text = ship(['validate', 'mixed.csv', '--no-config', '--out-dir', 'text'], { cwd: dir });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('共 3 行：可导入 3 行（3 单）');
  });
});

describe('a CSV with CR, LF and CRLF line ends, a blank line and a quoted line break', () => {
  const dir = workspace();
  const [first, second, third] = ORDERS.map((order) => order.slice(0, 4).join(','));
  // Row 3 is blank; the 备注 of row 4 holds a CRLF inside quotes, and its line ends in CR alone.
  writeFileSync(join(dir, 'lines.csv'), `${HEADER}\r\n${first},加急\n\r\n${second},"二楼\r\n左转"\r${third},\n`);
  const run = validateJson(['lines.csv', '--no-config'], { cwd: dir });

  it('numbers the rows as Excel shows them and imports every order', () => {
    expect(run.status).toBe(0);
    expect(run.file.rows).toEqual({ total: 3, imported: 3, rejected: 0, skipped: 0 });
  });

  it('copies the rows onto the same row numbers, the quoted line break kept inside its cell', async () => {
    const copy = (await openWithExcelJs(join(dir, 'lines.report.xlsx'))).getWorksheet('包裹详情')!;
    expect(copiedRow(copy, 2)[0]).toBe(ORDERS[0]![0]);
    expect(copiedRow(copy, 3)).toEqual([]);
    expect(copiedRow(copy, 4)[0]).toBe(ORDERS[1]![0]);
    expect(copiedRow(copy, 4)[4]).toBe('二楼_x000D_\n左转'); // Excel's escape for the CR, which exceljs leaves as it is
    expect(copiedRow(copy, 5).slice(0, 4)).toEqual(ORDERS[2]!.slice(0, 4));
  });
});
