// The rows of a validation as the result hands them out: a table over the row store,
// whose records are made on demand and must read exactly as the rows were read.
import { describe, expect, it } from 'vitest';
import { CarrierRegistry } from '../../src/carriers/registry.js';
import type { RowRecord } from '../../src/core/row-record.js';
import type { RowTable } from '../../src/core/row-table.js';
import { NO_RECIPIENT } from '../../src/core/recipient-key.js';
import { createValidator, validateRows } from '../../src/core/validate.js';
import { ALICE, BOB, HEADER, numberCell, order, sheet } from '../helpers/sheet.js';

const registry = CarrierRegistry.builtIn();

const recordsOf = (table: RowTable): RowRecord[] => Array.from({ length: table.length }, (_, index) => table.recordAt(index));

// Row 2-3: an order of two SKU rows; 4: no 订单号; 5: cancelled; 6: number cell, spaced carrier;
// 7: the 合计 row; 8: an order whose second row (9) comes after another order's row.
const { columns, rows } = sheet(
  [...HEADER, '备注'],
  [
    [order(1), '待配货', '中通快递', '73610555582883', ...ALICE, ''],
    [order(1), '待配货', '', '', ...ALICE, ''],
    ['', '待配货', '顺丰速运', 'sf 1385 6287 16739', ...BOB, ''],
    [order(3), '已取消', '中通快递', '73104682937501', ...BOB, ''],
    [` ${order(4)} `, '待配货', ' 中通快递 ', numberCell('773277027280336'), ...ALICE, ''],
    ['', '', '', '', '', '', '', '合计'],
    [order(5), '待配货', '圆通速递', 'YT9383342193097', ...BOB, ''],
    [order(6), '待配货', '申通快递', '773104682937518', ...ALICE, ''],
    [order(5), '待配货', '', '', ...BOB, ''],
  ],
);
const result = validateRows(rows, { registry, columns });
const table = result.records;

describe('the result row table', () => {
  it('has one row per data row, in input order, with the Excel row numbers', () => {
    expect(table.length).toBe(9);
    expect(Array.from({ length: table.length }, (_, i) => table.rowAt(i))).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Array.from({ length: table.length }, (_, i) => table.kindAt(i))).toEqual(['order', 'order', 'order', 'not-pending', 'order', 'not-an-order', 'order', 'order', 'order']);
    expect(Array.from({ length: table.length }, (_, i) => table.orderIdAt(i))).toEqual([order(1), order(1), '', order(3), order(4), '', order(5), order(6), order(5)]);
  });

  it('gives each row its record as read: raw and normalized values, flags and cell findings', () => {
    const records = recordsOf(table);
    const [sku1, sku2, noId, cancelled, numberRow, summary] = records;
    expect(sku1).toMatchObject({ row: 2, kind: 'order', orderIdRaw: order(1), orderId: order(1), status: '待配货', carrierRaw: '中通快递', carrier: '中通快递', trackingRaw: '73610555582883', tracking: '73610555582883', recipientName: '张**', afterSales: '', tags: '', times: undefined, findings: [] });
    expect(sku2).toMatchObject({ row: 3, orderId: order(1), carrierRaw: '', carrier: '', trackingRaw: '', tracking: '' });
    expect(noId).toMatchObject({ row: 4, orderIdRaw: '', orderId: '', trackingRaw: 'sf 1385 6287 16739', tracking: 'SF1385628716739', recipientName: '李**' });
    // A skipped row keeps only what the report shows: the raw cells, not the normalized ones.
    expect(cancelled).toMatchObject({ row: 5, kind: 'not-pending', status: '已取消', carrierRaw: '中通快递', carrier: '', trackingRaw: '73104682937501', tracking: '' });
    expect(cancelled!.findings.map((f) => f.code)).toEqual(['status-not-pending']);
    expect(numberRow).toMatchObject({ orderIdRaw: order(4), orderId: order(4), carrierRaw: ' 中通快递 ', carrier: '中通快递', trackingRaw: '773277027280336', tracking: '773277027280336', carrierUnusable: false, trackingUnusable: false });
    expect(numberRow!.findings.map((f) => f.code)).toEqual(['tracking-number-cell']);
    expect(summary).toMatchObject({ row: 7, kind: 'not-an-order', orderId: '', recipientName: '', recipientKey: NO_RECIPIENT });
  });

  it('gives rows of one recipient one key, and different recipients different keys', () => {
    const keys = recordsOf(table).map((record) => record.recipientKey);
    expect(keys[0]).not.toBe(NO_RECIPIENT);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('makes a new record on every call, so changing one changes nothing stored', () => {
    const record = table.recordAt(0);
    record.tracking = 'changed';
    expect(table.recordAt(0).tracking).toBe('73610555582883');
    expect(table.recordAt(0)).not.toBe(table.recordAt(0));
  });

  it('groups an order with its later row even when another order comes between', () => {
    expect([...result.imports].map((line) => [line.orderId, line.firstRow])).toEqual([
      [order(1), 2],
      [order(5), 8],
      [order(6), 9],
    ]);
    expect([2, 3, 8, 9, 10].map((row) => result.disposition.get(row))).toEqual(['imported', 'imported', 'imported', 'imported', 'imported']);
  });

  it('finds the index of a row number, and -1 for a number no data row has', () => {
    expect([2, 6, 10].map((row) => table.indexOfRow(row))).toEqual([0, 4, 8]);
    expect([1, 11, 0, -3, 2.5, 1_048_576].map((row) => table.indexOfRow(row))).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it('refuses an index outside the table instead of reading another row', () => {
    expect(() => table.recordAt(9)).toThrow(RangeError);
    expect(() => table.rowAt(-1)).toThrow(RangeError);
    expect(() => table.kindAt(1.5)).toThrow(RangeError);
  });

  it('finds rows that came out of order (no reader gives such, but the table must not guess)', () => {
    const unordered = [rows[2]!, rows[0]!, rows[1]!];
    const view = validateRows(unordered, { registry, columns }).records;
    expect([4, 2, 3, 5].map((row) => view.indexOfRow(row))).toEqual([0, 1, 2, -1]);
  });

  it('keeps a finished result as it was when more rows are added after', () => {
    const validator = createValidator({ registry, columns });
    for (const row of rows.slice(0, 3)) validator.add(row);
    const first = validator.finish().records;
    for (const row of rows.slice(3)) validator.add(row);
    const second = validator.finish().records;
    expect(first.length).toBe(3);
    expect(first.indexOfRow(5)).toBe(-1);
    expect(recordsOf(first)).toEqual(recordsOf(table).slice(0, 3));
    expect(recordsOf(second)).toEqual(recordsOf(table));
  });

  it('reads back many rows across the store blocks, with rows skipped by the reader', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ row: 2 + i * 2, cells: rows[i % 3]!.cells }));
    const view = validateRows(many, { registry, columns }).records;
    expect(view.length).toBe(10_000);
    expect(view.rowAt(9_999)).toBe(20_000);
    expect(view.indexOfRow(8_194)).toBe(4_096);
    expect(view.indexOfRow(8_195)).toBe(-1);
    expect(view.recordAt(4_097)).toEqual({ ...table.recordAt(4_097 % 3), row: 8_196 });
  });
});
