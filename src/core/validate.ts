// The core of ship: rows in, findings and the import plan out. No files, no
// console, no clock. Rows are fed one at a time so a large sheet is never held
// in memory; only a compact record per row is kept for the cross-row checks.

import type { CarrierRegistry } from '../carriers/registry.js';
import type { ColumnMap } from './columns.js';
import { checkSharedNumbers, type NumberedOrder } from './duplicates.js';
import { compareFindings, finding, type Finding } from './finding.js';
import { checkOrder, type OrderGroup } from './order-checks.js';
import { readRowRecord, type RowRecord } from './row-record.js';
import type { SheetRow } from './sheet.js';

export interface ValidateOptions {
  registry: CarrierRegistry;
  columns: ColumnMap;
}

/** What happened to a row: each data row gets exactly one. */
export type Disposition = 'imported' | 'rejected' | 'skipped';

/** One line of the import sheet: one order. */
export interface ImportLine {
  orderId: string;
  carrierId: string;
  carrierName: string;
  trackingNumber: string;
  /** The rows of the input this order came from. */
  rows: number[];
}

export interface RowCounts {
  total: number;
  imported: number;
  rejected: number;
  skipped: number;
}

export interface ValidationResult {
  imports: ImportLine[];
  /** Every finding, sorted by row, errors first within a row. */
  findings: Finding[];
  /** The per-row records, in input order, with what happened to each. */
  records: RowRecord[];
  disposition: Map<number, Disposition>;
  rows: RowCounts;
  orders: { imported: number; rejected: number };
}

export interface Validator {
  add(row: SheetRow): void;
  finish(): ValidationResult;
}

export function createValidator(options: ValidateOptions): Validator {
  const records: RowRecord[] = [];
  return {
    add(row) {
      records.push(readRowRecord(row, options.columns));
    },
    finish() {
      return judge(records, options.registry);
    },
  };
}

export function validateRows(rows: Iterable<SheetRow>, options: ValidateOptions): ValidationResult {
  const validator = createValidator(options);
  for (const row of rows) validator.add(row);
  return validator.finish();
}

function groupOrders(records: readonly RowRecord[]): OrderGroup[] {
  const groups = new Map<string, OrderGroup>();
  for (const record of records) {
    if (record.kind !== 'order') continue;
    // A row without 订单号 cannot be matched to others: it stands alone.
    const key = record.orderId === '' ? `#${record.row}` : record.orderId;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { orderId: record.orderId, rows: [record] });
    else group.rows.push(record);
  }
  return [...groups.values()];
}

function judge(records: RowRecord[], registry: CarrierRegistry): ValidationResult {
  const findings: Finding[] = [];
  const disposition = new Map<number, Disposition>();
  for (const record of records) {
    if (record.kind !== 'order') {
      findings.push(...record.findings);
      disposition.set(record.row, 'skipped');
    }
  }

  const groups = groupOrders(records);
  const verdicts = groups.map((group) => checkOrder(group, registry));
  const numbered: NumberedOrder[] = [];
  groups.forEach((group, i) => {
    const tracking = verdicts[i]?.tracking ?? '';
    const record = group.rows.find((r) => r.tracking === tracking) ?? group.rows[0];
    if (tracking !== '' && record !== undefined) numbered.push({ orderId: group.orderId, tracking, record });
  });
  const sharedByRow = new Map<number, Finding[]>();
  for (const shared of checkSharedNumbers(numbered)) sharedByRow.set(shared.row, [...(sharedByRow.get(shared.row) ?? []), shared]);

  const imports: ImportLine[] = [];
  let ordersRejected = 0;
  groups.forEach((group, i) => {
    const verdict = verdicts[i];
    if (verdict === undefined) return;
    const own = [...verdict.findings, ...group.rows.flatMap((r) => sharedByRow.get(r.row) ?? [])];
    const errorRows = [...new Set(own.filter((f) => f.severity === 'error').map((f) => f.row))].sort((a, b) => a - b);
    const carrier = verdict.carrierId === undefined ? undefined : registry.get(verdict.carrierId);
    const rejected = errorRows.length > 0 || carrier === undefined || verdict.tracking === '';
    if (rejected) {
      ordersRejected += 1;
      for (const record of group.rows) {
        if (!errorRows.includes(record.row)) {
          own.push(finding('order-rejected-with-sibling', record.row, { ...(group.orderId === '' ? {} : { orderId: group.orderId }), args: { rows: errorRows.join('、') } }));
        }
        disposition.set(record.row, 'rejected');
      }
    } else {
      for (const record of group.rows) disposition.set(record.row, 'imported');
      imports.push({ orderId: group.orderId, carrierId: carrier.id, carrierName: carrier.displayName, trackingNumber: verdict.tracking, rows: group.rows.map((r) => r.row) });
    }
    findings.push(...own);
  });

  findings.sort(compareFindings);
  const rows: RowCounts = { total: records.length, imported: 0, rejected: 0, skipped: 0 };
  for (const value of disposition.values()) rows[value] += 1;
  return { imports, findings, records, disposition, rows, orders: { imported: imports.length, rejected: ordersRejected } };
}
