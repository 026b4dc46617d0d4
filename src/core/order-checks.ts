// Checks across the rows of one order: a multi-SKU order spans several rows that
// share one 订单号 and ships as one parcel, so it gets one carrier and one number.

import type { CarrierRegistry } from '../carriers/registry.js';
import { carrierKey } from './normalize.js';
import { finding, type Finding } from './finding.js';
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

/** The first row carrying each distinct value, in row order. */
function firstRows(rows: readonly RowRecord[], keyOf: (record: RowRecord) => string): Map<string, RowRecord> {
  const first = new Map<string, RowRecord>();
  for (const record of rows) {
    const key = keyOf(record);
    if (key !== '' && !first.has(key)) first.set(key, record);
  }
  return first;
}

/** A finding on every row whose value differs from the order's first one. */
function conflicts(
  group: OrderGroup,
  code: 'order-multiple-tracking-numbers' | 'order-multiple-carriers',
  keyOf: (record: RowRecord) => string,
  shown: (record: RowRecord) => string,
): Finding[] {
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

export function checkOrder(group: OrderGroup, registry: CarrierRegistry): OrderVerdict {
  const { orderId, rows } = group;
  const head = rows[0];
  if (head === undefined) return { tracking: '', findings: [] };
  const owner = orderId === '' ? {} : { orderId };
  const findings: Finding[] = rows.flatMap((record) => record.findings);

  if (orderId === '') {
    findings.push(finding('missing-order-id', head.row, { field: 'orderId', value: head.orderIdRaw }));
  } else if (!XHS_ORDER_ID.test(orderId)) {
    findings.push(finding('order-id-format', head.row, { orderId, field: 'orderId', value: head.orderIdRaw }));
  }

  const carrierOf = (record: RowRecord) => {
    if (record.carrier === '') return '';
    return registry.resolve(record.carrier)?.id ?? `?${carrierKey(record.carrier)}`;
  };
  findings.push(...conflicts(group, 'order-multiple-tracking-numbers', (r) => r.tracking, (r) => r.tracking));
  findings.push(...conflicts(group, 'order-multiple-carriers', carrierOf, (r) => r.carrier));

  const numberRecord = rows.find((record) => record.tracking !== '');
  const carrierRecord = rows.find((record) => record.carrier !== '');
  const numberUnusable = rows.some((record) => record.trackingUnusable);
  const carrierUnusable = rows.some((record) => record.carrierUnusable);
  const tracking = numberRecord?.tracking ?? '';

  if (numberRecord === undefined && carrierRecord === undefined) {
    if (!numberUnusable && !carrierUnusable) {
      findings.push(finding('missing-shipping-info', head.row, { ...owner, args: {} }));
    }
    return { tracking, findings };
  }
  const context = { registry, ...owner, carrierRow: carrierRecord?.row ?? head.row, numberRow: numberRecord?.row ?? head.row };
  if (carrierRecord === undefined) {
    if (!carrierUnusable && numberRecord !== undefined) findings.push(checkNumberAlone(numberRecord.tracking, context));
    return { tracking, findings };
  }
  if (numberRecord === undefined) {
    if (!numberUnusable) {
      findings.push(finding('missing-tracking-number', carrierRecord.row, { ...owner, field: 'trackingNumber', value: '', args: { carrier: carrierRecord.carrier } }));
    }
    const carrierId = registry.resolve(carrierRecord.carrier)?.id;
    return { ...(carrierId === undefined ? {} : { carrierId }), tracking, findings };
  }
  const verdict = checkPair(carrierRecord.carrier, numberRecord.tracking, context);
  findings.push(...verdict.findings);
  return { ...(verdict.carrierId === undefined ? {} : { carrierId: verdict.carrierId }), tracking, findings };
}
