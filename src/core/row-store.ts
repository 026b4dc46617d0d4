// What the validator keeps of every row while the rows stream past, column by column.
// One object per row, alive until finish(), was most of the cost at a million rows:
// the young-generation collector copies every survivor (twice) and the old one marks
// them all again, while a typed array is one object whatever its length, with nothing
// in it to follow. So numbers and flags live in typed arrays, texts that repeat (status,
// carrier, masked names) as codes into small tables, the raw texts only where they
// differ from the normalized ones, and findings only for the rows that have any.

import type { Finding } from './finding.js';
import { OrderIndex } from './order-index.js';
import { BLOCK_BITS, BLOCK_MASK, BLOCK_ROWS } from './row-blocks.js';
import { emptyRecord, NO_FINDINGS, type RowKind, type RowRecord } from './row-record.js';
import { RowTableView, type RowTable } from './row-table.js';
import type { OrderTimes } from './shipping-time.js';
import { TextTable } from './text-table.js';

// The flags of a row, one byte each.
const KINDS: readonly RowKind[] = ['order', 'not-pending', 'not-an-order'];
const KIND_CODE: Readonly<Record<RowKind, number>> = { order: 0, 'not-pending': 1, 'not-an-order': 2 };
const KIND_MASK = 0b11;
const CARRIER_UNUSABLE = 1 << 2;
const TRACKING_UNUSABLE = 1 << 3;
const HAS_FINDINGS = 1 << 4;
/** The row has times (the sheet has a time column and the row is an order). */
const TIMED = 1 << 5;
/** orderIdRaw, carrierRaw or trackingRaw differs from the normalized text: look in `raw…`. */
const HAS_RAW = 1 << 6;

/** The time columns of a block, made when its first row with times comes. */
interface TimeBlock {
  presale: Uint8Array;
  promisedAt: Float64Array;
  presaleStartAt: Float64Array;
  presaleEndAt: Float64Array;
  paidAt: Float64Array;
}

/** The columns of BLOCK_ROWS consecutive rows (row-blocks.ts says why blocks). */
class RowBlock {
  readonly rows = new Int32Array(BLOCK_ROWS);
  readonly flags = new Uint8Array(BLOCK_ROWS);
  // Normalized 订单号 and 快递单号: nearly unique, so plain strings (shared with the previous row when equal).
  readonly orderIds: string[] = new Array<string>(BLOCK_ROWS);
  readonly trackings: string[] = new Array<string>(BLOCK_ROWS);
  readonly statusCodes = new Uint16Array(BLOCK_ROWS);
  readonly carrierCodes = new Uint16Array(BLOCK_ROWS);
  readonly nameCodes = new Uint16Array(BLOCK_ROWS);
  readonly recipientKeys = new Float64Array(BLOCK_ROWS);
  // Made when the first row needs them: most sheets have no after-sales requests, tags or times.
  afterSalesCodes: Uint16Array | undefined;
  tagCodes: Uint16Array | undefined;
  times: TimeBlock | undefined;
}

export class RowStore {
  private count = 0;
  private readonly blocks: RowBlock[] = [];
  private readonly rawOrderIds = new Map<number, string>();
  private readonly rawCarriers = new Map<number, string>();
  private readonly rawTrackings = new Map<number, string>();
  private readonly findings = new Map<number, Finding[]>();
  private readonly statuses = new TextTable();
  private readonly carriers = new TextTable();
  private readonly names = new TextTable();
  private readonly afterSales = new TextTable();
  private readonly tags = new TextTable();
  /** Row numbers only grow (as every reader gives them): indexOfRow can halve the rows. */
  private ascending = true;
  private lastRow = Number.NEGATIVE_INFINITY;
  private previousOrderId = '';
  private previousTracking = '';
  /** Undefined after finish() has walked the orders, until they are needed again. */
  private orders: OrderIndex | undefined = this.newOrderIndex();

  get length(): number {
    return this.count;
  }

