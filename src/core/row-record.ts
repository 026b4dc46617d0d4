// One data row reduced to what the checks need. The row store keeps these values
// column by column (row-store.ts), so large files are not held in memory as sheets,
// nor as one object per row; a RowRecord is made from the store when it is needed.

import type { ColumnMap, Field } from './columns.js';
import { isErrorCell, plainCodeText, readCodeCell, readReportedTextCell, readTextCell } from './cell-value.js';
import { finding, type FieldName, type Finding } from './finding.js';
import { normalizeId, normalizeTrackingNumber, withoutInvisible } from './normalize.js';
import { isPendingStatus, isShippedStatus, isSummaryLabel } from './order-status.js';
import type { Cell, SheetRow } from './sheet.js';
import { isPendingAfterSales, watchedTagText } from './after-sales.js';
import { cellToTime, type ExcelDateOptions } from './excel-date.js';
import { NO_RECIPIENT, recipientKeyOf } from './recipient-key.js';
import type { OrderTimes } from './shipping-time.js';

/**
 * order: an order to ship; not-pending: an order in another state (shipped, cancelled…);
 * not-an-order: a 合计 row, a row of spaces, the header pasted in again.
 */
export type RowKind = 'order' | 'not-pending' | 'not-an-order';

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
  /**
   * Name + phone + address, normalized and hashed to a number (recipient-key.ts): equal keys
   * mean one recipient; NO_RECIPIENT (0) when none of them is known.
   */
  recipientKey: number;
  /** 售后状态 when it shows a request still open, else ''. */
  afterSales: string;
  /** The watched 订单标记 tags (缺货, 协商发货, 催发货) of the row, joined by ','; '' for none. */
  tags: string;
  /** The ship-by time columns, undefined when the sheet has none of them. */
  times: OrderTimes | undefined;
  /** Findings about single cells of this row, found while reading it. */
  findings: Finding[];
}

/** The shared list of a record without findings; frozen, so no check can add to it by mistake. */
export const NO_FINDINGS = Object.freeze([]) as readonly Finding[] as Finding[];

/** A record to be filled in. Every key is written here, in the order of the interface, so all records share one shape. */
export function emptyRecord(): RowRecord {
  return {
    row: 0, kind: 'order', orderIdRaw: '', orderId: '', status: '', carrierRaw: '', carrier: '', carrierUnusable: false,
    trackingRaw: '', tracking: '', trackingUnusable: false, recipientName: '', recipientKey: NO_RECIPIENT, afterSales: '', tags: '',
    times: undefined, findings: NO_FINDINGS,
  };
}

// The columns that decide the import (订单号, 订单状态) and those that only inform checks (收件人…).
const ERROR_CELL_FIELDS = [
  ['orderId', 'error-cell'],
  ['status', 'error-cell'],
  ['recipientName', 'error-cell-ignored'],
  ['recipientPhone', 'error-cell-ignored'],
  ['recipientAddress', 'error-cell-ignored'],
] as const satisfies readonly (readonly [Field & FieldName, 'error-cell' | 'error-cell-ignored'])[];

const TIME_FIELDS = ['paidAt', 'promisedAt', 'presaleStartAt', 'presaleEndAt'] as const;

/**
 * Shorter than any real order id (千帆's P-numbers have 19 characters, Douyin's 19 digits,
 * Pinduoduo's 18 characters): only a row whose 订单号 is shorter can be a 合计 row or a
 * header, and only those rows are looked at cell by cell.
 */
const SHORTEST_ORDER_ID = 12;

const NO_DATES: ExcelDateOptions = { date1904: false };

/** The cell at a column index, -1 standing for a column the sheet does not have. */
function cellIn(cells: readonly (Cell | undefined)[], column: number): Cell | undefined {
  return column < 0 ? undefined : cells[column];
}

/**
 * The number a shipped row's parcel left with, as the checks compare numbers ('' when the
 * cell has none that can be used). A number cell counts too: Excel stores them that way.
 */
function usedNumberOf(cell: Cell | undefined, row: number): string {
  // An unusable cell reads as '' (readCodeCell).
  return normalizeTrackingNumber(plainCodeText(cell, 'trackingNumber') ?? readCodeCell(cell, row, 'trackingNumber').text);
}

/** Findings of the row so far followed by `more`, copying only when both have some. */
function joined(findings: Finding[], more: Finding[]): Finding[] {
  if (more.length === 0) return findings;
  return findings.length === 0 ? more : [...findings, ...more];
}

