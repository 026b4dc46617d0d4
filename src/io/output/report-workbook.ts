// The report a merchant fixes from (<stem>.report.xlsx), three sheets:
//   汇总      the counts, per carrier and per problem, late orders, tags, and how to check again;
//   问题      one row per finding (the table the CSV report holds too);
//   包裹详情  the input copied on its own rows, the problems beside each row, the cells at fault marked.
// The copy needs a second pass over the input, streamed like the first while the
// workbook is written, so a large file is never held in memory. A CSV longer than an
// Excel sheet gets no copy (Excel would not open the workbook); the summary says so.

import { basename } from 'node:path';
import { COPY_SHEET, copyMisfit, openCopySheet } from './report-copy.js';
import { findingsSheet, FINDINGS_SHEET, type ReportContext } from './report-sheet.js';
import { summarySheet } from './report-summary.js';
import type { SourceSheet } from './source-sheet.js';
import { writeTextSheets } from './text-sheet.js';

export interface ReportWorkbookContext extends ReportContext {
  /** The input as the first pass read it. */
  source: SourceSheet;
  /** Where the report ends up (the file written may be a temporary one beside it). */
  reportPath: string;
  /** Add the marked copy of the input (a second pass over it); false with --no-report-copy. */
  copy: boolean;
}

export async function writeReportWorkbook(path: string, context: ReportWorkbookContext): Promise<void> {
  const { source, lang } = context;
  const misfit = copyMisfit(context.result, source, context.columns);
  const withCopy = context.copy && misfit === undefined;
  const summary = summarySheet({
    result: context.result,
    lang,
    input: basename(source.path),
    sheet: source.kind === 'xlsx' ? source.sheet : undefined,
    headerRow: source.headerRow,
    report: basename(context.reportPath),
    findingsSheet: FINDINGS_SHEET[lang],
    copySheet: withCopy ? COPY_SHEET : undefined,
    noCopyReason: misfit ?? 'not-asked',
  });
  if (!withCopy) {
    await writeTextSheets(path, [summary, findingsSheet(context)], { reportStyles: true });
    return;
  }
  const copy = await openCopySheet(context);
  try {
    // The copy holds the input's date serials: read in another date system they would be other days.
    await writeTextSheets(path, [summary, findingsSheet(context), copy.sheet], { reportStyles: true, date1904: source.date1904 });
  } finally {
    await copy.close();
  }
}
