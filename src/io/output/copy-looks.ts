// What the report's copy says about one input row, from the findings about it: the row's
// fill, the cells marked, and the text of the added 问题 and 建议 columns.

import type { Finding } from '../../core/finding.js';
import { renderMessage, type Lang } from '../../core/messages.js';
import { REPORT_ADDED_HEADERS, type ColumnMap } from '../../core/columns.js';
import { neutralize } from './neutralize.js';
import type { CopyContext } from './report-copy.js';
import { DISPOSITION_LABEL } from './report-sheet.js';
import type { StyledRow } from './sheet-rows.js';
import type { CellStyle } from './sheet-styles.js';
import { changedWhileRead } from './source-sheet.js';

/** How many columns the copy adds in front of the input's (校验结果, 问题, 建议). */
export const ADDED = REPORT_ADDED_HEADERS.zh.length;
const SEPARATOR: Record<Lang, string> = { zh: '；', en: '; ' };

export interface LookContext {
  columns: ColumnMap;
  lang: Lang;
}

export type RowLooks = Pick<StyledRow, 'style' | 'marks'> & { problems: string; hints: string };

/** What the copy says about one row: its fill, its marked cells and the text of the added columns. */
function describeRow(found: readonly Finding[], context: LookContext, strip: number): RowLooks {
  // Cell i of the copy shows input column i - shift: the added columns in front, an earlier report's left out.
  const shift = ADDED - strip;
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

/**
 * Walks the validated rows beside the rows of the input read again for the copy, in row
 * order. Each copied row must be the next one the validator saw (same number) and every one
 * of them must come: otherwise the file changed in between, and the copy would not match
 * the findings. Both copy paths (rows as cells, rows as bytes) go through here.
 */
export class CopyVerdicts {
  private nextFinding = 0;
  private nextRecord = 0;
  private readonly labels: (typeof DISPOSITION_LABEL)[Lang];

  constructor(
    private readonly context: CopyContext,
    /** Leading input columns left out (an earlier report's added columns). */
    private readonly strip: number,
  ) {
    this.labels = DISPOSITION_LABEL[context.lang];
  }

  /** The 校验结果 label of `row`, and its looks when findings are about it (undefined when none is). */
  of(row: number): { label: string; looks: RowLooks | undefined } {
    const { findings, records, disposition } = this.context.result;
    const r = this.nextRecord;
    if (r >= records.length || records.rowAt(r) !== row) throw changedWhileRead(this.context.source.path);
    this.nextRecord = r + 1;
    const outcome = disposition.get(row);
    const label = outcome === undefined ? '' : this.labels[outcome];
    // Findings are sorted by row; some are on rows the readers skip (an empty row in a merged range).
    let f = this.nextFinding;
    while (f < findings.length && findings[f]!.row < row) f += 1;
    const start = f;
    while (f < findings.length && findings[f]!.row === row) f += 1;
    this.nextFinding = f;
    return { label, looks: start === f ? undefined : describeRow(findings.slice(start, f), this.context, this.strip) };
  }

  /** Throws unless every validated row has been copied. */
  end(): void {
    if (this.nextRecord !== this.context.result.records.length) throw changedWhileRead(this.context.source.path);
  }
}
