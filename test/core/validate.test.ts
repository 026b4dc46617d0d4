import { describe, expect, it } from 'vitest';
import { CarrierRegistry } from '../../src/carriers/registry.js';
import type { FindingCode } from '../../src/core/finding.js';
import { renderMessage } from '../../src/core/messages.js';
import { validateRows, type ValidationResult } from '../../src/core/validate.js';
import { ALICE, BOB, HEADER, numberCell, order, sheet, type CellInput } from '../helpers/sheet.js';

const registry = CarrierRegistry.builtIn();

function run(data: readonly (readonly CellInput[])[], header = HEADER): ValidationResult {
  const { columns, rows } = sheet(header, data);
  return validateRows(rows, { registry, columns });
}

const codesAt = (result: ValidationResult, row: number): FindingCode[] => result.findings.filter((f) => f.row === row).map((f) => f.code);

function expectEveryRowCountedOnce(result: ValidationResult, dataRows: number): void {
  const { total, imported, rejected, skipped } = result.rows;
  expect(total).toBe(dataRows);
  expect(imported + rejected + skipped).toBe(total);
  expect(result.disposition.size).toBe(total);
}

describe('validateRows: single orders', () => {
  it('imports a valid SF order with the platform display name', () => {
    const result = run([[order(1), '待配货', '顺丰', 'SF1385628716739', ...ALICE]]);
    expect(result.findings).toEqual([]);
    expect([...result.imports]).toEqual([{ orderId: order(1), carrierId: 'sf', carrierName: '顺丰速运', trackingNumber: 'SF1385628716739', firstRow: 2 }]);
    expectEveryRowCountedOnce(result, 1);
  });

  it('normalizes spaces, full-width characters and lower case before checking', () => {
    const result = run([
      [order(1), '待配货', '顺丰速运', ' sf 1385 6287 16739 ', ...ALICE],
      [order(2), '待配货', '顺丰速运', 'ＳＦ１３４２９９８８７６５４３', ...BOB],
      [order(3), '待配货', '顺丰速运', "'SF1342998876544", ...ALICE],
    ]);
    expect(result.findings).toEqual([]);
    expect([...result.imports].map((line) => line.trackingNumber)).toEqual(['SF1385628716739', 'SF1342998876543', 'SF1342998876544']);
  });

  it('rejects an SF number declared as 中通 and names 顺丰速运 among the fits', () => {
    const result = run([[order(1), '待配货', '中通快递', 'SF1385628716739', ...ALICE]]);
    const [found] = result.findings;
    expect(found?.code).toBe('tracking-format');
    expect(String(found?.args.fits)).toContain('顺丰速运');
    expect(result.imports).toHaveLength(0);
    expect(result.rows.rejected).toBe(1);
  });

  it('suggests the closest carrier name for a typo and never imports the row', () => {
    const result = run([[order(1), '待配货', '顺风快递', 'SF1385628716739', ...ALICE]]);
    const [found] = result.findings;
    expect(found?.code).toBe('unknown-carrier');
    expect(String(found?.args.suggestions)).toContain('顺丰速运');
    expect(found?.field).toBe('carrier');
  });

  it('reports a number without a carrier with the carriers it fits, without filling one in', () => {
    const result = run([[order(1), '待配货', '', 'SF1385628716739', ...ALICE]]);
    expect(codesAt(result, 2)).toEqual(['missing-carrier']);
    expect(String(result.findings[0]?.args.fits)).toContain('顺丰速运');
    expect(result.imports).toHaveLength(0);
  });

  it('tells apart a missing number, a missing carrier and neither filled in', () => {
    const result = run([
      [order(1), '待配货', '圆通速递', '', ...ALICE],
      [order(2), '待配货', '', '', ...BOB],
    ]);
    expect(codesAt(result, 2)).toEqual(['missing-tracking-number']);
    expect(codesAt(result, 3)).toEqual(['missing-shipping-info']);
  });

  it('rejects a missing or malformed 订单号', () => {
    const result = run([
      ['', '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
      ['P12345', '待配货', '顺丰速运', 'SF1385628716740', ...BOB],
    ]);
    expect(codesAt(result, 2)).toContain('missing-order-id');
    expect(codesAt(result, 3)).toContain('order-id-format');
    expect(result.rows.rejected).toBe(2);
  });

  it('rejects a number Excel turned into E-notation text', () => {
    const result = run([[order(1), '待配货', '申通快递', '7.73277E+14', ...ALICE]]);
    expect(codesAt(result, 2)).toEqual(['tracking-scientific-notation']);
  });

  it('keeps the digits of a number cell of up to 15 digits, with a warning', () => {
    const result = run([[order(1), '待配货', '申通快递', numberCell('773277027280336'), ...ALICE]]);
    expect(codesAt(result, 2)).toEqual(['tracking-number-cell']);
    expect(result.imports.trackingNumberAt(0)).toBe('773277027280336');
  });

  // "7.73277E+14" in a CSV that Excel opened and saved as .xlsx: a number cell with six digits left.
  it('rejects a number cell Excel rounded through scientific notation, and keeps one with a few zeros', () => {
    const result = run([
      [order(1), '待配货', '申通快递', numberCell('773277000000000'), ...ALICE],
      [order(2), '待配货', '韵达快递', numberCell('312345000000'), ...BOB],
      [order(3), '待配货', '申通快递', numberCell('773277027200000'), '王**', '137****0000', '广州市天河区***路3号'],
    ]);
    expect(result.findings.filter((f) => f.code === 'tracking-number-damaged').map((f) => [f.row, f.args.kind])).toEqual([
      [2, 'rounded'],
      [3, 'rounded'],
    ]);
    expect(codesAt(result, 4)).toEqual(['tracking-number-cell']);
    expect(result.imports.trackingNumberAt(0)).toBe('773277027200000');
    expect(result.imports).toHaveLength(1);
  });

  it('rejects a number cell of 16 or more digits: Excel already destroyed it', () => {
    const result = run([[order(1), '待配货', '圆通速递', numberCell('8.8245669086202906E+17'), ...ALICE]]);
    expect(codesAt(result, 2)).toEqual(['tracking-number-damaged']);
    expect(result.imports).toHaveLength(0);
  });

  // A CSV saved by Excel from a number column: the digits after the 15th come back as zeros.
  it('says when a long number that only an old format takes ends in the zeros Excel leaves', () => {
    const result = run([
      [order(1), '待配货', '圆通速递', '882456690862029000', ...ALICE],
      [order(2), '待配货', '圆通速递', '882456690862029123', ...BOB],
    ]);
    expect(result.findings.map((f) => [f.row, f.code, f.args.zeroedDigits])).toEqual([
      [2, 'tracking-legacy-format', '3'],
      [3, 'tracking-legacy-format', undefined],
    ]);
    expect(renderMessage(result.findings[0]!, 'zh').message).toContain('可能被 Excel 改过');
    expect(renderMessage(result.findings[1]!, 'zh').message).not.toContain('Excel');
    expect(result.imports).toHaveLength(2);
  });

  it('says a date cell or a decimal number in 快递单号 is what it is, not a number cut at 15 digits', () => {
    const result = run([
      [order(1), '待配货', '圆通速递', { text: '46023', type: 'date' }, ...ALICE],
      [order(2), '待配货', '圆通速递', numberCell('7361055558.5'), ...BOB],
    ]);
    expect(result.findings.map((f) => [f.row, f.code, f.args.kind])).toEqual([
      [2, 'tracking-number-damaged', 'date'],
      [3, 'tracking-number-damaged', 'decimal'],
    ]);
    expect(renderMessage(result.findings[0]!, 'zh').message).toContain('日期格式');
    expect(renderMessage(result.findings[1]!, 'zh').message).toContain('带小数');
    expect(result.imports).toHaveLength(0);
  });

  it('reads a dash in 快递公司 or 快递单号 as "none", not as a formula', () => {
    const result = run([
      [order(1), '待配货', '-', '-', ...ALICE],
      [order(2), '待配货', '顺丰速运', '—', ...BOB],
    ]);
    expect(codesAt(result, 2)).toEqual(['missing-shipping-info']);
    expect(codesAt(result, 3)).toEqual(['missing-tracking-number']);
  });

  it('strips the invisible marks that copy-paste brings (soft hyphen, bidi marks and overrides)', () => {
    const result = run([
      [order(1), '待配货', '顺丰速运\u200e', 'SF1385628716739\u00ad', ...ALICE],
      [order(2), '待配货', '\u202a顺丰速运\u202c', '\u200fSF1342998876543\u202e', ...BOB],
    ]);
    expect(result.findings).toEqual([]);
    expect([...result.imports].map((line) => [line.carrierName, line.trackingNumber])).toEqual([
      ['顺丰速运', 'SF1385628716739'],
      ['顺丰速运', 'SF1342998876543'],
    ]);
  });

  it('rejects formula-like values instead of passing them on', () => {
    const result = run([[order(1), '待配货', '顺丰速运', '=HYPERLINK("http://x","SF1")', ...ALICE]]);
    expect(codesAt(result, 2)).toEqual(['formula-like-value']);
  });

  it('rejects characters no carrier uses', () => {
    const result = run([[order(1), '待配货', '顺丰速运', 'SF13856287167号', ...ALICE]]);
    expect(codesAt(result, 2)).toEqual(['tracking-invalid-characters']);
  });
});

describe('validateRows: rows that are not orders to ship', () => {
  it('skips shipped, cancelled and completed orders and lists them as info', () => {
    const result = run([
      [order(1), '已发货未签收', '中通快递', '73610555582883', ...ALICE],
      [order(2), '已取消', '', '', ...BOB],
      [order(3), '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
    ]);
    expect(result.rows).toEqual({ total: 3, imported: 1, rejected: 0, skipped: 2 });
    expect(codesAt(result, 2)).toEqual(['status-not-pending']);
    expect(result.findings.every((f) => f.code !== 'status-not-pending' || f.severity === 'info')).toBe(true);
  });

  it('skips a 合计 row whose label stands in the 订单号 column', () => {
    const result = run([
      [order(1), '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
      ['合计', '', '', '', '', '', ''],
    ]);
    expect(codesAt(result, 3)).toEqual(['summary-row']);
    expect(result.rows).toEqual({ total: 2, imported: 1, rejected: 0, skipped: 1 });
  });

  it('skips a row of spaces and invisible characters, but not one holding an error value', () => {
    const result = run([
      [order(1), '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
      ['  ', ' ', '\u200b', '\t', ' ', '', ''],
      ['', '', '', { text: '#N/A', type: 'error' }, '', '', ''],
    ]);
    expect(codesAt(result, 3)).toEqual(['blank-row']);
    expect(result.findings.find((f) => f.row === 3)?.severity).toBe('info');
    expect(codesAt(result, 4)).toContain('missing-order-id');
    expect(result.rows).toEqual({ total: 3, imported: 1, rejected: 1, skipped: 1 });
  });

  it('judges a blank row of a report checked again as the first run did, whatever its added columns say', () => {
    const result = run(
      [
        ['已导入', '', '', order(1), '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
        ['已跳过', '这一行只有空格', '无需处理', ' ', ' ', '', '', '', '', ''],
      ],
      ['校验结果', '问题', '建议', ...HEADER],
    );
    expect(codesAt(result, 3)).toEqual(['blank-row']);
    expect(result.rows).toEqual({ total: 2, imported: 1, rejected: 0, skipped: 1 });
  });

  it('skips the header row of a second export pasted under the first', () => {
    const result = run([
      [order(1), '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
      ['订单号', '', '快递公司', '快递单号', '', '', ''],
      [order(2), '待配货', '顺丰速运', 'SF1342998876543', ...BOB],
    ]);
    expect(codesAt(result, 3)).toEqual(['repeated-header']);
    expect(result.rows).toEqual({ total: 3, imported: 2, rejected: 0, skipped: 1 });
  });

  it('does not treat the trailing 合计 row as an order', () => {
    const result = run([
      [order(1), '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
      ['', '合计', '', '', '', '', ''],
    ]);
    expect(codesAt(result, 3)).toEqual(['summary-row']);
    expect(result.rows).toEqual({ total: 2, imported: 1, rejected: 0, skipped: 1 });
    expect(result.orders).toEqual({ imported: 1, rejected: 0, skipped: 0 });
  });
});

describe('validateRows: multi-SKU orders', () => {
  it('imports an order spanning three rows once, with the number from its first row', () => {
    const result = run([
      [order(1), '待配货', '圆通速递', 'YT9383342193097', ...ALICE],
      [order(1), '待配货', '', '', ...ALICE],
      [order(1), '待配货', '', '', ...ALICE],
    ]);
    expect(result.findings).toEqual([]);
    expect(result.imports).toHaveLength(1);
    expect(result.imports.firstRowAt(0)).toBe(2);
    expect([2, 3, 4].map((row) => result.disposition.get(row))).toEqual(['imported', 'imported', 'imported']);
    expect(result.rows.imported).toBe(3);
    expect(result.orders.imported).toBe(1);
  });

  it('applies a number found on a later row of the order', () => {
    const result = run([
      [order(1), '待配货', '', '', ...ALICE],
      [order(1), '待配货', '圆通速递', 'YT9383342193097', ...ALICE],
    ]);
    expect(result.imports.trackingNumberAt(0)).toBe('YT9383342193097');
  });

  it('rejects the whole order when its rows carry two different numbers', () => {
    const result = run([
      [order(1), '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
      [order(1), '待配货', '顺丰速运', 'SF1342998876543', ...ALICE],
      [order(1), '待配货', '', '', ...ALICE],
    ]);
    expect(codesAt(result, 3)).toEqual(['order-multiple-tracking-numbers']);
    expect(result.findings.find((f) => f.row === 3)?.args.firstRow).toBe(2);
    // Rows without their own error still appear in the report, pointing at the failing row.
    expect(codesAt(result, 2)).toEqual(['order-rejected-with-sibling']);
    expect(codesAt(result, 4)).toEqual(['order-rejected-with-sibling']);
    expect(result.rows.rejected).toBe(3);
    expect(result.orders.rejected).toBe(1);
  });

  it('rejects an order whose rows name two different carriers', () => {
    const result = run([
      [order(1), '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
      [order(1), '待配货', '中通快递', 'SF1385628716739', ...ALICE],
    ]);
    expect(codesAt(result, 3)).toContain('order-multiple-carriers');
  });

  it('accepts the same carrier written two ways on one order', () => {
    const result = run([
      [order(1), '待配货', '顺丰', 'SF1385628716739', ...ALICE],
      [order(1), '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
    ]);
    expect(result.findings).toEqual([]);
  });
});

describe('validateRows: one number on several orders', () => {
  it('imports both orders of a merged shipment to one recipient, with a warning', () => {
    const result = run([
      [order(1), '待配货', '中通快递', '73610555582883', ...ALICE],
      [order(2), '待配货', '中通快递', '73610555582883', ...ALICE],
    ]);
    expect(codesAt(result, 3)).toEqual(['merged-shipment']);
    expect(result.findings[0]?.severity).toBe('warning');
    expect(result.imports).toHaveLength(2);
  });

  it('takes a recipient typed with spaces and full-width digits as the same recipient', () => {
    const result = run([
      [order(1), '待配货', '中通快递', '73610555582883', ...ALICE],
      [order(2), '待配货', '中通快递', '73610555582883', '张 **', '１３８****１２３４', '上海市 浦东新区***路1号'],
    ]);
    expect(codesAt(result, 3)).toEqual(['merged-shipment']);
  });

  it('tells apart recipients whose name, phone and address differ only in where they split', () => {
    const result = run([
      [order(1), '待配货', '中通快递', '73610555582883', '张**', '138', '****1234上海市'],
      [order(2), '待配货', '中通快递', '73610555582883', '张**', '138****1234', '上海市'],
    ]);
    expect(codesAt(result, 3)).toEqual(['duplicate-tracking-number']);
  });

  it('rejects the later order when the recipient differs, naming the row of the first', () => {
    const result = run([
      [order(1), '待配货', '中通快递', '73610555582883', ...ALICE],
      [order(2), '待配货', '中通快递', '73610555582883', ...BOB],
    ]);
    expect(codesAt(result, 3)).toEqual(['duplicate-tracking-number']);
    expect(result.findings[0]?.args.firstRow).toBe(2);
    expect(result.findings[0]?.args.firstOrderId).toBe(order(1));
    expect([...result.imports].map((line) => line.orderId)).toEqual([order(1)]);
  });

  it('rejects an order that reuses the number of an order already shipped to someone else, wherever the shipped row is', () => {
    for (const [shippedFirst, row] of [[true, 3], [false, 2]] as const) {
      const shipped = [order(1), '已发货未签收', '中通快递', '73610555582883', ...ALICE];
      const pending = [order(2), '待配货', '中通快递', '73610555582883', ...BOB];
      const result = run(shippedFirst ? [shipped, pending] : [pending, shipped]);
      const found = result.findings.find((f) => f.code === 'duplicate-tracking-number');
      expect(found?.row).toBe(row);
      expect(found?.args).toMatchObject({ firstOrderId: order(1), firstStatus: '已发货未签收' });
      expect(result.imports).toHaveLength(0);
      expect(result.rows).toEqual({ total: 2, imported: 0, rejected: 1, skipped: 1 });
    }
  });

  it('lets a cancelled order\'s number be used again, and the pending part of a split order keep its own', () => {
    const result = run([
      [order(1), '已取消', '中通快递', '73610555582883', ...ALICE],
      [order(2), '待配货', '中通快递', '73610555582883', ...BOB],
      [order(3), '已发货', '顺丰速运', 'SF1385628716739', ...ALICE],
      [order(3), '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
    ]);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect([...result.imports].map((line) => line.orderId)).toEqual([order(2), order(3)]);
  });

  it('counts a shipped order\'s number stored as a number cell', () => {
    const result = run([
      [order(1), '已发货未签收', '中通快递', numberCell('75450404441961'), ...ALICE],
      [order(2), '待配货', '中通快递', '75450404441961', ...BOB],
    ]);
    expect(codesAt(result, 3)).toEqual(['duplicate-tracking-number']);
  });

  it('does not take "not yet shipped" or "uncompleted" for shipped', () => {
    const result = run([
      [order(1), 'Not yet shipped', '中通快递', '73610555582883', ...ALICE],
      [order(2), 'uncompleted', '顺丰速运', 'SF1385628716739', ...ALICE],
      [order(3), '待配货', '中通快递', '73610555582883', ...BOB],
      [order(4), '待配货', '顺丰速运', 'SF1385628716739', ...BOB],
    ]);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('still meets another shipped order with the number when the order\'s own shipped part used it first', () => {
    const result = run([
      [order(2), '已发货', '中通快递', '73610555582883', ...BOB],
      [order(1), '已完成', '中通快递', '73610555582883', ...ALICE],
      [order(2), '待配货', '中通快递', '73610555582883', ...BOB],
    ]);
    const found = result.findings.find((f) => f.code === 'duplicate-tracking-number');
    expect(found).toMatchObject({ row: 4, args: { firstRow: 3, firstOrderId: order(1), firstStatus: '已完成' } });
    expect(result.imports).toHaveLength(0);
  });

  it('treats a shipped order to the same recipient as a merged shipment, saying it is shipped', () => {
    const result = run([
      [order(1), '已签收', '中通快递', '73610555582883', ...ALICE],
      [order(2), '待配货', '中通快递', '73610555582883', ...ALICE],
    ]);
    const found = result.findings.find((f) => f.code === 'merged-shipment');
    expect(found?.args.firstStatus).toBe('已签收');
    expect(renderMessage(found!, 'zh').hint).toContain('已经发出');
    expect(result.imports).toHaveLength(1);
  });

  it('does not call a duplicate a merged shipment when the sheet has no recipient columns', () => {
    const result = run(
      [
        [order(1), '中通快递', '73610555582883'],
        [order(2), '中通快递', '73610555582883'],
      ],
      ['订单号', '快递公司', '快递单号'],
    );
    expect(codesAt(result, 3)).toEqual(['duplicate-tracking-number']);
    expect(result.findings[0]?.args.recipientKnown).toBe(0);
  });
});

describe('validateRows: accounting', () => {
  it('puts every data row in exactly one of imported, rejected or skipped', () => {
    const data: CellInput[][] = [
      [order(1), '待配货', '顺丰速运', 'SF1385628716739', ...ALICE],
      [order(1), '待配货', '', '', ...ALICE],
      [order(2), '待配货', '中通快递', 'SF1342998876543', ...BOB],
      [order(3), '已取消', '', '', ...BOB],
      [order(4), '待配货', '', '', ...BOB],
      ['', '合计', '', '', '', '', ''],
    ];
    const result = run(data);
    expectEveryRowCountedOnce(result, data.length);
    expect(result.rows).toEqual({ total: 6, imported: 2, rejected: 2, skipped: 2 });
    // Every row that is not imported has at least one finding that says why.
    for (const [row, outcome] of result.disposition) {
      if (outcome !== 'imported') expect(codesAt(result, row).length).toBeGreaterThan(0);
    }
  });

  it('sorts findings by row, errors before warnings', () => {
    const result = run([
      [order(2), '待配货', '中通快递', '73610555582883', ...ALICE],
      [order(1), '待配货', '中通快递', '73610555582883', ...ALICE],
      [order(3), '待配货', '中通快递', 'SF1385628716739', ...BOB],
    ]);
    expect(result.findings.map((f) => f.row)).toEqual([3, 4]);
  });
});
