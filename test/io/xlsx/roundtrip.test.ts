// Files written by exceljs (the project's writer) read back identically: with a
// shared-string table (document writer) and with inline strings (streaming writer).

import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_READ_LIMITS, type Cell, type SheetRow } from '../../../src/io/table.js';
import { openWorkbook } from '../../../src/io/xlsx/workbook.js';
import { collectRows } from '../../helpers/read-back.js';
import { tempDir } from './package.js';

let temp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => (temp = await tempDir()));
afterAll(() => temp.remove());

const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达速递', '申通快递', '极兔速递', 'EMS', '京东快递'];
const text = (value: string): Cell => ({ text: value, type: 'string' });

/** A row of Chinese text whose characters land at every position relative to chunk boundaries. */
function dataRow(i: number): string[] {
  return [
    `P${String(792840050473116471n + BigInt(i))}`,
    i % 3 === 0 ? '待配货' : '已发货',
    `广东省深圳市南山区科技园${'路'.repeat(i % 7)}${i}号 A&B <楼> "东"`,
    CARRIERS[i % CARRIERS.length]!,
    String(773277027280336 + i),
    `${'小红书'.repeat(1 + (i % 5))}𠮷${i}`,
  ];
}

async function collect(path: string, sheet = 0): Promise<{ rows: SheetRow[]; names: string[]; merges: string[] }> {
  const book = await openWorkbook(path, DEFAULT_READ_LIMITS);
  try {
    const rows = await collectRows(book.readRows(sheet));
    return { rows, names: book.sheets.map((s) => s.name), merges: book.merges(sheet).map((m) => m.ref) };
  } finally {
    await book.close();
  }
}

describe('exceljs round trip', () => {
  it('reads back what the document writer wrote (shared strings, rich text, formulas, dates, merges)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('汇总').addRow(['概要']);
    const ws = wb.addWorksheet('包裹详情');
    ws.addRow(['订单号', '订单状态', '收件人地址', '快递公司', '快递单号', '备注']);
    for (let i = 0; i < 300; i++) ws.addRow(dataRow(i));
    ws.addRow([
      { richText: [{ text: 'SF12345' }, { text: '67890123', font: { bold: true } }] },
      773277027280336,
      new Date(Date.UTC(2026, 10, 26, 12, 0, 0)),
      { formula: 'A1&"x"', result: '订单号x' },
      true,
      { error: '#N/A' },
    ]);
    ws.mergeCells('B303:C304');
    const path = join(temp.dir, 'document.xlsx');
    await wb.xlsx.writeFile(path);

    const { rows, names, merges } = await collect(path, 1);
    expect(names).toEqual(['汇总', '包裹详情']);
    expect(merges).toEqual(['B303:C304']);
    expect(rows).toHaveLength(302);
    expect(rows[0]?.cells.map((c) => c?.text)).toEqual(['订单号', '订单状态', '收件人地址', '快递公司', '快递单号', '备注']);
    for (let i = 0; i < 300; i++) expect(rows[i + 1]).toEqual({ row: i + 2, cells: dataRow(i).map(text) });
    expect(rows[301]).toEqual({
      row: 302,
      cells: [
        text('SF1234567890123'),
        { text: '773277027280336', type: 'number' },
        { text: '46352.5', type: 'date' },
        { text: '订单号x', type: 'string', formula: true },
        { text: 'TRUE', type: 'boolean' },
        { text: '#N/A', type: 'error' },
      ],
    });
  });

  it('reads back what the streaming writer wrote (inline strings, CJK across inflate chunks)', async () => {
    const path = join(temp.dir, 'stream.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
    const ws = writer.addWorksheet('包裹详情');
    const count = 4000;
    for (let i = 0; i < count; i++) ws.addRow(dataRow(i)).commit();
    ws.commit();
    await writer.commit();

    const { rows } = await collect(path);
    expect(rows).toHaveLength(count);
    for (let i = 0; i < count; i++) {
      const cells = rows[i]!.cells;
      expect(cells.map((c) => c?.text)).toEqual(dataRow(i));
      expect(cells.some((c) => c?.text.includes('\ufffd'))).toBe(false);
    }
  });
});
