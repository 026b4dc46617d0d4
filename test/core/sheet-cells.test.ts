// Cells whose layout or value the spreadsheet itself got in the way of: merged ranges
// in the data area, and error values (#N/A) in any column ship reads.
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/cli/load-rules.js';
import { matchHeader } from '../../src/core/columns.js';
import { mergedCellFindings, withSheetFindings } from '../../src/core/merged-cells.js';
import type { Cell, MergedRange } from '../../src/core/sheet.js';
import { validateRows } from '../../src/core/validate.js';
import { ALICE, BOB, HEADER, order, sheet, text } from '../helpers/sheet.js';

const registry = await loadRegistry(undefined);
const na = (value = '#N/A'): Cell => ({ text: value, type: 'error' });
const range = (ref: string, top: number, left: number, bottom: number, right: number): MergedRange => ({ ref, top, left, bottom, right });

// HEADER: 订单号 A, 订单状态 B, 快递公司 C, 快递单号 D, 收件人姓名 E, 收件人电话 F, 收件人地址 G
const { columns } = matchHeader(HEADER.map((h) => text(h)));

describe('merged cells in the data area', () => {
  it('gives one warning per range over a column ship reads, naming the range and the column', () => {
    const findings = mergedCellFindings([range('D5:D6', 5, 3, 6, 3), range('C8:D8', 8, 2, 8, 3)], columns, 1);
    expect(findings.map((f) => [f.code, f.severity, f.row, f.field, f.value, f.args.range])).toEqual([
      ['merged-cells', 'warning', 5, 'trackingNumber', 'D5:D6', 'D5:D6'],
      ['merged-cells', 'warning', 8, 'trackingNumber', 'C8:D8', 'C8:D8'],
    ]);
  });

  it('ignores ranges in the title rows and header, and in columns ship does not read', () => {
    const findings = mergedCellFindings([range('A1:G1', 1, 0, 1, 6), range('H5:H9', 5, 7, 9, 7), range('A2:B3', 2, 0, 3, 1)], columns, 3);
    expect(findings).toEqual([]);
  });

  it('puts a range that starts in the header on the first data row', () => {
    const [found] = mergedCellFindings([range('A1:A3', 1, 0, 3, 0)], columns, 1);
    expect([found?.row, found?.field]).toEqual([2, 'orderId']);
  });

  it('adds the warnings to a result in report order, with the row’s order id, counts unchanged', () => {
    const { rows } = sheet(HEADER, [
      [order(1), '待配货', '中通快递', '73104682937501', ...ALICE],
      [order(2), '待配货', '中通快递', '', ...BOB],
    ]);
    const result = validateRows(rows, { registry, columns });
    const merged = withSheetFindings(result, mergedCellFindings([range('D2:D3', 2, 3, 3, 3)], columns, 1));
    expect(merged.rows).toEqual(result.rows);
    expect(merged.findings.map((f) => [f.row, f.code, f.orderId])).toEqual([
      [2, 'merged-cells', order(1)],
      [3, 'missing-tracking-number', order(2)],
    ]);
    expect(withSheetFindings(result, [])).toBe(result);
  });
});

describe('error cells (#N/A) in any column ship reads', () => {
  const validate = (data: (string | Cell)[][]) => {
    const { rows } = sheet(HEADER, data);
    return validateRows(rows, { registry, columns });
  };

  it('reads them as empty and reports each as error-cell, rejecting the order', () => {
    const result = validate([
      [na(), '待配货', '中通快递', '73104682937501', ...ALICE],
      [order(2), na('#REF!'), '中通快递', '73104682937518', ...ALICE],
      [order(3), '待配货', na(), '73104682937525', ...BOB],
      [order(4), '待配货', '中通快递', na(), ...BOB],
    ]);
    const cells = result.findings.filter((f) => f.code === 'error-cell');
    expect(cells.map((f) => [f.row, f.field, f.value, f.args.error])).toEqual([
      [2, 'orderId', '#N/A', '#N/A'],
      [3, 'status', '#REF!', '#REF!'],
      [4, 'carrier', '#N/A', '#N/A'],
      [5, 'trackingNumber', '#N/A', '#N/A'],
    ]);
    expect(result.rows).toEqual({ total: 4, imported: 0, rejected: 4, skipped: 0 });
    expect(result.records.recordAt(0).orderIdRaw).toBe('');
  });

  it('reports one in a recipient column as a warning and still imports the order', () => {
    const result = validate([[order(1), '待配货', '中通快递', '73104682937501', '张**', na(), na('#VALUE!')]]);
    expect(result.findings.map((f) => [f.code, f.severity, f.field, f.value])).toEqual([
      ['error-cell-ignored', 'warning', 'recipientPhone', '#N/A'],
      ['error-cell-ignored', 'warning', 'recipientAddress', '#VALUE!'],
    ]);
    expect(result.rows.imported).toBe(1);
  });

  // A CSV saved by Excel or LibreOffice, or an .xlsx LibreOffice made from one, holds the error's text.
  it('reads an error value saved as text the same way: never a status, a recipient or a number', () => {
    const asText = (value = '#N/A'): Cell => text(value);
    const result = validate([
      [order(1), asText('#REF!'), '中通快递', '73104682937501', ...ALICE],
      [order(2), '待配货', '顺丰速运', 'SF1385628716739', asText(), asText(' #N/A '), asText('#n/a')],
      [order(3), '待配货', '顺丰速运', 'SF1385628716739', asText(), asText(), asText()],
      [order(4), '待配货', asText('#NAME?'), asText('#SPILL!'), ...BOB],
    ]);
    const errors = result.findings.filter((f) => f.code === 'error-cell');
    expect(errors.map((f) => [f.row, f.field, f.args.error])).toEqual([
      [2, 'status', '#REF!'],
      [5, 'carrier', '#NAME?'],
      [5, 'trackingNumber', '#SPILL!'],
    ]);
    // Read as text, #REF! skipped the pending order as not pending.
    expect(result.findings.some((f) => f.code === 'status-not-pending')).toBe(false);
    // Read as text, #N/A made two buyers one recipient: a merged shipment, imported twice.
    expect(result.findings.filter((f) => f.row === 4).map((f) => f.code)).toContain('duplicate-tracking-number');
    expect(result.findings.some((f) => f.code === 'merged-shipment')).toBe(false);
    expect(result.rows).toEqual({ total: 4, imported: 1, rejected: 3, skipped: 0 });
  });

  it('keeps text that only starts like an error value', () => {
    const result = validate([[order(1), '待配货', '中通快递', '73104682937501', '#N/A张三', '13800000000', '上海市 #REF! 路']]);
    expect(result.findings.map((f) => f.code)).toEqual([]);
    expect(result.rows.imported).toBe(1);
  });

  it('says nothing about error cells on rows that are skipped anyway', () => {
    const result = validate([[order(1), '已取消', na(), na(), na(), '', '']]);
    expect(result.findings.map((f) => f.code)).toEqual(['status-not-pending']);
  });
});
