// The import plan as the result hands it out: one line per order that passed, read by
// index. An object per order (with an array of its rows) was ~120 bytes an order and
// the largest thing a million-row result kept; a line here is three integers pointing
// into the row store, which already holds the order id and the number.

import { Int32Blocks } from './row-blocks.js';

/** One line of the import sheet, as an object: made on demand by lineAt(). */
export interface ImportLine {
  orderId: string;
  carrierId: string;
  carrierName: string;
  trackingNumber: string;
  /** The row number Excel shows for the order's first row. */
  firstRow: number;
}

export interface ImportTable {
  /** How many orders are imported. */
  readonly length: number;
  orderIdAt(index: number): string;
  carrierIdAt(index: number): string;
  /** The platform display name of the carrier (an import template may rename it). */
  carrierNameAt(index: number): string;
  trackingNumberAt(index: number): string;
  /** The row number Excel shows for the order's first row. */
  firstRowAt(index: number): number;
  /** The whole line at `index`, made anew on every call. */
  lineAt(index: number): ImportLine;
  /** Lines start..end-1 (end defaults to length), as a view: nothing is copied. */
  slice(start: number, end?: number): ImportTable;
  /** Every line as an object, in order (for tests and small tables; writers use the accessors). */
  [Symbol.iterator](): Iterator<ImportLine>;
}

/** What a store-backed table reads the texts from (row-store.ts). */
export interface ImportedRows {
  rowAt(index: number): number;
  orderIdAt(index: number): string;
  trackingAt(index: number): string;
}

interface CarrierName {
  id: string;
  displayName: string;
}

/** The lines of one validation, appended as finish() judges the orders. */
export class ImportList {
  private count = 0;
  private readonly firstIndexes = new Int32Blocks();
  private readonly numberIndexes = new Int32Blocks();
  private readonly carrierCodes = new Int32Blocks();
  /** The few carriers of a sheet, each once; a line keeps its position here. */
  private readonly carriers: CarrierName[] = [];
  private readonly carrierCodeById = new Map<string, number>();

  constructor(private readonly rows: ImportedRows) {}

  get length(): number {
    return this.count;
  }

  /**
   * `firstIndex`: the store index of the order's first row; `numberIndex`: of the row its
   * number was taken from (the order id is the same on every row of the order).
   */
  add(firstIndex: number, numberIndex: number, carrier: CarrierName): void {
    let code = this.carrierCodeById.get(carrier.id);
    if (code === undefined) {
      code = this.carriers.length;
      this.carriers.push({ id: carrier.id, displayName: carrier.displayName });
      this.carrierCodeById.set(carrier.id, code);
    }
    this.firstIndexes.set(this.count, firstIndex);
    this.numberIndexes.set(this.count, numberIndex);
    this.carrierCodes.set(this.count, code);
    this.count += 1;
  }

  /** The lines so far, as a fixed view: lines added later are not in it. */
  view(): ImportTable {
    return new ImportTableView(this, 0, this.count);
  }

  orderIdAt(index: number): string {
    return this.rows.orderIdAt(this.numberIndexes.at(index));
  }

  carrierAt(index: number): CarrierName {
    return this.carriers[this.carrierCodes.at(index)]!;
  }

  trackingNumberAt(index: number): string {
    return this.rows.trackingAt(this.numberIndexes.at(index));
  }

  firstRowAt(index: number): number {
    return this.rows.rowAt(this.firstIndexes.at(index));
  }
}

/** What a view reads its lines from: the list above, or plain line objects. */
interface LineSource {
  orderIdAt(index: number): string;
  carrierAt(index: number): CarrierName;
  trackingNumberAt(index: number): string;
  firstRowAt(index: number): number;
}

/** An import table over plain lines: for callers (and tests) that have objects, not a validation. */
export function importTableOf(lines: readonly ImportLine[]): ImportTable {
  const source: LineSource = {
    orderIdAt: (index) => lines[index]!.orderId,
    carrierAt: (index) => ({ id: lines[index]!.carrierId, displayName: lines[index]!.carrierName }),
    trackingNumberAt: (index) => lines[index]!.trackingNumber,
    firstRowAt: (index) => lines[index]!.firstRow,
  };
  return new ImportTableView(source, 0, lines.length);
}

/** Lines start..start+length-1 of a source. Private fields: two views are equal when their lines are. */
class ImportTableView implements ImportTable {
  readonly #source: LineSource;
  readonly #start: number;

  constructor(
    source: LineSource,
    start: number,
    readonly length: number,
  ) {
    this.#source = source;
    this.#start = start;
  }

  #checked(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) throw new RangeError(`no import line at index ${index} of ${this.length}`);
    return this.#start + index;
  }

  orderIdAt(index: number): string {
    return this.#source.orderIdAt(this.#checked(index));
  }

  carrierIdAt(index: number): string {
    return this.#source.carrierAt(this.#checked(index)).id;
  }

  carrierNameAt(index: number): string {
    return this.#source.carrierAt(this.#checked(index)).displayName;
  }

  trackingNumberAt(index: number): string {
    return this.#source.trackingNumberAt(this.#checked(index));
  }

  firstRowAt(index: number): number {
    return this.#source.firstRowAt(this.#checked(index));
  }

  lineAt(index: number): ImportLine {
    const at = this.#checked(index);
    const source = this.#source;
    const carrier = source.carrierAt(at);
    return { orderId: source.orderIdAt(at), carrierId: carrier.id, carrierName: carrier.displayName, trackingNumber: source.trackingNumberAt(at), firstRow: source.firstRowAt(at) };
  }

  *[Symbol.iterator](): Iterator<ImportLine> {
    for (let index = 0; index < this.length; index++) yield this.lineAt(index);
  }

  slice(start: number, end: number = this.length): ImportTable {
    // Clamped like Array.prototype.slice (non-negative bounds only: no caller counts from the end).
    const from = Math.min(Math.max(0, start), this.length);
    const to = Math.min(Math.max(from, end), this.length);
    return new ImportTableView(this.#source, this.#start + from, to - from);
  }
}
