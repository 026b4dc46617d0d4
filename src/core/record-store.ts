// What the validator keeps while the rows stream past: one compact record per row
// and an index of the orders by 订单号. The records are rebuilt with one fixed shape
// (so they share a hidden class and take ~150 bytes each instead of ~600), strings
// that repeat from row to row (status, carrier names, the order's own fields on its
// next SKU row) are stored once, and a record without findings shares one frozen
// empty list.

import type { Finding } from './finding.js';
import type { OrderGroup } from './order-checks.js';
import type { RowRecord } from './row-record.js';

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

  private compact(r: RowRecord): RowRecord {
    const p = this.previous;
    const orderIdRaw = p !== undefined && p.orderIdRaw === r.orderIdRaw ? p.orderIdRaw : r.orderIdRaw;
    const orderId = r.orderId === orderIdRaw ? orderIdRaw : p !== undefined && p.orderId === r.orderId ? p.orderId : r.orderId;
    const carrierRaw = this.common.get(r.carrierRaw);
    const trackingRaw = p !== undefined && p.trackingRaw === r.trackingRaw ? p.trackingRaw : r.trackingRaw;
    // Same property order as the RowRecord interface for every record: one hidden class.
    return {
      row: r.row,
      kind: r.kind,
      orderIdRaw,
      orderId,
      status: this.common.get(r.status),
      carrierRaw,
      carrier: r.carrier === carrierRaw ? carrierRaw : this.common.get(r.carrier),
      carrierUnusable: r.carrierUnusable,
      trackingRaw,
      tracking: r.tracking === trackingRaw ? trackingRaw : p !== undefined && p.tracking === r.tracking ? p.tracking : r.tracking,
      trackingUnusable: r.trackingUnusable,
      recipientName: this.names.get(r.recipientName),
      recipientKey: p !== undefined && p.recipientKey === r.recipientKey ? p.recipientKey : r.recipientKey,
      afterSales: this.common.get(r.afterSales),
      tags: this.common.get(r.tags),
      times: r.times,
      findings: r.findings.length === 0 ? NO_FINDINGS : r.findings,
    };
  }
}
