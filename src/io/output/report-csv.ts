// The error report as CSV (--report-format csv): the findings table of the xlsx report
// (its 问题 sheet), for tools that take CSV; the summary and the marked copy of the input
// are only in the workbook. Written so that Excel and WPS open it right: a UTF-8 BOM (without
// it zh-CN Excel reads UTF-8 as GBK and shows mojibake), CRLF line ends, RFC 4180 quoting,
// and every echoed value neutralized (quoting alone does not stop a formula).

import { open } from 'node:fs/promises';
import { reportTable, type ReportContext } from './report-sheet.js';

const BOM = '\uFEFF';
const CRLF = '\r\n';
/** Lines per write: large reports stream instead of being built as one string. */
const LINES_PER_WRITE = 2000;

/** One field as RFC 4180 writes it: quoted when it holds a quote, a comma, a line break or edge spaces. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(',') + CRLF;
}

export async function writeReportCsv(path: string, context: ReportContext): Promise<void> {
  const { header, rows } = reportTable(context);
  const file = await open(path, 'w');
  try {
    await file.write(BOM + csvLine(header));
    for (let start = 0; start < rows.length; start += LINES_PER_WRITE) {
      await file.write(rows.slice(start, start + LINES_PER_WRITE).map(csvLine).join(''));
    }
  } finally {
    await file.close();
  }
}
