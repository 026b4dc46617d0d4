// One data row reduced to what the checks need. This compact record is all the
// validator keeps per row, so large files are not held in memory as sheets.

import type { ColumnMap, Field } from './columns.js';
import { readCodeCell, readReportedTextCell, readTextCell, type CellReading } from './cell-value.js';
import { finding, type FieldName, type Finding } from './finding.js';
import { normalizeId, normalizeTrackingNumber } from './normalize.js';
import { isPendingStatus, isSummaryRow } from './order-status.js';
import type { Cell, SheetRow } from './sheet.js';
import { isPendingAfterSales, watchedTags } from './after-sales.js';
import { cellToInstant, type ExcelDateOptions } from './excel-date.js';
import type { OrderTimes } from './shipping-time.js';

export type RowKind = 'order' | 'not-pending' | 'summary';

export interface RowRecord {
  row: number;
  kind: RowKind;
  /** 订单号 as typed, and normalized ('' when missing). */
  orderIdRaw: string;
  orderId: string;
  status: string;
  carrierRaw: string;
  /** The carrier cell as usable text ('' when empty or unusable). */
  carrier: string;
  /** The carrier cell had a value that cannot be used (error cell, formula-like…), already reported. */
  carrierUnusable: boolean;
  trackingRaw: string;
  /** Normalized number ('' when empty or unusable). */
  tracking: string;
  trackingUnusable: boolean;
  recipientName: string;
  /** Name + phone + address, normalized: equal keys mean one recipient ('' when none of them is known). */
  recipientKey: string;
  /** 售后状态 when it shows a request still open, else ''. */
  afterSales: string;
  /** The watched 订单标记 tags (缺货, 协商发货, 催发货) of the row, joined by ','; '' for none. */
  tags: string;
  /** The ship-by time columns, undefined when the sheet has none of them. */
  times: OrderTimes | undefined;
  /** Findings about single cells of this row, found while reading it. */
  findings: Finding[];
}

function cellAt(row: SheetRow, columns: ColumnMap, field: Field): Cell | undefined {
  const index = columns.index[field];
  return index === undefined ? undefined : row.cells[index];
}

// Printable ASCII and the CJK ideographs are their own NFKC form and hold no whitespace:
// most names, phones and addresses need no normalizing at all.
const PLAIN_TEXT = /^[\x21-\x7e\u4e00-\u9fff]*$/;

/** murmur3's finalizer: every input bit reaches every output bit. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const HEX = '0123456789abcdef';

/** 64 bits as 16 hex digits, made as one flat string (a concatenation would be a tree of parts). */
function hex64(high: number, low: number): string {
  const digit = (word: number, shift: number) => HEX.charCodeAt((word >>> shift) & 15);
  return String.fromCharCode(
    digit(high, 28), digit(high, 24), digit(high, 20), digit(high, 16), digit(high, 12), digit(high, 8), digit(high, 4), digit(high, 0),
    digit(low, 28), digit(low, 24), digit(low, 20), digit(low, 16), digit(low, 12), digit(low, 8), digit(low, 4), digit(low, 0),
  );
}

const squash = (text: string): string => (PLAIN_TEXT.test(text) ? text : text.normalize('NFKC').replace(/\s+/g, ''));

/**
 * The recipient as a 64-bit hash of name, phone and address (NFKC, without whitespace), in
 * hex: every record keeps one, and the three spelled out took ~130 bytes a row where this
 * takes 32 (100 MB less at a million rows). Keys are only compared between orders that share
 * a tracking number, where two different recipients collide about once in 2^64 pairs.
 */
function recipientKeyOf(name: string, phone: string, address: string): string {
  if (name === '' && phone === '' && address === '') return '';
  // Two 32-bit multiplicative lanes (FNV-1a's prime and murmur2's), fed the three parts and a separator after each.
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (const part of [squash(name), squash(phone), squash(address)]) {
    for (let i = 0; i < part.length; i++) {
      const unit = part.charCodeAt(i);
      a = Math.imul(a ^ unit, 0x01000193);
      b = Math.imul(b ^ unit, 0x5bd1e995);
    }
    a = Math.imul(a ^ 0x7c, 0x01000193);
    b = Math.imul(b ^ 0x7c, 0x5bd1e995);
  }
  return hex64(fmix32(a), fmix32(b));
}

const ERROR_CELL_FIELDS = ['orderId', 'status', 'recipientName', 'recipientPhone', 'recipientAddress'] as const;
const NO_FINDINGS = Object.freeze([]) as readonly Finding[] as Finding[];

