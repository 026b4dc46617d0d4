// The outputs that look rows up in the result's row table instead of a Map of every row:
// the findings table of the report, the JUnit cases per order, and findings about the
// sheet (merged cells) that take the 订单号 of their row.
import { describe, expect, it } from 'vitest';
import { CarrierRegistry } from '../../src/carriers/registry.js';
import { orderCases } from '../../src/cli/render/junit.js';
import { finding } from '../../src/core/finding.js';
import { withSheetFindings } from '../../src/core/merged-cells.js';
import { validateRows } from '../../src/core/validate.js';
import { copyMisfit } from '../../src/io/output/report-copy.js';
import { reportTable } from '../../src/io/output/report-sheet.js';
import { ALICE, BOB, HEADER, order, sheet } from '../helpers/sheet.js';

const registry = CarrierRegistry.builtIn();
const { columns, rows } = sheet(HEADER, [
  [order(1), '待配货', '中通快递', '73610555582883', ...ALICE],
  [order(1), '待配货', '圆通速递', 'YT9383342193097', ...ALICE],
  ['', '待配货', ' 顺丰速运 ', 'sf1385628716739', ...BOB],
  [order(2), '已取消', '中通快递', '73104682937501', ...BOB],
]);
const result = validateRows(rows, { registry, columns });

describe('outputs that look rows up in the row table', () => {
  it('fills the report table with the raw cells of each finding\'s row, and nothing for a row that is no data row', () => {
    const merged = withSheetFindings(result, [finding('merged-cells', 9, { field: 'trackingNumber', value: 'D9:D10', args: { range: 'D9:D10', firstRow: 9, lastRow: 10 } })]);
    const table = reportTable({ result: merged, columns, lang: 'en' });
    // Row, Order ID, …, Carrier, Tracking No., Recipient
    const shown = table.rows.map((line) => [line[0], line[1], line[5], line[9], line[10], line[11]]);
    expect(shown).toContainEqual(['3', order(1), 'order-multiple-carriers', '圆通速递', 'YT9383342193097', '张**']);
    expect(shown).toContainEqual(['4', '', 'missing-order-id', ' 顺丰速运 ', 'sf1385628716739', '李**']);
    expect(shown).toContainEqual(['5', order(2), 'status-not-pending', '中通快递', '73104682937501', '李**']);
    expect(shown).toContainEqual(['9', '', 'merged-cells', '', '', '']);
  });

  it('gives a sheet finding the 订单号 of its row, and none to a row without one', () => {
    const placed = withSheetFindings(result, [2, 4, 9].map((row) => finding('merged-cells', row, { args: {} })));
    expect(placed.findings.filter((f) => f.code === 'merged-cells').map((f) => [f.row, f.orderId])).toEqual([
      [2, order(1)],
      [4, undefined],
      [9, undefined],
    ]);
  });

  it('makes one JUnit case per order, a skipped row apart, in the order the orders appear', () => {
    expect(orderCases(result, 'en').map((c) => [c.name, c.rows, c.outcome])).toEqual([
      [`${order(1)} · rows 2, 3`, [2, 3], 'rejected'],
      ['row 4', [4], 'rejected'],
      [`${order(2)} · row 5`, [5], 'skipped'],
    ]);
  });

  it('knows whether the rows fit an Excel sheet from the last row number', () => {
    expect(copyMisfit(result, {}, columns)).toBeUndefined();
    expect(copyMisfit(validateRows([], { registry, columns }), {}, columns)).toBeUndefined();
  });
});
