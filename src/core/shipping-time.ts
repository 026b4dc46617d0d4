// Is the order late? Each 小红书 order carries its own ship-by time (承诺发货时间;
// presale orders 预售订单截止发货时间); without one, the payment time plus a default
// number of hours stands in (research/xhs-platform.md §4.1). `now` is passed in:
// the core has no clock.

import { CHINA_OFFSET_MS } from './excel-date.js';
import { finding, type Finding } from './finding.js';

export interface ShippingTimeOptions {
  now: Date;
  /** Ship-by time = 支付时间 + this many hours when the export gives none. */
  deadlineHours: number;
  /** A deadline this close is announced (info). */
  dueSoonHours: number;
}

/** The time columns of an order, as instants (ms since epoch); NaN when the cell is empty or no date. */
export interface OrderTimes {
  presale: boolean;
  promisedAt: number;
  presaleStartAt: number;
  presaleEndAt: number;
  paidAt: number;
}

const HOUR_MS = 60 * 60 * 1000;

/** "2026-11-26 18:00" in China time, the way the export writes times. */
export function chinaTime(instant: number): string {
  return new Date(instant + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Where the ship-by time came from, for the message. */
export type DeadlineSource = 'promised' | 'presale-end' | 'paid-plus-hours' | 'presale-start-plus-hours';

export function deadlineOf(times: OrderTimes, deadlineHours: number): { at: number; source: DeadlineSource } | undefined {
  const promised = { at: times.promisedAt, source: 'promised' as const };
  const presaleEnd = { at: times.presaleEndAt, source: 'presale-end' as const };
  const ordered = times.presale ? [presaleEnd, promised] : [promised, presaleEnd];
  const known = ordered.find((candidate) => Number.isFinite(candidate.at));
  if (known !== undefined) return known;
  // A presale order cannot ship before its window opens: the estimate counts from then,
  // not from a payment made weeks before (which made it overdue before it could ship).
  const opens = times.presale ? times.presaleStartAt : Number.NaN;
  if (Number.isFinite(opens) && !(times.paidAt > opens)) return { at: opens + deadlineHours * HOUR_MS, source: 'presale-start-plus-hours' };
  if (Number.isFinite(times.paidAt)) return { at: times.paidAt + deadlineHours * HOUR_MS, source: 'paid-plus-hours' };
  return undefined;
}

export function checkShippingTime(times: OrderTimes, options: ShippingTimeOptions, row: number, orderId: string): Finding[] {
  const now = options.now.getTime();
  const at = orderId === '' ? {} : { orderId };
  const findings: Finding[] = [];
  if (times.presale && Number.isFinite(times.presaleStartAt) && now < times.presaleStartAt) {
    findings.push(finding('presale-not-started', row, { ...at, args: { start: chinaTime(times.presaleStartAt) } }));
  }
  const deadline = deadlineOf(times, options.deadlineHours);
  if (deadline === undefined) return findings;
  // Decided first: most orders are neither late nor due soon, and their message is never built.
  const code = now > deadline.at ? 'ship-overdue' : deadline.at - now <= options.dueSoonHours * HOUR_MS ? 'ship-due-soon' : undefined;
  if (code === undefined) return findings;
  const span = Math.abs(deadline.at - now);
  // Rounded on the distance, so 57 minutes read the same before and after the deadline.
  const hours = Math.round((span / HOUR_MS) * 10) / 10;
  // Under an hour the message counts minutes ("还剩 0 小时" said nothing), at least one.
  const minutes = Math.max(1, Math.ceil(span / 60_000));
  const args = { deadline: chinaTime(deadline.at), source: deadline.source, hours, minutes, deadlineHours: options.deadlineHours };
  findings.push(finding(code, row, { ...at, args }));
  return findings;
}
