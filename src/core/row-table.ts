// The rows a validation read, as the result hands them out: a read-only view of the
// row store, indexed 0..length-1 in input order. Records are made on demand, so a
// million-row result keeps its rows in a few typed arrays instead of a million objects.

import type { RowKind, RowRecord } from './row-record.js';

export interface RowTable {
  /** How many data rows were read: every one has an index, including skipped rows. */
  readonly length: number;
  /** The row number Excel shows for the row at `index`. */
  rowAt(index: number): number;
  kindAt(index: number): RowKind;
  /** The normalized 订单号 of the row at `index` ('' when it has none). */
  orderIdAt(index: number): string;
  /** The whole record of the row at `index`, made anew on every call. */
  recordAt(index: number): RowRecord;
  /** The index of the data row with Excel row number `row`, or -1 when no data row has it. */
  indexOfRow(row: number): number;
}

/** What a view reads from: the row store (row-store.ts). */
export interface StoredRows {
  rowAt(index: number): number;
  kindAt(index: number): RowKind;
  orderIdAt(index: number): string;
  recordAt(index: number): RowRecord;
}

/**
 * The first `length` rows of a store, which may grow after (a validator can take more
 * rows after finish()). Private fields: two views are equal when their rows are, not
 * their storage.
 */
export class RowTableView implements RowTable {
  readonly #store: StoredRows;
  readonly #ascending: boolean;
  /** Row number → index, built on the first lookup in rows that are out of order (no reader gives such). */
  #unordered: Map<number, number> | undefined;

  /** `ascending`: the row numbers of the first `length` rows only grow, as every reader gives them. */
  constructor(
    store: StoredRows,
    readonly length: number,
    ascending: boolean,
  ) {
    this.#store = store;
    this.#ascending = ascending;
  }

  #checked(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) throw new RangeError(`no row at index ${index} of ${this.length}`);
    return index;
  }

  rowAt(index: number): number {
    return this.#store.rowAt(this.#checked(index));
  }

  kindAt(index: number): RowKind {
    return this.#store.kindAt(this.#checked(index));
  }

  orderIdAt(index: number): string {
    return this.#store.orderIdAt(this.#checked(index));
  }

  recordAt(index: number): RowRecord {
    return this.#store.recordAt(this.#checked(index));
  }

  indexOfRow(row: number): number {
    const store = this.#store;
    if (!this.#ascending) {
      if (this.#unordered === undefined) {
        // The last row with a number wins, as in a Map built from the rows in order.
        this.#unordered = new Map();
        for (let index = 0; index < this.length; index++) this.#unordered.set(store.rowAt(index), index);
      }
      return this.#unordered.get(row) ?? -1;
    }
    let low = 0;
    let high = this.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = store.rowAt(middle);
      if (found === row) return middle;
      if (found < row) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}
