// An order with an after-sales request waiting for the merchant: on 小红书, shipping
// it is how a "未发货仅退款" request is refused (research/xhs-platform.md §4.5), so
// the merchant should decide on purpose.

import { headerKey } from './columns.js';

// The export's text for "no after-sales" is not documented: empty, "-" and 无售后 are
// all seen or used by other platforms. Finished or closed requests need nothing.
const SETTLED = new Set(['', '-', '--', '无', '无售后', '售后完成', '售后关闭', '售后取消', '售后拒绝', '已关闭', '已取消'].map(headerKey));

// An export has a handful of distinct texts in these columns: each is judged once, not
// once per row (headerKey runs NFKC and a regex over the text every time).
// Bounded: a column of free text (a misread header) must not grow a memo without end.
const MAX_REMEMBERED = 1024;
const pendingByStatus = new Map<string, boolean>();
const tagsByCell = new Map<string, string>();

/** True when 售后状态 shows a request still open (处理中, 待商家审核, 平台介入中, …). */
export function isPendingAfterSales(status: string): boolean {
  let pending = pendingByStatus.get(status);
  if (pending === undefined) {
    pending = !SETTLED.has(headerKey(status));
    if (pendingByStatus.size < MAX_REMEMBERED) pendingByStatus.set(status, pending);
  }
  return pending;
}

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
  if (cell === '') return '';
  let text = tagsByCell.get(cell);
  if (text === undefined) {
    text = watchedTags(cell).join(',');
    if (tagsByCell.size < MAX_REMEMBERED) tagsByCell.set(cell, text);
  }
  return text;
}
