// The findings table of the report: one row per finding, with where it is, what it is,
// and what to do, plus the row's own carrier, number and recipient. It is the 问题 sheet
// of the report workbook (report-workbook.ts) and the whole of the CSV report.

import type { ColumnMap } from '../../core/columns.js';
import { FIELD_HEADERS_ZH } from '../../core/columns.js';
import type { Finding } from '../../core/finding.js';
import { renderMessage, SEVERITY_LABEL, type Lang } from '../../core/messages.js';
import type { RowRecord } from '../../core/row-record.js';
import type { Disposition, ValidationResult } from '../../core/validate.js';
import { FINDINGS_HEADER } from './findings-header.js';
import { neutralize } from './neutralize.js';
import type { TextSheet } from './text-sheet.js';


const WIDTHS = [8, 24, 12, 24, 8, 30, 60, 60, 10, 14, 22, 12];

export const FINDINGS_SHEET: Record<Lang, string> = { zh: '问题', en: 'Findings' };

/** What became of a row: in the import sheet (not yet uploaded: 可导入, not 已导入), rejected, or skipped. */
export const DISPOSITION_LABEL: Record<Lang, Record<Disposition, string>> = {
  zh: { imported: '可导入', rejected: '未通过', skipped: '已跳过' },
  en: { imported: 'ready to import', rejected: 'rejected', skipped: 'skipped' },
};

export interface ReportContext {
  result: ValidationResult;
  columns: ColumnMap;
  lang: Lang;
}

/** The header text the file used for a finding's column, or the 千帆 name. */
export function columnLabel(found: Finding, columns: ColumnMap): string {
  if (found.field === undefined) return '';
  return columns.header[found.field] ?? FIELD_HEADERS_ZH[found.field];
}

function reportRow(found: Finding, record: RowRecord | undefined, context: ReportContext): string[] {
  const { message, hint } = renderMessage(found, context.lang);
  const disposition = context.result.disposition.get(found.row);
  return [
    String(found.row),
    record?.orderIdRaw ?? found.orderId ?? '',
    columnLabel(found, context.columns),
    found.value ?? '',
    SEVERITY_LABEL[context.lang][found.severity],
    found.code,
    message,
    hint,
    disposition === undefined ? '' : DISPOSITION_LABEL[context.lang][disposition],
    record?.carrierRaw ?? '',
    record?.trackingRaw ?? '',
    record?.recipientName ?? '',
  ].map(neutralize);
}

/** The report as a table: its header and one row of neutralized text per finding. Shared by the xlsx and CSV reports. */
export function reportTable(context: ReportContext): { header: readonly string[]; rows: string[][] } {
  const { records } = context.result;
  // Findings come sorted by row, and a row often has several: its record is looked up once.
  let record: RowRecord | undefined;
  let recordRow = Number.NaN;
  const rows = context.result.findings.map((found) => {
    if (found.row !== recordRow) {
      const index = records.indexOfRow(found.row);
      record = index < 0 ? undefined : records.recordAt(index);
      recordRow = found.row;
    }
    return reportRow(found, record, context);
  });
  return { header: FINDINGS_HEADER[context.lang], rows };
}

/** The findings sheet (问题) of the report workbook. */
export function findingsSheet(context: ReportContext): TextSheet {
  const { header, rows } = reportTable(context);
  return { name: FINDINGS_SHEET[context.lang], header, rows, widths: WIDTHS, worksheetFriendly: true };
}
