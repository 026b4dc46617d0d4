// The header of the findings table (the report's 问题 sheet, and the whole CSV report). In a
// module of its own because the reader needs it too: that table names 订单号, 快递公司 and
// 快递单号, so without a look at the rest of its header it would pass for an order sheet.

import type { Lang } from '../../core/messages.js';

export const FINDINGS_HEADER: Record<Lang, readonly string[]> = {
  zh: ['行号', '订单号', '列', '原值', '级别', '代码', '说明', '建议', '处理', '快递公司', '快递单号', '收件人姓名'],
  en: ['Row', 'Order ID', 'Column', 'Value', 'Level', 'Code', 'Message', 'Hint', 'Outcome', 'Carrier', 'Tracking No.', 'Recipient'],
};

/** How many leading header cells must match: the ones only the findings table has in that order. */
const SIGNATURE = 9;

/** The header texts (in order, empty ones left out) are those of ship's own findings table. */
export function isFindingsHeader(headers: readonly string[]): boolean {
  return Object.values(FINDINGS_HEADER).some((labels) => labels.slice(0, SIGNATURE).every((label, i) => headers[i]?.trim() === label));
}
