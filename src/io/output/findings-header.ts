// The header of the findings table (the report's 问题 sheet, and the whole CSV report). In a
// module of its own because the reader needs it too: that table names 订单号, 快递公司 and
// 快递单号, so without a look at the rest of its header it would pass for an order sheet.

import type { Lang } from '../../core/messages.js';

export const FINDINGS_HEADER: Record<Lang, readonly string[]> = {
  zh: ['行号', '订单号', '列', '原值', '级别', '代码', '说明', '建议', '校验结果', '快递公司', '快递单号', '收件人姓名'],
  en: ['Row', 'Order ID', 'Column', 'Value', 'Level', 'Code', 'Message', 'Hint', 'Check result', 'Carrier', 'Tracking No.', 'Recipient'],
};

/** How many leading header cells must match: the ones only the findings table has in that order. */
const SIGNATURE = 9;

/** What earlier versions called a column of the signature (the 校验结果 column was 处理 / Outcome): their reports are still told apart. */
const EARLIER_LABELS: ReadonlyMap<string, readonly string[]> = new Map([
  ['校验结果', ['处理']],
  ['Check result', ['Outcome']],
]);

/** The header texts (in order, empty ones left out) are those of ship's own findings table, as this or an earlier version wrote it. */
export function isFindingsHeader(headers: readonly string[]): boolean {
  const fits = (label: string, text: string | undefined) => text !== undefined && [label, ...(EARLIER_LABELS.get(label) ?? [])].includes(text.trim());
  return Object.values(FINDINGS_HEADER).some((labels) => labels.slice(0, SIGNATURE).every((label, i) => fits(label, headers[i])));
}