/**
 * Reads rows of one sheet into records. The column positions are looked up once, not once
 * per cell, and read() fills the same record every time: the store copies its values into
 * its columns at once, so reading a row allocates nothing unless the row has findings.
 */
export class RowReader {
  private readonly orderIdColumn: number;
  private readonly statusColumn: number;
  private readonly carrierColumn: number;
  private readonly trackingColumn: number;
  private readonly nameColumn: number;
  private readonly phoneColumn: number;
  private readonly addressColumn: number;
  private readonly afterSalesColumn: number;
  private readonly tagsColumn: number;
  private readonly orderTypeColumn: number;
  private readonly timeColumns: readonly number[];
  /** The header texts of 订单号, 快递公司 and 快递单号, to know the header when it comes again. */
  private readonly orderIdHeader: string;
  private readonly carrierHeader: string;
  private readonly trackingHeader: string;
  private readonly addedByReport: number;
  /** The columns of ERROR_CELL_FIELDS, in its order. */
  private readonly errorColumns: readonly number[];
  /** The sheet has at least one time column: then every order row has times (NaN where empty). */
  private readonly timed: boolean;
  private readonly record = emptyRecord();
  private readonly times: OrderTimes = { presale: false, promisedAt: Number.NaN, presaleStartAt: Number.NaN, presaleEndAt: Number.NaN, paidAt: Number.NaN };

  constructor(
    columns: ColumnMap,
    private readonly dates: ExcelDateOptions = NO_DATES,
  ) {
    const at = (field: Field): number => columns.index[field] ?? -1;
    this.orderIdColumn = at('orderId');
    this.statusColumn = at('status');
    this.carrierColumn = at('carrier');
    this.trackingColumn = at('trackingNumber');
    this.nameColumn = at('recipientName');
    this.phoneColumn = at('recipientPhone');
    this.addressColumn = at('recipientAddress');
    this.afterSalesColumn = at('afterSales');
    this.tagsColumn = at('orderTags');
    this.orderTypeColumn = at('orderType');
    this.timeColumns = TIME_FIELDS.map(at);
    this.orderIdHeader = columns.header.orderId ?? '';
    this.carrierHeader = columns.header.carrier ?? '';
    this.trackingHeader = columns.header.trackingNumber ?? '';
    this.addedByReport = columns.addedByReport ?? 0;
    this.errorColumns = ERROR_CELL_FIELDS.map(([field]) => at(field));
    this.timed = this.timeColumns.some((column) => column >= 0);
  }

  /** The record of `sheetRow`, valid until the next call: the same object is filled every time. */
  read(sheetRow: SheetRow): RowRecord {
    const { row, cells } = sheetRow;
    const record = this.record;
    const orderIdRaw = readTextCell(cellIn(cells, this.orderIdColumn));
    const orderId = normalizeId(orderIdRaw);
    // An error in the status column reads as empty, so the row is checked (and the error-cell finding rejects it).
    const status = readTextCell(cellIn(cells, this.statusColumn));
    const recipientName = readTextCell(cellIn(cells, this.nameColumn));
    const carrierCell = cellIn(cells, this.carrierColumn);
    const trackingCell = cellIn(cells, this.trackingColumn);
    record.row = row;
    record.orderIdRaw = orderIdRaw;
    record.orderId = orderId;
    record.status = status;
    record.carrierRaw = carrierCell?.text ?? '';
    record.trackingRaw = trackingCell?.text ?? '';
    record.recipientName = recipientName;
    record.recipientKey = recipientKeyOf(recipientName, readTextCell(cellIn(cells, this.phoneColumn)), readTextCell(cellIn(cells, this.addressColumn)));

    // Only a row without a real 订单号 can be something other than an order: the common
    // row pays one length test for this.
    if (orderId.length < SHORTEST_ORDER_ID) {
      const found = this.notAnOrder(sheetRow, orderIdRaw, orderId);
      if (found !== undefined) return this.skipped('not-an-order', found);
    }
    if (!isPendingStatus(status)) {
      const at = { field: 'status' as const, value: status, args: { status } };
      const skipped = this.skipped('not-pending', finding('status-not-pending', row, orderId === '' ? at : { ...at, orderId }));
      // A shipped order's number is taken: another order of the sheet must not reuse it
      // for another buyer (validate.ts checks it like a number on two pending orders).
      if (isShippedStatus(status)) skipped.tracking = usedNumberOf(trackingCell, row);
      return skipped;
    }

    record.kind = 'order';
    let findings = this.errorCellFindings(sheetRow, orderId);
    const owner = orderId === '' ? undefined : orderId;
    const carrier = plainCodeText(carrierCell, 'carrier');
    if (carrier !== undefined) {
      record.carrier = carrier;
      record.carrierUnusable = false;
    } else {
      const reading = readCodeCell(carrierCell, row, 'carrier', owner);
      record.carrier = reading.text;
      record.carrierUnusable = reading.unusable;
      findings = joined(findings, reading.findings);
    }
    const tracking = plainCodeText(trackingCell, 'trackingNumber');
    if (tracking !== undefined) {
      record.tracking = normalizeTrackingNumber(tracking);
      record.trackingUnusable = false;
    } else {
      const reading = readCodeCell(trackingCell, row, 'trackingNumber', owner);
      record.tracking = normalizeTrackingNumber(reading.text);
      record.trackingUnusable = reading.unusable;
      findings = joined(findings, reading.findings);
    }
    const afterSales = readTextCell(cellIn(cells, this.afterSalesColumn));
    record.afterSales = afterSales !== '' && isPendingAfterSales(afterSales) ? afterSales : '';
    record.tags = watchedTagText(readTextCell(cellIn(cells, this.tagsColumn)));
    record.times = this.timed ? this.timesOf(cells) : undefined;
    record.findings = findings;
    return record;
  }

