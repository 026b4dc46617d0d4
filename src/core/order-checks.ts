// Checks across the rows of one order: a multi-SKU order spans several rows that
// share one 订单号 and ships as one parcel, so it gets one carrier and one number.

import type { CarrierRegistry } from '../carriers/registry.js';
import { carrierKey } from './normalize.js';
import { appendFindings, finding, type Finding } from './finding.js';
import type { RowRecord } from './row-record.js';
import { checkNumberAlone, checkPair, type PairContext } from './tracking-check.js';

export interface OrderGroup {
  /** Normalized 订单号; '' for a row without one (such a row is its own group). */
  orderId: string;
  rows: RowRecord[];
}

export interface OrderVerdict {
  carrierId: string | undefined;
  /** The order's tracking number ('' when it has none usable). */
  tracking: string;
  /** The position in `group.rows` of the first row with that number; -1 when there is none. */
  numberAt: number;
  /** The carrier as typed on the first row that names one ('' when none does). */
  carrierText: string;
  findings: Finding[];
}

/**
 * 订单号 in the 千帆 export: P followed by 18 digits (research/xhs-platform.md §1.3).
 * /^P\d{18}$/ by hand: it runs once per order.
 */
function isXhsOrderId(text: string): boolean {
  if (text.length !== 19 || text.charCodeAt(0) !== 0x50) return false;
  for (let i = 1; i < 19; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

const NO_CONFLICTS: readonly Finding[] = Object.freeze([]);

/** Whether two rows of the order have different non-empty values. */
function disagree(rows: readonly RowRecord[], keyOf: (record: RowRecord) => string): boolean {
  let first = '';
  for (const record of rows) {
    const key = keyOf(record);
    if (key === '') continue;
    if (first === '') first = key;
    else if (key !== first) return true;
  }
  return false;
}

/** A finding on every row whose value differs from the order's first one. */
function conflicts(
  group: OrderGroup,
  code: 'order-multiple-tracking-numbers' | 'order-multiple-carriers',
  keyOf: (record: RowRecord) => string,
  shown: (record: RowRecord) => string,
): readonly Finding[] {
  // Nearly every order agrees with itself: then no map of its values is built.
  if (!disagree(group.rows, keyOf)) return NO_CONFLICTS;
  // disagree() found two values, so a row with the first one is there.
  const first = group.rows.find((record) => keyOf(record) !== '')!;
  return group.rows
    .filter((record) => keyOf(record) !== '' && keyOf(record) !== keyOf(first))
    .map((record) =>
      finding(code, record.row, {
        orderId: group.orderId,
        field: code === 'order-multiple-carriers' ? 'carrier' : 'trackingNumber',
        value: shown(record),
        args: { first: shown(first), firstRow: first.row },
      }),
    );
}

const trackingOf = (record: RowRecord) => record.tracking;
const carrierTextOf = (record: RowRecord) => record.carrier;

/**
 * Appends the row-level findings of the order, then the findings about the order as a
 * whole. `carrierOf`: the key two rows' carriers are compared by (the checker's, made once).
 */
function addOrderFindings(group: OrderGroup, carrierOf: (record: RowRecord) => string, findings: Finding[]): void {
  const { orderId, rows } = group;
  const head = rows[0]!;
  for (let i = 0; i < rows.length; i++) appendFindings(findings, rows[i]!.findings);
  if (orderId === '') {
    findings.push(finding('missing-order-id', head.row, { field: 'orderId', value: head.orderIdRaw }));
  } else if (!isXhsOrderId(orderId)) {
    findings.push(finding('order-id-format', head.row, { orderId, field: 'orderId', value: head.orderIdRaw }));
  }
  // One row cannot disagree with itself (most orders have one SKU row).
  if (rows.length > 1) {
    appendFindings(findings, conflicts(group, 'order-multiple-tracking-numbers', trackingOf, trackingOf));
    appendFindings(findings, conflicts(group, 'order-multiple-carriers', carrierOf, carrierTextOf));
  }
}

/**
 * Checks orders one at a time. The verdict, its findings and the context of the pair
 * check are one set of objects refilled for every order (as OrderGroups refills its
 * records): this runs once per order, and nearly every order has nothing to say. A
 * verdict is valid until the next check(): copy its findings, keep nothing of it.
 */
export class OrderChecker {
  private readonly verdict: OrderVerdict = { carrierId: undefined, tracking: '', numberAt: -1, carrierText: '', findings: [] };
  private readonly context: PairContext;
  /** Two rows name the same carrier when their names resolve to it; unknown names compare as typed. */
  private readonly carrierOf: (record: RowRecord) => string;

  constructor(private readonly registry: CarrierRegistry) {
    this.context = { registry, orderId: undefined, carrierRow: 0, numberRow: 0 };
    this.carrierOf = (record) => {
      if (record.carrier === '') return '';
      return registry.resolve(record.carrier)?.id ?? `?${carrierKey(record.carrier)}`;
    };
  }

  check(group: OrderGroup): OrderVerdict {
    const { registry, verdict, context } = this;
    const { findings } = verdict;
    findings.length = 0;
    verdict.carrierId = undefined;
    verdict.tracking = '';
    verdict.numberAt = -1;
    verdict.carrierText = '';
    const head = group.rows[0];
    if (head === undefined) return verdict;
    const owner = group.orderId === '' ? undefined : group.orderId;
    addOrderFindings(group, this.carrierOf, findings);
    // What the rows carry, in one pass and in locals (no closures, no result object: this runs once per order).
    let numberRecord: RowRecord | undefined;
    let carrierRecord: RowRecord | undefined;
    let numberUnusable = false;
    let carrierUnusable = false;
    // By index, not for-of: no iterator objects on the path every order takes.
    for (let i = 0; i < group.rows.length; i++) {
      const record = group.rows[i]!;
      if (numberRecord === undefined && record.tracking !== '') {
        numberRecord = record;
        verdict.numberAt = i;
      }
      if (carrierRecord === undefined && record.carrier !== '') carrierRecord = record;
      if (record.trackingUnusable) numberUnusable = true;
      if (record.carrierUnusable) carrierUnusable = true;
    }
    verdict.tracking = numberRecord?.tracking ?? '';
    verdict.carrierText = carrierRecord?.carrier ?? '';

    if (numberRecord === undefined && carrierRecord === undefined) {
      if (!numberUnusable && !carrierUnusable) {
        findings.push(finding('missing-shipping-info', head.row, { orderId: owner, args: {} }));
      }
      return verdict;
    }
    context.orderId = owner;
    context.carrierRow = carrierRecord?.row ?? head.row;
    context.numberRow = numberRecord?.row ?? head.row;
    if (carrierRecord === undefined) {
      if (!carrierUnusable && numberRecord !== undefined) findings.push(checkNumberAlone(numberRecord.tracking, context));
      return verdict;
    }
    if (numberRecord === undefined) {
      if (!numberUnusable) {
        findings.push(finding('missing-tracking-number', carrierRecord.row, { orderId: owner, field: 'trackingNumber', value: '', args: { carrier: carrierRecord.carrier } }));
      }
      verdict.carrierId = registry.resolve(carrierRecord.carrier)?.id;
      return verdict;
    }
    verdict.carrierId = checkPair(carrierRecord.carrier, numberRecord.tracking, context, findings);
    return verdict;
  }
}
