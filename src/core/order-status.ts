// Which rows are orders waiting to be shipped. Everything else in the export
// (shipped, cancelled, completed…) is skipped: counted and listed, never imported.

import { boundedMemo } from './bounded-memo.js';
import { headerKey } from './columns.js';

// 千帆 shows 待配货; other backends and older exports say 待发货. An empty status
// (a sheet without the column, or a hand-made one) is taken as pending.
const PENDING = new Set(['待配货', '待发货', '待出库', '待打单', 'pending', 'tobeshipped', 'awaitingshipment', 'unshipped'].map(headerKey));

// An export has a handful of distinct statuses: each is keyed once, not once per row.
const isPendingText = boundedMemo((status) => PENDING.has(headerKey(status)));

export function isPendingStatus(status: string): boolean {
  return status === '' || isPendingText(status);
}

const SUMMARY_LABELS = new Set(['合计', '总计', '小计', '汇总', 'total', 'sum', 'grandtotal'].map(headerKey));

/** The export's trailing 合计 row: no 订单号, and a cell that says it is a total. */
export function isSummaryRow(orderId: string, cellTexts: readonly string[]): boolean {
  return orderId === '' && cellTexts.some((text) => SUMMARY_LABELS.has(headerKey(text)));
}
