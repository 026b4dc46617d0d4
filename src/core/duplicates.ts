// One tracking number on several orders. The platform accepts it for a merged
// shipment (合并发货: one parcel, one recipient) and rejects it otherwise: a
// parcel cannot reach two addresses (research/xhs-platform.md §4.3).

import { finding, type Finding } from './finding.js';
import type { RowRecord } from './row-record.js';

export interface NumberedOrder {
  orderId: string;
  tracking: string;
  /** The row the number is on, and the recipient of the order. */
  record: RowRecord;
}

/**
 * Remembers the first order of every number, so that orders can be checked one at a
 * time as they are judged: only the first order of each number is kept.
 */
export class SharedNumberIndex {
  private readonly firstByNumber = new Map<string, NumberedOrder>();

  /** The finding for an order whose number an earlier order already used, else undefined. */
  check(order: NumberedOrder): Finding | undefined {
    if (order.tracking === '') return undefined;
    const first = this.firstByNumber.get(order.tracking);
    if (first === undefined) {
      this.firstByNumber.set(order.tracking, order);
      return undefined;
    }
    const sameRecipient = order.record.recipientKey !== '' && order.record.recipientKey === first.record.recipientKey;
    const args = { firstRow: first.record.row, firstOrderId: first.orderId, recipientKnown: order.record.recipientKey === '' ? 0 : 1 };
    return finding(sameRecipient ? 'merged-shipment' : 'duplicate-tracking-number', order.record.row, {
      orderId: order.orderId === '' ? undefined : order.orderId,
      field: 'trackingNumber',
      value: order.tracking,
      args,
    });
  }
}

/** Findings on every order after the first that carries an already used number. */
export function checkSharedNumbers(orders: readonly NumberedOrder[]): Finding[] {
  const index = new SharedNumberIndex();
  const findings: Finding[] = [];
  for (const order of orders) {
    const found = index.check(order);
    if (found !== undefined) findings.push(found);
  }
  return findings;
}
