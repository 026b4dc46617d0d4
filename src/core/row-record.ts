// One data row reduced to what the checks need. This compact record is all the
// validator keeps per row, so large files are not held in memory as sheets.

import type { ColumnMap, Field } from './columns.js';
import { readCodeCell, readReportedTextCell, readTextCell, type CellReading } from './cell-value.js';
import { finding, type FieldName, type Finding } from './finding.js';
import { normalizeId, normalizeTrackingNumber } from './normalize.js';
import { isPendingStatus, isSummaryRow } from './order-status.js';
import type { Cell, SheetRow } from './sheet.js';

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
  /** Findings about single cells of this row, found while reading it. */
  findings: Finding[];
}

function cellAt(row: SheetRow, columns: ColumnMap, field: Field): Cell | undefined {
  const index = columns.index[field];
  return index === undefined ? undefined : row.cells[index];
}

function recipientKeyOf(name: string, phone: string, address: string): string {
  if (name === '' && phone === '' && address === '') return '';
  const squash = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');
  return `${squash(name)}|${squash(phone)}|${squash(address)}`;
}

/** The error cells among the columns that decide the import (订单号, 订单状态) and those that only inform checks (收件人…). */
function errorCellFindings(sheetRow: SheetRow, columns: ColumnMap, orderId: string): Finding[] {
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

export function readRowRecord(sheetRow: SheetRow, columns: ColumnMap): RowRecord {
  const { row } = sheetRow;
  const orderIdRaw = readTextCell(cellAt(sheetRow, columns, 'orderId'));
  const orderId = normalizeId(orderIdRaw);
  // An error in the status column reads as empty, so the row is checked (and the error-cell finding rejects it).
  const status = readTextCell(cellAt(sheetRow, columns, 'status'));
  const recipientName = readTextCell(cellAt(sheetRow, columns, 'recipientName'));
  const base = {
    row,
    orderIdRaw,
    orderId,
    status,
    recipientName,
    recipientKey: recipientKeyOf(
      recipientName,
      readTextCell(cellAt(sheetRow, columns, 'recipientPhone')),
      readTextCell(cellAt(sheetRow, columns, 'recipientAddress')),
    ),
  };
  const carrierCell = cellAt(sheetRow, columns, 'carrier');
  const trackingCell = cellAt(sheetRow, columns, 'trackingNumber');
  const blank = { carrierRaw: carrierCell?.text ?? '', carrier: '', carrierUnusable: false, trackingRaw: trackingCell?.text ?? '', tracking: '', trackingUnusable: false };

  if (isSummaryRow(orderId, sheetRow.cells.map(readTextCell))) {
    return { ...base, ...blank, kind: 'summary', findings: [finding('summary-row', row)] };
  }
  if (!isPendingStatus(status)) {
    const at = { field: 'status' as const, value: status, args: { status } };
    const notPending = finding('status-not-pending', row, orderId === '' ? at : { ...at, orderId });
    return { ...base, ...blank, kind: 'not-pending', findings: [notPending] };
  }

  const owner = orderId === '' ? undefined : orderId;
  const carrier = readCodeCell(carrierCell, row, 'carrier', owner);
  const tracking = readCodeCell(trackingCell, row, 'trackingNumber', owner);
  return {
    ...base,
    kind: 'order',
    carrierRaw: carrierCell?.text ?? '',
    carrier: carrier.text,
    carrierUnusable: carrier.unusable,
    trackingRaw: trackingCell?.text ?? '',
    tracking: normalizeTrackingNumber(tracking.text),
    trackingUnusable: tracking.unusable,
    findings: [...errorCellFindings(sheetRow, columns, orderId), ...carrier.findings, ...tracking.findings],
  };
}
