// What the state of an order means for shipping it today: how close its ship-by
// time is, and whether an after-sales request is waiting. These never reject an
// order; with --skip-after-sales an order with an open request is left out.

import { finding, type Finding } from './finding.js';
import type { OrderGroup } from './order-checks.js';
import type { RowRecord } from './row-record.js';
import { checkShippingTime, type ShippingTimeOptions } from './shipping-time.js';

export interface OrderStateOptions {
  /** Deadline checks run only when a time to judge against is given (--now, or the CLI's clock). */
  timing?: ShippingTimeOptions;
  /** Keep orders with an open after-sales request out of the import sheet. */
  skipAfterSales?: boolean;
}

export interface OrderState {
  findings: Finding[];
  /** Leave the order out of the import sheet (counted as skipped, not rejected). */
  skip: boolean;
}

// Module-level, not written inline: an arrow in the function would be a new function object per order.
const hasTimes = (record: RowRecord): boolean => record.times !== undefined;
const hasAfterSales = (record: RowRecord): boolean => record.afterSales !== '';

const NOTHING: OrderState = Object.freeze({ findings: [], skip: false }) as OrderState;

export function checkOrderState(group: OrderGroup, options: OrderStateOptions): OrderState {
  const head = group.rows[0];
  if (head === undefined) return NOTHING;
  let findings: Finding[] | undefined;
  // The order's times are the same on each of its rows: judged once, on its first row.
  const timed = options.timing === undefined ? undefined : group.rows.find(hasTimes);
  if (timed?.times !== undefined && options.timing !== undefined) {
    const timing = checkShippingTime(timed.times, options.timing, head.row, group.orderId);
    if (timing.length > 0) findings = timing;
  }
  const requested = group.rows.find(hasAfterSales);
  if (requested !== undefined) {
    const code = options.skipAfterSales === true ? 'after-sales-skipped' : 'after-sales-pending';
    const at = { field: 'afterSales' as const, value: requested.afterSales, args: { status: requested.afterSales } };
    (findings ??= []).push(finding(code, requested.row, group.orderId === '' ? at : { ...at, orderId: group.orderId }));
  }
  if (findings === undefined) return NOTHING;
  return { findings, skip: requested !== undefined && options.skipAfterSales === true };
}

/** How many orders carry each watched 订单标记 tag. */
export function countTags(group: OrderGroup, counts: Map<string, number>): void {
  let seen: Set<string> | undefined;
  // By index, not for-of: no iterator objects for the orders without tags.
  for (let i = 0; i < group.rows.length; i++) {
    const record = group.rows[i]!;
    if (record.tags === '') continue;
    seen ??= new Set();
    for (const tag of record.tags.split(',')) seen.add(tag);
  }
  // Most orders carry no tag: then no set is built (this runs once per order).
  if (seen === undefined) return;
  for (const tag of seen) counts.set(tag, (counts.get(tag) ?? 0) + 1);
}
