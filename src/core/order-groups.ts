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
  /** The store index of each record of the group `at` returned last. */
  private indexes: number[] = [];
  private readonly indexesBySize: number[][] = [];

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
    const indexes = (this.indexesBySize[size] ??= new Array<number>(size).fill(NO_ROW));
    let filled = 0;
    for (let index = first; index !== NO_ROW; index = orders.nextRow(index)) {
      indexes[filled] = index;
      store.fillRecord(index, group.rows[filled++]!);
    }
    this.indexes = indexes;
    group.orderId = group.rows[0]!.orderId;
    return group;
  }

  /** The store index of the record at `position` in the group `at` returned last. */
  storeIndexAt(position: number): number {
    return this.indexes[position]!;
  }
}