  /** Copies the record's values into the columns (the reader reuses the record). */
  add(record: RowRecord): void {
    const index = this.count;
    const at = index & BLOCK_MASK;
    if (at === 0) this.blocks.push(new RowBlock());
    const block = this.blocks[index >>> BLOCK_BITS]!;
    // The next SKU row of an order repeats the order's own fields: keep one copy.
    let { orderId, tracking } = record;
    if (orderId === this.previousOrderId) orderId = this.previousOrderId;
    if (tracking === this.previousTracking) tracking = this.previousTracking;
    this.previousOrderId = orderId;
    this.previousTracking = tracking;
    if (record.row <= this.lastRow) this.ascending = false;
    this.lastRow = record.row;

    let flags = KIND_CODE[record.kind];
    if (record.carrierUnusable) flags |= CARRIER_UNUSABLE;
    if (record.trackingUnusable) flags |= TRACKING_UNUSABLE;
    if (record.orderIdRaw !== orderId || record.carrierRaw !== record.carrier || record.trackingRaw !== tracking) {
      flags |= HAS_RAW;
      if (record.orderIdRaw !== orderId) this.rawOrderIds.set(index, record.orderIdRaw);
      if (record.carrierRaw !== record.carrier) this.rawCarriers.set(index, record.carrierRaw);
      if (record.trackingRaw !== tracking) this.rawTrackings.set(index, record.trackingRaw);
    }
    if (record.findings.length > 0) {
      flags |= HAS_FINDINGS;
      this.findings.set(index, record.findings);
    }
    if (record.times !== undefined) {
      flags |= TIMED;
      addTimes(block, at, record.times);
    }
    block.rows[at] = record.row;
    block.flags[at] = flags;
    block.orderIds[at] = orderId;
    block.trackings[at] = tracking;
    block.statusCodes[at] = this.statuses.codeOf(record.status, index);
    block.carrierCodes[at] = this.carriers.codeOf(record.carrier, index);
    block.nameCodes[at] = this.names.codeOf(record.recipientName, index);
    block.recipientKeys[at] = record.recipientKey;
    if (record.afterSales !== '') (block.afterSalesCodes ??= new Uint16Array(BLOCK_ROWS))[at] = this.afterSales.codeOf(record.afterSales, index);
    if (record.tags !== '') (block.tagCodes ??= new Uint16Array(BLOCK_ROWS))[at] = this.tags.codeOf(record.tags, index);
    this.count = index + 1;
    if (record.kind === 'order') this.orders?.add(index, orderId);
  }

  private newOrderIndex(): OrderIndex {
    return new OrderIndex((index) => this.orderIdAt(index));
  }

  /**
   * The orders, each as the index of its first row, in the order they first appear, and
   * the links from each row to the order's next one. Call releaseOrders() when done.
   */
  orderIndex(): OrderIndex {
    if (this.orders !== undefined) return this.orders;
    const orders = this.newOrderIndex();
    for (let index = 0; index < this.count; index++) if (this.kindAt(index) === 'order') orders.add(index, this.orderIdAt(index));
    this.orders = orders;
    return orders;
  }

  /** Lets go of the order index: the rows are kept for the result, the index would only weigh on it. */
  releaseOrders(): void {
    this.orders = undefined;
  }

  /** A fixed view of the rows so far: rows added later are not in it. */
  view(): RowTable {
    return new RowTableView(this, this.count, this.ascending);
  }

  /** The highest row number so far (rows come in increasing order from every reader). */
  get lastRowNumber(): number {
    return this.count === 0 ? 0 : this.rowAt(this.count - 1);
  }

  rowAt(index: number): number {
    return this.blocks[index >>> BLOCK_BITS]!.rows[index & BLOCK_MASK]!;
  }

  kindAt(index: number): RowKind {
    return KINDS[this.blocks[index >>> BLOCK_BITS]!.flags[index & BLOCK_MASK]! & KIND_MASK]!;
  }

  orderIdAt(index: number): string {
    return this.blocks[index >>> BLOCK_BITS]!.orderIds[index & BLOCK_MASK]!;
  }

  trackingAt(index: number): string {
    return this.blocks[index >>> BLOCK_BITS]!.trackings[index & BLOCK_MASK]!;
  }

