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
 * time as they are judged. Only the first order of each number is kept, as its record
 * alone when the order id is the record's own (no object per order on a large file).
 */
export class SharedNumberIndex {
  private readonly firstByNumber = new Map<string, RowRecord | NumberedOrder>();

  /** The finding for an order whose number an earlier order already used, else undefined. */
  check(orderId: string, tracking: string, record: RowRecord): Finding | undefined {
    if (tracking === '') return undefined;
    const first = this.firstByNumber.get(tracking);
    if (first === undefined) {
      this.firstByNumber.set(tracking, orderId === record.orderId ? record : { orderId, tracking, record });
      return undefined;
    }
    const firstRecord = 'record' in first ? first.record : first;
    const sameRecipient = record.recipientKey !== '' && record.recipientKey === firstRecord.recipientKey;
    const args = { firstRow: firstRecord.row, firstOrderId: first.orderId, recipientKnown: record.recipientKey === '' ? 0 : 1 };
    return finding(sameRecipient ? 'merged-shipment' : 'duplicate-tracking-number', record.row, {
      orderId: orderId === '' ? undefined : orderId,
      field: 'trackingNumber',
      value: tracking,
      args,
    });
  }
}

/** Findings on every order after the first that carries an already used number. */
export function checkSharedNumbers(orders: readonly NumberedOrder[]): Finding[] {
  const index = new SharedNumberIndex();
  const findings: Finding[] = [];
  for (const order of orders) {
    const found = index.check(order.orderId, order.tracking, order.record);
    if (found !== undefined) findings.push(found);
  }
  return findings;
}
