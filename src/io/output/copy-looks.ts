// What the report's copy says about one input row, from the findings about it: the row's
// fill, the cells marked, and the text of the added 问题 and 建议 columns.

import type { Finding } from '../../core/finding.js';
import { renderMessage, type Lang } from '../../core/messages.js';
import type { ColumnMap } from '../../core/columns.js';
import { neutralize } from './neutralize.js';
import type { StyledRow } from './sheet-rows.js';
import type { CellStyle } from './sheet-styles.js';

/** How many columns the copy adds in front of the input's. */
export const ADDED = 3;
const SEPARATOR: Record<Lang, string> = { zh: '；', en: '; ' };

export interface LookContext {
  columns: ColumnMap;
  lang: Lang;
}

/** What the copy says about one row: its fill, its marked cells and the text of the added columns. */
export function describeRow(found: readonly Finding[], context: LookContext, shift: number, strip: number): Pick<StyledRow, 'style' | 'marks'> & { problems: string; hints: string } {
  let style: CellStyle | undefined;
  const marks = new Map<number, CellStyle>();
  const messages: string[] = [];
  const hints: string[] = [];
  for (const item of found) {
    const { message, hint } = renderMessage(item, context.lang);
    messages.push(message);
    if (hint !== '' && !hints.includes(hint)) hints.push(hint);
    if (item.severity === 'info') continue;
    const error = item.severity === 'error';
    if (error) style = 'errorRow';
    else style ??= 'warningRow';
    const column = item.field === undefined ? undefined : context.columns.index[item.field];
    if (column === undefined || column < strip) continue;
    if (error || marks.get(column + shift) !== 'errorCell') marks.set(column + shift, error ? 'errorCell' : 'warningCell');
  }
  const joined = (texts: string[]) => neutralize(texts.join(SEPARATOR[context.lang]));
  return { style, marks: marks.size === 0 ? undefined : marks, problems: joined(messages), hints: joined(hints) };
}

