// The rows of one order at a time, as records for the checks. The group and its records
// are reused from one order to the next: the checks keep nothing of them (a finding
// copies the texts it needs, the shared-number check keeps a row index), and a record
// for every row, even one that dies young, was the largest allocation of finish().

import type { OrderGroup } from './order-checks.js';
import { NO_ROW, type OrderIndex } from './order-index.js';
import { emptyRecord } from './row-record.js';
import type { RowStore } from './row-store.js';

export class OrderGroups {
  /** One group per number of rows, its records filled anew for each order of that size. */
  private readonly bySize: OrderGroup[] = [];

  constructor(
    private readonly store: RowStore,
    private readonly orders: OrderIndex,
  ) {}

  /** The order whose first row is at `first`. Valid until the next call: keep nothing of it. */
  at(first: number): OrderGroup {
    const { store, orders } = this;
    let size = 0;
    for (let index = first; index !== NO_ROW; index = orders.nextRow(index)) size += 1;
    const group = (this.bySize[size] ??= { orderId: '', rows: Array.from({ length: size }, emptyRecord) });
    let filled = 0;
    for (let index = first; index !== NO_ROW; index = orders.nextRow(index)) store.fillRecord(index, group.rows[filled++]!);
    group.orderId = group.rows[0]!.orderId;
    return group;
  }
}
