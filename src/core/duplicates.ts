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

/** Findings on every order after the first that carries an already used number. */
export function checkSharedNumbers(orders: readonly NumberedOrder[]): Finding[] {
  const firstByNumber = new Map<string, NumberedOrder>();
  const findings: Finding[] = [];
  for (const order of orders) {
    if (order.tracking === '') continue;
    const first = firstByNumber.get(order.tracking);
    if (first === undefined) {
      firstByNumber.set(order.tracking, order);
      continue;
    }
    const sameRecipient = order.record.recipientKey !== '' && order.record.recipientKey === first.record.recipientKey;
    const args = { firstRow: first.record.row, firstOrderId: first.orderId, recipientKnown: order.record.recipientKey === '' ? 0 : 1 };
    findings.push(
      finding(sameRecipient ? 'merged-shipment' : 'duplicate-tracking-number', order.record.row, {
        ...(order.orderId === '' ? {} : { orderId: order.orderId }),
        field: 'trackingNumber',
        value: order.tracking,
        args,
      }),
    );
  }
  return findings;
}
