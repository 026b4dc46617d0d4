// Checks across the rows of one order: a multi-SKU order spans several rows that
// share one 订单号 and ships as one parcel, so it gets one carrier and one number.

import type { CarrierRegistry } from '../carriers/registry.js';
import { carrierKey } from './normalize.js';
import { appendFindings, finding, type Finding } from './finding.js';
import type { RowRecord } from './row-record.js';
import { checkNumberAlone, checkPair } from './tracking-check.js';

export interface OrderGroup {
  /** Normalized 订单号; '' for a row without one (such a row is its own group). */
  orderId: string;
  rows: RowRecord[];
}

export interface OrderVerdict {
  carrierId?: string;
  /** The order's tracking number ('' when it has none usable). */
  tracking: string;
  findings: Finding[];
}

// 订单号 in the 千帆 export: P followed by 18 digits (research/xhs-platform.md §1.3).
const XHS_ORDER_ID = /^P\d{18}$/;

const NO_CONFLICTS: readonly Finding[] = Object.freeze([]);

/** The first row carrying each distinct value, in row order. */
function firstRows(rows: readonly RowRecord[], keyOf: (record: RowRecord) => string): Map<string, RowRecord> {
  const first = new Map<string, RowRecord>();
  for (const record of rows) {
    const key = keyOf(record);
    if (key !== '' && !first.has(key)) first.set(key, record);
  }
  return first;
}

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
  const distinct = [...firstRows(group.rows, keyOf).values()];
  const first = distinct[0];
  if (first === undefined || distinct.length < 2) return [];
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

/** Row-level findings of the order, then the findings about the order as a whole. */
function orderFindings(group: OrderGroup, registry: CarrierRegistry): Finding[] {
  const { orderId, rows } = group;
  const head = rows[0]!;
  const findings: Finding[] = [];
  for (const record of rows) appendFindings(findings, record.findings);
  if (orderId === '') {
    findings.push(finding('missing-order-id', head.row, { field: 'orderId', value: head.orderIdRaw }));
  } else if (!XHS_ORDER_ID.test(orderId)) {
    findings.push(finding('order-id-format', head.row, { orderId, field: 'orderId', value: head.orderIdRaw }));
  }
  // One row cannot disagree with itself (most orders have one SKU row).
  if (rows.length > 1) {
    const carrierOf = (record: RowRecord) => {
      if (record.carrier === '') return '';
      return registry.resolve(record.carrier)?.id ?? `?${carrierKey(record.carrier)}`;
    };
    appendFindings(findings, conflicts(group, 'order-multiple-tracking-numbers', trackingOf, trackingOf));
    appendFindings(findings, conflicts(group, 'order-multiple-carriers', carrierOf, carrierTextOf));
  }
  return findings;
}

export function checkOrder(group: OrderGroup, registry: CarrierRegistry): OrderVerdict {
  const head = group.rows[0];
  if (head === undefined) return { carrierId: undefined, tracking: '', findings: [] };
  // Objects are built with every key written out: V8 gives an object made by a leading
  // spread plus more keys a hidden class of its own, which costs time and memory per row.
  const owner = group.orderId === '' ? undefined : group.orderId;
  const findings = orderFindings(group, registry);
  // What the rows carry, in one pass and in locals (no closures, no result object: this runs once per order).
  let numberRecord: RowRecord | undefined;
  let carrierRecord: RowRecord | undefined;
  let numberUnusable = false;
  let carrierUnusable = false;
  for (const record of group.rows) {
    if (numberRecord === undefined && record.tracking !== '') numberRecord = record;
    if (carrierRecord === undefined && record.carrier !== '') carrierRecord = record;
    if (record.trackingUnusable) numberUnusable = true;
    if (record.carrierUnusable) carrierUnusable = true;
  }
  const tracking = numberRecord?.tracking ?? '';

  if (numberRecord === undefined && carrierRecord === undefined) {
    if (!numberUnusable && !carrierUnusable) {
      findings.push(finding('missing-shipping-info', head.row, { orderId: owner, args: {} }));
    }
    return { carrierId: undefined, tracking, findings };
  }
  const context = { registry, orderId: owner, carrierRow: carrierRecord?.row ?? head.row, numberRow: numberRecord?.row ?? head.row };
  if (carrierRecord === undefined) {
    if (!carrierUnusable && numberRecord !== undefined) findings.push(checkNumberAlone(numberRecord.tracking, context));
    return { carrierId: undefined, tracking, findings };
  }
  if (numberRecord === undefined) {
    if (!numberUnusable) {
      findings.push(finding('missing-tracking-number', carrierRecord.row, { orderId: owner, field: 'trackingNumber', value: '', args: { carrier: carrierRecord.carrier } }));
    }
    return { carrierId: registry.resolve(carrierRecord.carrier)?.id, tracking, findings };
  }
  const verdict = checkPair(carrierRecord.carrier, numberRecord.tracking, context);
  appendFindings(findings, verdict.findings);
  return { carrierId: verdict.carrierId, tracking, findings };
}
