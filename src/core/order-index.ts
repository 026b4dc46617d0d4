// Which rows make up each order, found as the rows arrive. The rows of an order are a
// linked list (each row points at the order's next row) and the orders are a list of
// their first rows, in the order they first appear: no array and no object per order.
// Most orders have one row, and a million small arrays alive until finish() cost more
// to collect than the checks cost to run.

import { Int32Blocks } from './row-blocks.js';
import { TextIndex } from './text-index.js';

/** The end of an order's list of rows. */
export const NO_ROW = -1;

export class OrderIndex {
  /** By row index: the next row of the same order, NO_ROW after its last. */
  private readonly next = new Int32Blocks();
  /** The first row of every order, in the order the orders first appear. */
  private readonly firsts = new Int32Blocks();
  private orders = 0;
  /** The last row so far of each order by 订单号, where its next row is linked on. */
  private readonly lastByOrder: TextIndex;

  /** `orderIdAt(index)` is the 订单号 of the row at `index`, as added. */
  constructor(orderIdAt: (index: number) => string) {
    this.lastByOrder = new TextIndex(orderIdAt);
  }

  /** How many orders there are. */
  get size(): number {
    return this.orders;
  }

  /**
   * Adds the row at `index` (added in increasing order) to the order `orderId`; a row
   * without one ('') is an order of its own.
   */
  add(index: number, orderId: string): void {
    this.next.set(index, NO_ROW);
    const last = orderId === '' ? NO_ROW : this.lastByOrder.replace(orderId, index);
    if (last === NO_ROW) this.firsts.set(this.orders++, index);
    else this.next.set(last, index);
  }

  /** The first row of the n-th order. */
  firstRowOf(order: number): number {
    return this.firsts.at(order);
  }

  /** The row after `index` in its order, or NO_ROW. */
  nextRow(index: number): number {
    return this.next.at(index);
  }
}
