// The core of ship: rows in, findings and the import plan out. No files, no
// console, no clock. Rows are fed one at a time so a large sheet is never held
// in memory; only a compact record per row is kept, and the orders are indexed
// as the rows arrive, so finish() judges them in one pass.

import type { CarrierRegistry } from '../carriers/registry.js';
import type { ColumnMap } from './columns.js';
import { SharedNumberIndex } from './duplicates.js';
import { compareFindings, finding, type Finding } from './finding.js';
import type { ExcelDateOptions } from './excel-date.js';
import { checkOrder, type OrderGroup } from './order-checks.js';
import { checkOrderState, countTags, type OrderStateOptions } from './order-state.js';
import { RecordStore, RowOutcomes } from './record-store.js';
import { readRowRecord, type RowRecord } from './row-record.js';
import type { SheetRow } from './sheet.js';

export interface ValidateOptions extends OrderStateOptions {
  registry: CarrierRegistry;
  columns: ColumnMap;
  /** How the workbook counts date serials (old Mac workbooks start in 1904). */
  dates?: ExcelDateOptions;
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

/** Rows and what happened to them: `get(row)`, `size`, and [row, outcome] pairs in row order. */
export interface RowDispositions extends Iterable<[number, Disposition]> {
  readonly size: number;
  get(row: number): Disposition | undefined;
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
  /** The per-row records, in input order: one for every data row (the report's copy of the input walks them beside the rows). */
  records: RowRecord[];
  /** What happened to each row, by row number. */
  disposition: RowDispositions;
  rows: RowCounts;
  orders: { imported: number; rejected: number; skipped: number };
  /** Orders per watched 订单标记 tag (缺货, 协商发货, 催发货). */
  tags: Record<string, number>;
  /** Orders per declared carrier, in order of first appearance. */
  carriers: CarrierCount[];
}

export interface CarrierCount {
  /** The platform name of a known carrier, the text as typed for an unknown one, '' when none was given. */
  carrier: string;
  orders: number;
  /** Imported without any warning. */
  ok: number;
  /** Imported with warnings, rejected, or skipped with a note. */
  problems: number;
}

export interface Validator {
  add(row: SheetRow): void;
  finish(): ValidationResult;
}

export function createValidator(options: ValidateOptions): Validator {
  const store = new RecordStore();
  return {
    add(row) {
      store.add(readRowRecord(row, options.columns, options.dates));
    },
    finish() {
      return judge(store, options);
    },
  };
}

export function validateRows(rows: Iterable<SheetRow>, options: ValidateOptions): ValidationResult {
  const validator = createValidator(options);
  for (const row of rows) validator.add(row);
  return validator.finish();
}

/** The row the order's number is on (the first such), which stands for the order in the shared-number check. */
function recordWithNumber(rows: readonly RowRecord[], tracking: string): RowRecord {
  for (const record of rows) if (record.tracking === tracking) return record;
  return rows[0]!;
}

/** The rows of the group that carry an error, in row order, without repeats. */
function errorRowsOf(findings: readonly Finding[]): readonly number[] {
  let rows: Set<number> | undefined;
  for (const found of findings) if (found.severity === 'error') (rows ??= new Set()).add(found.row);
  return rows === undefined ? NO_ROWS : [...rows].sort((a, b) => a - b);
}

const NO_ROWS: readonly number[] = Object.freeze([]);

function judge(store: RecordStore, options: ValidateOptions): ValidationResult {
  const { registry } = options;
  const { records } = store;
  const findings: Finding[] = [];
  const disposition = new RowOutcomes();
  for (const record of records) {
    if (record.kind === 'order') continue;
    for (const found of record.findings) findings.push(found);
    disposition.set(record.row, 'skipped');
  }

  // Orders in the order their first row appears. A number's first order is decided by
  // that order too, so the shared-number check runs in the same pass.
  const shared = new SharedNumberIndex();
  const imports: ImportLine[] = [];
  let ordersRejected = 0;
  let ordersSkipped = 0;
  const tags = new Map<string, number>();
  const carriers = new Map<string, CarrierCount>();
  store.forEachOrder((group) => {
    const verdict = checkOrder(group, registry);
    const state = checkOrderState(group, options);
    countTags(group, tags);
    const own = verdict.findings;
    for (const found of state.findings) own.push(found);
    const { tracking } = verdict;
    if (tracking !== '') {
      const record = recordWithNumber(group.rows, tracking);
      const reused = shared.check(group.orderId, tracking, record);
      if (reused !== undefined) own.push(reused);
    }
    const errorRows = errorRowsOf(own);
    const carrier = verdict.carrierId === undefined ? undefined : registry.get(verdict.carrierId);
    if (errorRows.length > 0 || carrier === undefined || tracking === '') {
      ordersRejected += 1;
      reject(group, errorRows, own, disposition);
    } else if (state.skip) {
      ordersSkipped += 1;
      for (const record of group.rows) disposition.set(record.row, 'skipped');
    } else {
      for (const record of group.rows) disposition.set(record.row, 'imported');
      // map() sizes the array exactly; one grown by push() keeps room for 17 numbers (150 bytes an order).
      const rows = group.rows.map((record) => record.row);
      imports.push({ orderId: group.orderId, carrierId: carrier.id, carrierName: carrier.displayName, trackingNumber: tracking, rows });
    }
    for (const found of own) findings.push(found);
    const declared = carrier?.displayName ?? group.rows.find((record) => record.carrier !== '')?.carrier ?? '';
    const count = carriers.get(declared) ?? { carrier: declared, orders: 0, ok: 0, problems: 0 };
    count.orders += 1;
    if (state.skip || errorRows.length > 0 || own.some((found) => found.severity !== 'info')) count.problems += 1;
    else count.ok += 1;
    carriers.set(declared, count);
  });

  findings.sort(compareFindings);
  const rows: RowCounts = { total: records.length, ...disposition.tally() };
  const orders = { imported: imports.length, rejected: ordersRejected, skipped: ordersSkipped };
  const tagCounts = Object.fromEntries([...tags].sort(([a], [b]) => a.localeCompare(b)));
  return { imports, findings, records, disposition, rows, orders, tags: tagCounts, carriers: [...carriers.values()] };
}

/** Every row of a rejected order is rejected; a row without its own error says which rows failed. */
function reject(group: OrderGroup, errorRows: readonly number[], own: Finding[], disposition: RowOutcomes): void {
  const failed = new Set(errorRows);
  for (const record of group.rows) {
    if (!failed.has(record.row)) {
      own.push(finding('order-rejected-with-sibling', record.row, { orderId: group.orderId === '' ? undefined : group.orderId, args: { rows: errorRows.join('、') } }));
    }
    disposition.set(record.row, 'rejected');
  }
}