  statusAt(index: number): string {
    return this.statuses.textOf(this.blocks[index >>> BLOCK_BITS]!.statusCodes[index & BLOCK_MASK]!, index);
  }

  recipientKeyAt(index: number): number {
    return this.blocks[index >>> BLOCK_BITS]!.recipientKeys[index & BLOCK_MASK]!;
  }

  /** The findings read with the row (only skipped rows and a few orders have any). */
  findingsAt(index: number): readonly Finding[] {
    const flags = this.blocks[index >>> BLOCK_BITS]!.flags[index & BLOCK_MASK]!;
    return (flags & HAS_FINDINGS) === 0 ? NO_FINDINGS : this.findings.get(index)!;
  }

  recordAt(index: number): RowRecord {
    return this.fillRecord(index, emptyRecord());
  }

  /** Writes the values of the row at `index` into `record`, which is returned: recordAt() without a new object. */
  fillRecord(index: number, record: RowRecord): RowRecord {
    const block = this.blocks[index >>> BLOCK_BITS]!;
    const at = index & BLOCK_MASK;
    const flags = block.flags[at]!;
    const raw = (flags & HAS_RAW) !== 0;
    const orderId = block.orderIds[at]!;
    const carrier = this.carriers.textOf(block.carrierCodes[at]!, index);
    const tracking = block.trackings[at]!;
    record.row = block.rows[at]!;
    record.kind = KINDS[flags & KIND_MASK]!;
    record.orderIdRaw = raw ? (this.rawOrderIds.get(index) ?? orderId) : orderId;
    record.orderId = orderId;
    record.status = this.statuses.textOf(block.statusCodes[at]!, index);
    record.carrierRaw = raw ? (this.rawCarriers.get(index) ?? carrier) : carrier;
    record.carrier = carrier;
    record.carrierUnusable = (flags & CARRIER_UNUSABLE) !== 0;
    record.trackingRaw = raw ? (this.rawTrackings.get(index) ?? tracking) : tracking;
    record.tracking = tracking;
    record.trackingUnusable = (flags & TRACKING_UNUSABLE) !== 0;
    record.recipientName = this.names.textOf(block.nameCodes[at]!, index);
    record.recipientKey = block.recipientKeys[at]!;
    record.afterSales = block.afterSalesCodes === undefined ? '' : this.afterSales.textOf(block.afterSalesCodes[at]!, index);
    record.tags = block.tagCodes === undefined ? '' : this.tags.textOf(block.tagCodes[at]!, index);
    record.times = (flags & TIMED) === 0 ? undefined : timesInto(block.times!, at, record.times);
    record.findings = (flags & HAS_FINDINGS) === 0 ? NO_FINDINGS : this.findings.get(index)!;
    return record;
  }
}

function addTimes(block: RowBlock, at: number, times: OrderTimes): void {
  const columns = (block.times ??= {
    presale: new Uint8Array(BLOCK_ROWS),
    promisedAt: new Float64Array(BLOCK_ROWS),
    presaleStartAt: new Float64Array(BLOCK_ROWS),
    presaleEndAt: new Float64Array(BLOCK_ROWS),
    paidAt: new Float64Array(BLOCK_ROWS),
  });
  columns.presale[at] = times.presale ? 1 : 0;
  columns.promisedAt[at] = times.promisedAt;
  columns.presaleStartAt[at] = times.presaleStartAt;
  columns.presaleEndAt[at] = times.presaleEndAt;
  columns.paidAt[at] = times.paidAt;
}

/** The times of a row, written into `times` when there is one to reuse. */
function timesInto(columns: TimeBlock, at: number, times: OrderTimes | undefined): OrderTimes {
  const into = times ?? { presale: false, promisedAt: Number.NaN, presaleStartAt: Number.NaN, presaleEndAt: Number.NaN, paidAt: Number.NaN };
  into.presale = columns.presale[at] === 1;
  into.promisedAt = columns.promisedAt[at]!;
  into.presaleStartAt = columns.presaleStartAt[at]!;
  into.presaleEndAt = columns.presaleEndAt[at]!;
  into.paidAt = columns.paidAt[at]!;
  return into;
}