/** The error cells among the columns that decide the import (订单号, 订单状态) and those that only inform checks (收件人…). */
function errorCellFindings(sheetRow: SheetRow, columns: ColumnMap, orderId: string): Finding[] {
  // Error cells are rare: look for one before building any reading.
  if (!ERROR_CELL_FIELDS.some((field) => cellAt(sheetRow, columns, field)?.type === 'error')) return NO_FINDINGS;
  const owner = orderId === '' ? {} : { orderId };
  const read = (field: Field & FieldName, code: 'error-cell' | 'error-cell-ignored'): CellReading =>
    readReportedTextCell(cellAt(sheetRow, columns, field), sheetRow.row, { field, code, ...owner });
  return [
    read('orderId', 'error-cell'),
    read('status', 'error-cell'),
    read('recipientName', 'error-cell-ignored'),
    read('recipientPhone', 'error-cell-ignored'),
    read('recipientAddress', 'error-cell-ignored'),
  ].flatMap((reading) => reading.findings);
}

const TIME_FIELDS = ['paidAt', 'promisedAt', 'presaleStartAt', 'presaleEndAt'] as const;

function instantAt(row: SheetRow, columns: ColumnMap, field: Field, dates: ExcelDateOptions): number {
  return cellToInstant(cellAt(row, columns, field), dates)?.getTime() ?? Number.NaN;
}

/** The time columns of the row; undefined when the sheet has none (a hand-made sheet). */
function timesOf(row: SheetRow, columns: ColumnMap, dates: ExcelDateOptions): OrderTimes | undefined {
  if (TIME_FIELDS.every((field) => columns.index[field] === undefined)) return undefined;
  return {
    presale: readTextCell(cellAt(row, columns, 'orderType')).includes('预售'),
    promisedAt: instantAt(row, columns, 'promisedAt', dates),
    presaleStartAt: instantAt(row, columns, 'presaleStartAt', dates),
    presaleEndAt: instantAt(row, columns, 'presaleEndAt', dates),
    paidAt: instantAt(row, columns, 'paidAt', dates),
  };
}

const NO_DATES: ExcelDateOptions = { date1904: false };

export function readRowRecord(sheetRow: SheetRow, columns: ColumnMap, dates: ExcelDateOptions = NO_DATES): RowRecord {
  const { row } = sheetRow;
  const orderIdRaw = readTextCell(cellAt(sheetRow, columns, 'orderId'));
  const orderId = normalizeId(orderIdRaw);
  // An error in the status column reads as empty, so the row is checked (and the error-cell finding rejects it).
  const status = readTextCell(cellAt(sheetRow, columns, 'status'));
  const recipientName = readTextCell(cellAt(sheetRow, columns, 'recipientName'));
  const recipientKey = recipientKeyOf(
    recipientName,
    readTextCell(cellAt(sheetRow, columns, 'recipientPhone')),
    readTextCell(cellAt(sheetRow, columns, 'recipientAddress')),
  );
  const carrierCell = cellAt(sheetRow, columns, 'carrier');
  const trackingCell = cellAt(sheetRow, columns, 'trackingNumber');
  const carrierRaw = carrierCell?.text ?? '';
  const trackingRaw = trackingCell?.text ?? '';

  // Rows that are not orders to ship keep only what the report shows.
  const skipped = (kind: RowKind, found: Finding): RowRecord => ({
    row, kind, orderIdRaw, orderId, status, carrierRaw, carrier: '', carrierUnusable: false, trackingRaw, tracking: '', trackingUnusable: false,
    recipientName, recipientKey, afterSales: '', tags: '', times: undefined, findings: [found],
  });
  // A 合计 row has no 订单号: only then is it worth looking at every cell.
  if (orderId === '' && isSummaryRow(orderId, sheetRow.cells.map(readTextCell))) return skipped('summary', finding('summary-row', row));
  if (!isPendingStatus(status)) {
    const at = { field: 'status' as const, value: status, args: { status } };
    return skipped('not-pending', finding('status-not-pending', row, orderId === '' ? at : { ...at, orderId }));
  }

  const owner = orderId === '' ? undefined : orderId;
  const carrier = readCodeCell(carrierCell, row, 'carrier', owner);
  const tracking = readCodeCell(trackingCell, row, 'trackingNumber', owner);
  const afterSales = readTextCell(cellAt(sheetRow, columns, 'afterSales'));
  // Written out in full, in the order of the interface: every record shares one hidden class
  // (a leading spread gives each its own, and costs ~4x the memory at a million rows).
  return {
    row,
    kind: 'order',
    orderIdRaw,
    orderId,
    status,
    carrierRaw,
    carrier: carrier.text,
    carrierUnusable: carrier.unusable,
    trackingRaw,
    tracking: normalizeTrackingNumber(tracking.text),
    trackingUnusable: tracking.unusable,
    recipientName,
    recipientKey,
    afterSales: isPendingAfterSales(afterSales) ? afterSales : '',
    tags: watchedTags(readTextCell(cellAt(sheetRow, columns, 'orderTags'))).join(','),
    times: timesOf(sheetRow, columns, dates),
    findings: [...errorCellFindings(sheetRow, columns, orderId), ...carrier.findings, ...tracking.findings],
  };
}
