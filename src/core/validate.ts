// The core of ship: rows in, findings and the import plan out. No files, no
// console, no clock. Rows are fed one at a time so a large sheet is never held
// in memory; only what the checks need of each row is kept, in the columns of a
// row store, and the orders are indexed as the rows arrive, so finish() judges
// them in one pass.

import type { CarrierRegistry } from '../carriers/registry.js';
import type { ColumnMap } from './columns.js';
import { SharedNumberIndex } from './duplicates.js';
import { appendFindings, compareFindings, finding, type Finding } from './finding.js';
import type { ExcelDateOptions } from './excel-date.js';
import { OrderChecker, type OrderGroup } from './order-checks.js';
import { checkOrderState, countTags, type OrderStateOptions } from './order-state.js';
import { ImportList, type ImportTable } from './import-table.js';
import { OrderGroups } from './order-groups.js';
import { RowOutcomes } from './row-outcomes.js';
import { RowReader } from './row-record.js';
import { RowStore } from './row-store.js';
import type { RowTable } from './row-table.js';
import type { SheetRow } from './sheet.js';

export interface ValidateOptions extends OrderStateOptions {
  registry: CarrierRegistry;
  columns: ColumnMap;
  /** How the workbook counts date serials (old Mac workbooks start in 1904). */
  dates?: ExcelDateOptions;
}

/** What happened to a row: each data row gets exactly one. */
export type Disposition = 'imported' | 'rejected' | 'skipped';

export type { ImportLine, ImportTable } from './import-table.js';

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
  /** One line per imported order, in the order their first rows appear: a table, not objects. */
  imports: ImportTable;
  /** Every finding, sorted by row, errors first within a row. */
  findings: Finding[];
  /**
   * The per-row records, in input order, which is row order: one for every data row (the
   * report's copy of the input walks them beside the rows). A table, not an array of
   * objects, and records are made on demand: find a row with indexOfRow(), not with a Map
   * of every row (~150 MB at a million rows).
   */
  records: RowTable;
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
  const store = new RowStore();
  const reader = new RowReader(options.columns, options.dates);
  return {
    add(row) {
      store.add(reader.read(row));
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

/** The rows of the group that carry an error, in row order, without repeats. */
function errorRowsOf(findings: readonly Finding[]): readonly number[] {
  let rows: Set<number> | undefined;
  for (let i = 0; i < findings.length; i++) if (findings[i]!.severity === 'error') (rows ??= new Set()).add(findings[i]!.row);
  return rows === undefined ? NO_ROWS : [...rows].sort((a, b) => a - b);
}

const NO_ROWS: readonly number[] = Object.freeze([]);

// Module-level, not written inline: an arrow in the loop would be a new function object per order.
const isWarningOrError = (found: Finding): boolean => found.severity !== 'info';

function judge(store: RowStore, options: ValidateOptions): ValidationResult {
  const { registry } = options;
  const findings: Finding[] = [];
  // Sized once: rows come in increasing order, so the last row has the highest number.
  const disposition = new RowOutcomes(store.lastRowNumber + 1);
  // Orders in the order their first row appears. A number's first order is decided by
  // that order too, so the shared-number check runs in the same pass.
  const orders = store.orderIndex();
  const shared = new SharedNumberIndex(store, orders.size);
  for (let index = 0; index < store.length; index++) {
    if (store.kindAt(index) === 'order') continue;
    appendFindings(findings, store.findingsAt(index));
    disposition.set(store.rowAt(index), 'skipped');
    // Only a shipped order's row keeps a number (row-record.ts): it is taken before any order is judged.
    shared.remember(store.trackingAt(index), index);
  }

  const imports = new ImportList(store);
  let ordersRejected = 0;
  let ordersSkipped = 0;
  const tags = new Map<string, number>();
  const carriers = new Map<string, CarrierCount>();
  const groups = new OrderGroups(store, orders);
  const checker = new OrderChecker(registry);
  for (let order = 0; order < orders.size; order++) {
    const first = orders.firstRowOf(order);
    const group = groups.at(first);
    // Refilled for every order: `own` is copied into `findings` below and kept nowhere else.
    const verdict = checker.check(group);
    const state = checkOrderState(group, options);
    countTags(group, tags);
    const own = verdict.findings;
    appendFindings(own, state.findings);
    const { tracking } = verdict;
    // The row the number is on (the first such) stands for the order in the shared-number check.
    const numberIndex = verdict.numberAt < 0 ? first : groups.storeIndexAt(verdict.numberAt);
    if (tracking !== '') {
      const reused = shared.check(group.orderId, tracking, numberIndex);
      if (reused !== undefined) own.push(reused);
    }
    const errorRows = errorRowsOf(own);
    const carrier = verdict.carrierId === undefined ? undefined : registry.get(verdict.carrierId);
    if (errorRows.length > 0 || carrier === undefined || tracking === '') {
      ordersRejected += 1;
      reject(group, errorRows, own, disposition);
    } else if (state.skip) {
      ordersSkipped += 1;
      markRows(group, 'skipped', disposition);
    } else {
      markRows(group, 'imported', disposition);
      imports.add(first, numberIndex, carrier);
    }
    appendFindings(findings, own);
    const declared = carrier?.displayName ?? verdict.carrierText;
    let count = carriers.get(declared);
    if (count === undefined) carriers.set(declared, (count = { carrier: declared, orders: 0, ok: 0, problems: 0 }));
    count.orders += 1;
    if (state.skip || errorRows.length > 0 || own.some(isWarningOrError)) count.problems += 1;
    else count.ok += 1;
  }
  store.releaseOrders();

  findings.sort(compareFindings);
  const rows: RowCounts = { total: store.length, ...disposition.tally() };
  const counts = { imported: imports.length, rejected: ordersRejected, skipped: ordersSkipped };
  const tagCounts = Object.fromEntries([...tags].sort(([a], [b]) => a.localeCompare(b)));
  return { imports: imports.view(), findings, records: store.view(), disposition, rows, orders: counts, tags: tagCounts, carriers: [...carriers.values()] };
}

// Loops over the rows of an order count by index: judge() runs once per validation, so
// much of it runs before the optimizer takes it, and there a for-of makes an iterator
// and a result object for every step.
function markRows(group: OrderGroup, outcome: Disposition, disposition: RowOutcomes): void {
  for (let i = 0; i < group.rows.length; i++) disposition.set(group.rows[i]!.row, outcome);
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
