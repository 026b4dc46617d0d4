// An order with an after-sales request waiting for the merchant: on 小红书, shipping
// it is how a "未发货仅退款" request is refused (research/xhs-platform.md §4.5), so
// the merchant should decide on purpose.

import { boundedMemo } from './bounded-memo.js';
import { headerKey } from './header-key.js';

// The export's text for "no after-sales" is not documented: empty, "-" and 无售后 are
// all seen or used by other platforms. Finished or closed requests need nothing.
const SETTLED = new Set(['', '-', '--', '无', '无售后', '售后完成', '售后关闭', '售后取消', '售后拒绝', '已关闭', '已取消'].map(headerKey));

/** True when 售后状态 shows a request still open (处理中, 待商家审核, 平台介入中, …). */
export const isPendingAfterSales = boundedMemo((status) => !SETTLED.has(headerKey(status)));

/** The 订单标记 tags the summary counts: they change what shipping today means. */
export const WATCHED_TAGS = ['缺货', '协商发货', '催发货'] as const;
export type WatchedTag = (typeof WATCHED_TAGS)[number];

/** The watched tags in an 订单标记 cell ("催发货,已改价" or "催发货；协商发货"). */
export function watchedTags(cell: string): WatchedTag[] {
  if (cell === '') return [];
  return WATCHED_TAGS.filter((tag) => cell.includes(tag));
}

/** watchedTags() joined by ',' ('' for none), as a row record keeps them. */
export function watchedTagText(cell: string): string {
  return cell === '' ? '' : tagTextOf(cell);
}

// An export has a handful of distinct tag cells: each is judged once, not once per row.
const tagTextOf = boundedMemo((cell) => watchedTags(cell).join(','));
