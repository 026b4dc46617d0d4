// What the validator keeps while the rows stream past: one compact record per row
// and an index of the orders by 订单号. Records share one hidden class (~160 bytes
// each instead of ~600 with a class per record), strings that repeat from row to row
// (status, carrier names, the order's own fields on its next SKU row) are stored once,
// and a record without findings shares one frozen empty list.

import type { Finding } from './finding.js';
import type { OrderGroup } from './order-checks.js';
import type { RowRecord } from './row-record.js';
import type { Disposition, RowDispositions } from './validate.js';

const NO_FINDINGS = Object.freeze([]) as readonly Finding[] as Finding[];

/** Stores the first copy of each small value it sees, up to a limit (names can be unique). */
class Interner {
  private readonly seen = new Map<string, string>();
  constructor(private readonly limit: number) {}

  get(text: string): string {
    const known = this.seen.get(text);
    if (known !== undefined) return known;
    if (this.seen.size < this.limit) this.seen.set(text, text);
    return text;
  }
}

export class RecordStore {
  /** Every row's record, in input order. */
  readonly records: RowRecord[] = [];
  /** Order rows by 订单号; a row without one is its own order, keyed by its row number. */
  private readonly byOrder = new Map<string | number, RowRecord | RowRecord[]>();
  private readonly common = new Interner(4096);
  private readonly names = new Interner(65536);
  private previous: RowRecord | undefined;
  private released = false;

  add(full: RowRecord): void {
    const record = this.compact(full);
    this.previous = record;
    this.records.push(record);
    if (!this.released) this.index(record);
  }

  /**
   * Calls `visit` for every order, in the order its first row appears, then lets go of
   * the index (it is rebuilt from the records should the orders be walked again).
   */
  forEachOrder(visit: (group: OrderGroup) => void): void {
    if (this.released) for (const record of this.records) this.index(record);
    this.byOrder.forEach((entry, key) => visit({ orderId: typeof key === 'number' ? '' : key, rows: Array.isArray(entry) ? entry : [entry] }));
    this.byOrder.clear();
    this.released = true;
  }

  private index(record: RowRecord): void {
    if (record.kind !== 'order') return;
    const key = record.orderId === '' ? record.row : record.orderId;
    const entry = this.byOrder.get(key);
    if (entry === undefined) this.byOrder.set(key, record);
    else if (Array.isArray(entry)) entry.push(record);
    else this.byOrder.set(key, [entry, record]);
  }

  /**
   * Shares the strings of the record that repeat (in place: readRowRecord writes every
   * record key by key in the order of the RowRecord interface, so they all have one
   * hidden class already, and a copy would only be one more object per row to collect).
   */
  private compact(r: RowRecord): RowRecord {
    const p = this.previous;
    if (p !== undefined) {
      // The next SKU row of an order repeats the order's own fields.
      if (p.orderIdRaw === r.orderIdRaw) r.orderIdRaw = p.orderIdRaw;
      if (p.orderId === r.orderId) r.orderId = p.orderId;
      if (p.trackingRaw === r.trackingRaw) r.trackingRaw = p.trackingRaw;
      if (p.tracking === r.tracking) r.tracking = p.tracking;
      if (p.recipientKey === r.recipientKey) r.recipientKey = p.recipientKey;
    }
    if (r.orderId === r.orderIdRaw) r.orderId = r.orderIdRaw;
    if (r.tracking === r.trackingRaw) r.tracking = r.trackingRaw;
    r.status = this.common.get(r.status);
    r.carrierRaw = this.common.get(r.carrierRaw);
    r.carrier = r.carrier === r.carrierRaw ? r.carrierRaw : this.common.get(r.carrier);
    r.recipientName = this.names.get(r.recipientName);
    r.afterSales = this.common.get(r.afterSales);
    r.tags = this.common.get(r.tags);
    if (r.findings.length === 0) r.findings = NO_FINDINGS;
    return r;
  }
}

const OUTCOMES: readonly Disposition[] = ['imported', 'rejected', 'skipped'];
const CODE: Readonly<Record<Disposition, number>> = { imported: 1, rejected: 2, skipped: 3 };

/**
 * What happened to each row, one byte a row, indexed by row number. A Map of a million
 * rows takes ~30 MB (and 45 while it grows) and is slow to fill; this takes 1 MB.
 */
export class RowOutcomes implements RowDispositions {
  private codes = new Uint8Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  set(row: number, outcome: Disposition): void {
    if (!Number.isInteger(row) || row < 0) throw new RangeError(`not a row number: ${row}`);
    if (row >= this.codes.length) {
      const grown = new Uint8Array(Math.max(row + 1, this.codes.length * 2));
      grown.set(this.codes);
      this.codes = grown;
    }
    if (this.codes[row] === 0) this.count += 1;
    this.codes[row] = CODE[outcome];
  }

  get(row: number): Disposition | undefined {
    const code = this.codes[row] ?? 0; // undefined beyond the end, and for a row that is no index
    return code === 0 ? undefined : OUTCOMES[code - 1];
  }

  /** How many rows had each outcome. */
  tally(): Record<Disposition, number> {
    const counts = [0, 0, 0, 0];
    for (const code of this.codes) counts[code]! += 1;
    return { imported: counts[1]!, rejected: counts[2]!, skipped: counts[3]! };
  }

  /** [row, outcome] in row order. */
  *[Symbol.iterator](): Iterator<[number, Disposition]> {
    const { codes } = this;
    for (let row = 0; row < codes.length; row++) {
      const code = codes[row]!;
      if (code !== 0) yield [row, OUTCOMES[code - 1]!];
    }
  }
}
