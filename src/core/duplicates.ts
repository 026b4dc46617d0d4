// One tracking number on several orders. The platform accepts it for a merged
// shipment (合并发货: one parcel, one recipient) and rejects it otherwise: a
// parcel cannot reach two addresses (research/xhs-platform.md §4.3).

import { finding, type Finding } from './finding.js';
import { NO_RECIPIENT } from './recipient-key.js';
import type { RowKind } from './row-record.js';
import { TextIndex } from './text-index.js';

/** What the index needs to know of a row, by its index in the row store. */
export interface NumberedRows {
  rowAt(index: number): number;
  /** The normalized 快递单号 of the row. */
  trackingAt(index: number): string;
  orderIdAt(index: number): string;
  recipientKeyAt(index: number): number;
  kindAt(index: number): RowKind;
  statusAt(index: number): string;
}

/**
 * Remembers the first order of every number, so that orders can be checked one at a
 * time as they are judged. Only the index of the row with the number is kept, in a
 * table of integers: the row store answers the rest when a number comes again.
 */
export class SharedNumberIndex {
  private readonly firstByNumber: TextIndex;
  /**
   * For a number two shipped orders share, the row of the second, by the row of the first:
   * an order whose own shipped part used the number first must still meet the other one.
   * Rare, so a Map.
   */
  private readonly nextShippedOrder = new Map<number, number>();

  /** `expected`: how many numbers will come, about (one per order, and the shipped rows'). */
  constructor(
    private readonly rows: NumberedRows,
    expected = 0,
  ) {
    this.firstByNumber = new TextIndex((index) => rows.trackingAt(index), expected);
  }

  /**
   * Takes the number of a shipped order's row (one the sheet skips) as used before any
   * order is checked: an order to ship that reuses it gets the finding, wherever it is.
   */
  remember(tracking: string, index: number): void {
    if (tracking === '') return;
    const first = this.firstByNumber.addIfNew(tracking, index);
    if (first >= 0 && !this.nextShippedOrder.has(first) && this.rows.orderIdAt(first) !== this.rows.orderIdAt(index)) this.nextShippedOrder.set(first, index);
  }

  /**
   * The finding for the order `orderId` whose number `tracking` (the one on the row at
   * `index`) an earlier order, or a shipped one, already used; else undefined.
   */
  check(orderId: string, tracking: string, index: number): Finding | undefined {
    if (tracking === '') return undefined;
    let first = this.firstByNumber.addIfNew(tracking, index);
    if (first < 0) return undefined;
    const { rows } = this;
    // The shipped part of this very order (a split shipment) is not another order; another
    // shipped order with the number still is.
    if (orderId !== '' && rows.orderIdAt(first) === orderId) {
      const other = this.nextShippedOrder.get(first);
      if (other === undefined) return undefined;
      first = other;
    }
    const recipient = rows.recipientKeyAt(index);
    const sameRecipient = recipient !== NO_RECIPIENT && recipient === rows.recipientKeyAt(first);
    const args: Record<string, string | number> = { firstRow: rows.rowAt(first), firstOrderId: rows.orderIdAt(first), recipientKnown: recipient === NO_RECIPIENT ? 0 : 1 };
    // Only a shipped order's row is remembered among the rows that are not orders to ship.
    if (rows.kindAt(first) === 'not-pending') args.firstStatus = rows.statusAt(first);
    return finding(sameRecipient ? 'merged-shipment' : 'duplicate-tracking-number', rows.rowAt(index), {
      orderId: orderId === '' ? undefined : orderId,
      field: 'trackingNumber',
      value: tracking,
      args,
    });
  }
}