  /** The finding of a row that is no order at all (a 合计 row, a row of spaces, the header again), else undefined. */
  private notAnOrder(sheetRow: SheetRow, orderIdRaw: string, orderId: string): Finding | undefined {
    const { row, cells } = sheetRow;
    // Two exports pasted one under the other: the second one's header is no order.
    if (orderIdRaw !== '' && orderIdRaw === this.orderIdHeader) {
      const carrierText = readTextCell(cellIn(cells, this.carrierColumn));
      const trackingText = readTextCell(cellIn(cells, this.trackingColumn));
      if (carrierText === this.carrierHeader || trackingText === this.trackingHeader) return finding('repeated-header', row);
    }
    // The export's trailing 合计 row: no 订单号, or the label itself there, and a cell saying it is a total.
    if ((orderId === '' || isSummaryLabel(orderId)) && cells.some((cell) => isSummaryLabel(readTextCell(cell)))) return finding('summary-row', row);
    if (orderId === '' && this.isBlank(cells)) return finding('blank-row', row);
    return undefined;
  }

  /**
   * Nothing in the row shows (error cells such as #N/A are content). The columns an earlier
   * report added are left out: checking a report again must judge its rows as the first run did.
   */
  private isBlank(cells: readonly (Cell | undefined)[]): boolean {
    for (let column = this.addedByReport; column < cells.length; column++) {
      const cell = cells[column];
      if (cell !== undefined && withoutInvisible(cell.text).trim() !== '') return false;
    }
    return true;
  }

  /** Rows that are not orders to ship keep only what the report shows. */
  private skipped(kind: RowKind, found: Finding): RowRecord {
    const record = this.record;
    record.kind = kind;
    record.carrier = '';
    record.carrierUnusable = false;
    record.tracking = '';
    record.trackingUnusable = false;
    record.afterSales = '';
    record.tags = '';
    record.times = undefined;
    record.findings = [found];
    return record;
  }

  /** The error cells among the columns ship reads; error cells are rare, so first look whether there is one. */
  private errorCellFindings(sheetRow: SheetRow, orderId: string): Finding[] {
    const { row, cells } = sheetRow;
    const columns = this.errorColumns;
    let any = false;
    for (let i = 0; i < columns.length && !any; i++) if (isErrorCell(cellIn(cells, columns[i]!))) any = true;
    if (!any) return NO_FINDINGS;
    const owner = orderId === '' ? {} : { orderId };
    return ERROR_CELL_FIELDS.flatMap(([field, code], i) => readReportedTextCell(cellIn(cells, columns[i]!), row, { field, code, ...owner }).findings);
  }

  /** The row's time columns, in the one times object the record carries (the store copies the numbers). */
  private timesOf(cells: readonly (Cell | undefined)[]): OrderTimes {
    const { times, timeColumns, dates } = this;
    times.presale = readTextCell(cellIn(cells, this.orderTypeColumn)).includes('预售');
    times.paidAt = cellToTime(cellIn(cells, timeColumns[0]!), dates);
    times.promisedAt = cellToTime(cellIn(cells, timeColumns[1]!), dates);
    times.presaleStartAt = cellToTime(cellIn(cells, timeColumns[2]!), dates);
    times.presaleEndAt = cellToTime(cellIn(cells, timeColumns[3]!), dates);
    return times;
  }
}
