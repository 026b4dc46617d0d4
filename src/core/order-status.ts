// Which rows are orders waiting to be shipped. Everything else in the export
// (shipped, cancelled, completed…) is skipped: counted and listed, never imported.

import { boundedMemo } from './bounded-memo.js';
import { headerKey } from './header-key.js';

// 千帆 shows 待配货; other backends and older exports say 待发货. An empty status
// (a sheet without the column, or a hand-made one) is taken as pending.
const PENDING = new Set(['待配货', '待发货', '待出库', '待打单', 'pending', 'tobeshipped', 'awaitingshipment', 'unshipped'].map(headerKey));

// An export has a handful of distinct statuses: each is keyed once, not once per row.
const isPendingText = boundedMemo((status) => PENDING.has(headerKey(status)));

export function isPendingStatus(status: string): boolean {
  return status === '' || isPendingText(status);
}

const SUMMARY_LABELS = new Set(['合计', '总计', '小计', '汇总', 'total', 'sum', 'grandtotal'].map(headerKey));

/** The text says "total" (合计, 总计, Total…): the export's trailing 合计 row has one. */
export function isSummaryLabel(text: string): boolean {
  return SUMMARY_LABELS.has(headerKey(text));
}

// States in which the order's parcel has left with its number (千帆: 已发货未签收, 已签收,
// 已完成; other backends: 部分发货, 交易成功…). A cancelled or closed order's number was
// never handed to the platform, so it may be used again. A status must start with one of
// these: "not yet shipped" and "uncompleted" hold the words too.
const SHIPPED = ['已发货', '部分发货', '已签收', '已收货', '待收货', '已完成', '交易成功', '交易完成', '运输中', '派送中', 'shipped', 'partiallyshipped', 'delivered', 'completed', 'intransit'].map(headerKey);

const isShippedText = boundedMemo((status) => {
  const key = headerKey(status);
  return SHIPPED.some((start) => key.startsWith(start));
});

/** The order has been shipped: its number is in use. */
export function isShippedStatus(status: string): boolean {
  return status !== '' && isShippedText(status);
}
