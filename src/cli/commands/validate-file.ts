// One input file end to end: read, validate, write both outputs atomically,
// and describe what happened as a FileReport.

import type { CarrierRegistry } from '../../carriers/registry.js';
import { renderMessage, type Lang } from '../../core/messages.js';
import { mergedCellFindings, withSheetFindings } from '../../core/merged-cells.js';
import type { OrderStateOptions } from '../../core/order-state.js';
import { createValidator, type ValidationResult } from '../../core/validate.js';
import { AtomicBatch } from '../../io/atomic-batch.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { stampOf, unchangedSince } from '../../io/file-stamp.js';
import { keepEditedReports } from '../../io/output/edited-report.js';
import { allocateStem, reportName } from '../../io/output/output-names.js';
import { removeStaleOutputs, writeImportFiles, type ImportFilesOptions } from '../../io/output/import-sheet.js';
import { writeReportCsv } from '../../io/output/report-csv.js';
import { columnLabel, type ReportContext } from '../../io/output/report-sheet.js';
import { writeReportWorkbook } from '../../io/output/report-workbook.js';
import { changedWhileRead, type SourceSheet } from '../../io/output/source-sheet.js';
import { openInput, type ReadOptions } from '../../io/read-input.js';
import { countFindings } from '../finding-list.js';
import { PROGRESS_EVERY_ROWS } from '../progress.js';
import type { FileReport } from '../report-schema.js';

export interface FileJob {
  input: string;
  registry: CarrierRegistry;
  read: ReadOptions;
  /** Deadline and after-sales settings for the core. */
  checks: OrderStateOptions;
  lang: Lang;
  reportFormat: 'xlsx' | 'csv';
  /** The report workbook carries a marked copy of the input (off with --no-report-copy). */
  reportCopy: boolean;
  /** Called every PROGRESS_EVERY_ROWS rows read, for the progress line. */
  onRows?: (count: number) => void;
  /** Folder for the outputs; the input's folder when undefined. */
  outDir: string | undefined;
  /** Every input of the run: none of them may be written over. */
  inputs: string[];
  /** Output stems already used in this run, so two inputs named alike do not collide. */
  usedStems: Set<string>;
  /** The import template and --max-rows (from the config and flags). */
  importFiles: ImportFilesOptions;
  /**
   * How many findings of each severity, the first in row order, the run's output can list
   * (undefined: all of them). Only those are turned into message text: a sheet where every
   * row has a finding (294k unfilled orders) made ~0.6 KB of text each, kept to the end of
   * the run, for a terminal that shows 20 of them.
   */
  listedPerSeverity?: number | undefined;
}

export interface FileOutcome {
  report: FileReport;
  result: ValidationResult;
  /** Copies of reports a person had edited, made before they were replaced or removed. */
  keptReports: string[];
}

export async function validateFile(job: FileJob): Promise<FileOutcome> {
  const stamp = await stampOf(job.input);
  const opened = await openInput(job.input, job.read);
  let result: ValidationResult;
  let source: SourceSheet;
  try {
    const validator = createValidator({ registry: job.registry, columns: opened.columns, dates: { date1904: opened.date1904 }, ...job.checks });
    let count = 0;
    for await (const batch of opened.rows) {
      for (const row of batch) {
        validator.add(row);
        if (++count % PROGRESS_EVERY_ROWS === 0) job.onRows?.(count);
      }
    }
    // Merged ranges are known once the whole sheet has been read.
    const merges = opened.merges();
    result = withSheetFindings(validator.finish(), mergedCellFindings(merges, opened.columns, opened.headerRow));
    // The report workbook copies the input: it reads the same sheet again (the rows were not
    // kept), with the string table of this pass rather than a second one.
    source = { path: job.input, kind: opened.kind, sheet: opened.sheet, headerRow: opened.headerRow, date1904: opened.date1904, limits: job.read.limits, merges, cellTables: opened.cellTables(), width: opened.width() };
  } finally {
    await opened.close();
  }

  const stem = allocateStem(job.input, job.outDir, job.usedStems);
  const reportPath = reportName(stem, job.reportFormat);
  const context: ReportContext = { result, columns: opened.columns, lang: job.lang };
  // The CSV report is the findings table alone; the workbook adds the summary and the marked copy of the input.
  const writeReportFile = (tmp: string) => (job.reportFormat === 'csv' ? writeReportCsv(tmp, context) : writeReportWorkbook(tmp, { ...context, source, reportPath, copy: job.reportCopy }));
  // The import sheet(s) and the report replace the old ones together or not at all:
  // a run that fails (report open in Excel) must not leave a new import sheet beside an old report.
  const batch = new AtomicBatch();
  const guard = { inputs: job.inputs, batch };
  let importPaths: string[];
  let keptReports: string[] = [];
  try {
    importPaths = await writeImportFiles(stem, result.imports, job.importFiles, guard);
    await writeFileAtomic(reportPath, writeReportFile, guard);
    // Checked last, so that it covers both reads: nothing is replaced when the input changed.
    if (stamp !== undefined && !unchangedSince(stamp, await stampOf(job.input))) throw changedWhileRead(job.input);
    keptReports = await keepEditedReports(stem);
    await batch.commit();
    await removeStaleOutputs(stem, [...importPaths, reportPath], job.inputs);
  } finally {
    await batch.discard();
  }

  const cap = job.listedPerSeverity ?? Number.POSITIVE_INFINITY;
  const taken = { error: 0, warning: 0, info: 0 };
  const findings = result.findings.flatMap((found) => {
    if (taken[found.severity] >= cap) return [];
    taken[found.severity] += 1;
    const { message, hint } = renderMessage(found, job.lang);
    return {
      code: found.code,
      severity: found.severity,
      row: found.row,
      column: found.field === undefined ? null : columnLabel(found, opened.columns),
      value: found.value ?? null,
      orderId: found.orderId ?? null,
      message,
      hint,
    };
  });
  const report: FileReport = {
    input: job.input,
    sheet: opened.sheet ?? null,
    sheetsIgnored: opened.sheetsIgnored,
    headerRow: opened.headerRow,
    rows: result.rows,
    orders: result.orders,
    tags: result.tags,
    carriers: result.carriers,
    outputs: { import: importPaths[0] ?? null, importParts: importPaths, report: reportPath },
    // Counted from every finding, listed or not.
    counts: countFindings(result.findings),
    findings,
    truncated: findings.length < result.findings.length,
    error: null,
  };
  return { report, result, keptReports };
}

export function failedFileReport(input: string, message: string): FileReport {
  return {
    input,
    sheet: null,
    sheetsIgnored: [],
    headerRow: null,
    rows: { total: 0, imported: 0, rejected: 0, skipped: 0 },
    orders: { imported: 0, rejected: 0, skipped: 0 },
    tags: {},
    carriers: [],
    outputs: { import: null, importParts: [], report: null },
    counts: countFindings([]),
    findings: [],
    truncated: false,
    error: message,
  };
}
