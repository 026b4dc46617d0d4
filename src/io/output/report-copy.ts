// The report's copy of the input, the sheet a merchant fixes in: every column and row of
// the sheet that was checked, on the same rows as in the input (so the row numbers of the
// 问题 sheet and of the terminal point into it), with three columns in front saying what
// happened to the row and why. Rows with an error are filled red, rows with only warnings
// yellow, and the cell a finding is about is marked. The sheet is named 包裹详情, the name
// ship reads first, and the added headers are none that ship reads: checking the report
// again after fixing cells in it checks the fixed copy. When the input is such a copy, its
// added columns are replaced, not added again.

import { reportColumnsIn, REPORT_ADDED_HEADERS, type ColumnMap, type Field } from '../../core/columns.js';
import type { Lang } from '../../core/messages.js';
import type { SheetRow } from '../../core/sheet.js';
import type { ValidationResult } from '../../core/validate.js';
import { EXPORT_SHEET } from '../read-input.js';
import type { CsvFile } from '../csv/read-csv.js';
import { openCsvForCopy } from '../csv/read-csv-ranges.js';
import { ADDED, CopyVerdicts } from './copy-looks.js';
import { openCsvCopyRows } from './csv-copy-rows.js';
import { columnName, MAX_COLUMN, MAX_ROW } from '../xlsx/cell-ref.js';
import type { CellValue, SheetLine, StyledRow } from './sheet-rows.js';
import { openSourceRows, walkToHeader, type SourceSheet } from './source-sheet.js';
import { displayWidth, type TextSheet } from './text-sheet.js';

/** The copy is named like the 千帆 export's sheet, which ship picks when a workbook has it. */
export const COPY_SHEET = EXPORT_SHEET;

/** Excel opens no sheet longer than this; a longer CSV input gets no copy. */
export const EXCEL_MAX_ROWS = MAX_ROW;

/** Excel's last column is XFD, the 16384th. */
export const EXCEL_MAX_COLUMNS = MAX_COLUMN + 1;

/**
 * Why the copy would not fit in a sheet Excel can open, or undefined when it fits: more
 * rows than Excel has (a CSV), or data in the last columns, which the added columns in
 * front would push past XFD (a report that is checked again has them already).
 */
export function copyMisfit(result: ValidationResult, source: { width?: number }, columns: ColumnMap): 'too-long' | 'too-wide' | undefined {
  const { records } = result;
  if (records.length > 0 && records.rowAt(records.length - 1) > EXCEL_MAX_ROWS) return 'too-long';
  const width = source.width ?? 0;
  if (width > 0 && width - (columns.addedByReport ?? 0) + ADDED > EXCEL_MAX_COLUMNS) return 'too-wide';
  return undefined;
}

const ADDED_WIDTHS = [10, 44, 44];
const FIELD_WIDTHS: Partial<Record<Field, number>> = { orderId: 24, trackingNumber: 22, carrier: 12, recipientAddress: 30 };

export interface CopyContext {
  result: ValidationResult;
  columns: ColumnMap;
  lang: Lang;
  source: SourceSheet;
}

export interface CopySheet {
  sheet: TextSheet;
  /** Releases the input; call it also when writing failed. */
  close(): Promise<void>;
}

/**
 * The data rows, in input order, each beside the findings about it. The rows must be the
 * ones the validator saw (same numbers, same count): otherwise the file changed in between.
 * `first` is what is left of the batch the header came in; the sheet writer takes rows one
 * at a time, so this is the one layer that still hands them up singly.
 */
async function* copyRows(first: readonly SheetRow[], rest: AsyncIterator<readonly SheetRow[]>, context: CopyContext, strip: number): AsyncGenerator<StyledRow> {
  const verdicts = new CopyVerdicts(context, strip);
  for (let batch: IteratorResult<readonly SheetRow[]> = { done: false, value: first }; batch.done !== true; batch = await rest.next()) {
    for (const { row, cells } of batch.value) {
      const { label, looks } = verdicts.of(row);
      const own: CellValue[] = strip === 0 ? cells : cells.slice(strip);
      if (looks === undefined) {
        yield { row, cells: [label, undefined, undefined, ...own] };
        continue;
      }
      const { problems, hints, ...fill } = looks;
      yield { row, cells: [label, problems, hints, ...own], ...fill };
    }
  }
  verdicts.end();
}

function widthsOf(header: readonly string[], columns: ColumnMap, strip: number): number[] {
  const fieldAt = new Map<number, Field>();
  for (const [field, index] of Object.entries(columns.index) as [Field, number][]) fieldAt.set(index, field);
  const own = header.slice(strip).map((text, i) => {
    const field = fieldAt.get(i + strip);
    return (field === undefined ? undefined : FIELD_WIDTHS[field]) ?? Math.min(24, Math.max(8, displayWidth(text.trim()) + 2));
  });
  return [...ADDED_WIDTHS, ...own];
}

/** The rows the copy is made of: those above the header, the header, and a stream of the rows below it. */
export interface CopySource {
  above: SheetRow[];
  header: SheetRow;
  /** The rows below the header as sheet lines, the added columns in front and `strip` input columns left out. */
  rows(strip: number): AsyncIterable<SheetLine>;
  close(): Promise<void>;
}

/** The rows of any input, as the readers give them. */
async function openReaderRows(context: CopyContext, csv?: CsvFile): Promise<CopySource> {
  const { source } = context;
  const opened = await openSourceRows(source, csv);
  try {
    const rows = opened.rows[Symbol.asyncIterator]();
    const above: SheetRow[] = [];
    const { batch, at } = await walkToHeader(rows, (b, i) => b[i]?.row, source, (b, i) => above.push(b[i]!));
    const header = batch[at]!;
    const below = batch.slice(at + 1);
    return { above, header, rows: (strip) => copyRows(below, rows, context, strip), close: () => opened.close() };
  } catch (error) {
    await opened.close();
    throw error;
  }
}

/**
 * Opens the input again and returns the copy sheet, its rows streamed from the file as
 * the workbook is written. The rows above the header (an ERP's title rows) are copied too.
 * A UTF-8 CSV is copied as bytes (see csv-copy-rows.ts); other inputs from the rows read.
 */
export async function openCopySheet(context: CopyContext): Promise<CopySheet> {
  const { source } = context;
  // A CSV is opened once: as byte ranges when it is UTF-8, else for the plain reader.
  const csv = source.kind === 'csv' ? await openCsvForCopy(source.path, source.limits) : undefined;
  const opened = csv !== undefined && 'ranged' in csv ? await openCsvCopyRows(context, csv.ranged) : await openReaderRows(context, csv?.file);
  try {
    return { sheet: copySheet(context, opened), close: () => opened.close() };
  } catch (error) {
    await opened.close();
    throw error;
  }
}

/** The copy sheet around its rows: the added headers in front, the input's merges moved along. */
function copySheet(context: CopyContext, opened: CopySource): TextSheet {
  const { source } = context;
  const { above, header } = opened;
  const headerText = Array.from(header.cells, (cell) => cell?.text ?? '');
  const strip = reportColumnsIn(headerText);
  const shift = ADDED - strip;
  // A title merged across the whole row (A1:XFD1) would end past XFD once moved right: it
  // is cut at the last column, where its value (in its first cell) never is.
  const last = MAX_COLUMN;
  const merges = source.merges
    .filter((range) => range.left >= strip && range.left + shift <= last)
    .map((range) => `${columnName(range.left + shift)}${range.top}:${columnName(Math.min(range.right + shift, last))}${range.bottom}`);
  return {
    name: COPY_SHEET,
    header: [...REPORT_ADDED_HEADERS[context.lang], ...headerText.slice(strip)],
    headerRow: source.headerRow,
    preamble: above.map((row) => ({ row: row.row, cells: [undefined, undefined, undefined, ...row.cells.slice(strip)] })),
    rows: opened.rows(strip),
    widths: widthsOf(headerText, context.columns, strip),
    worksheetFriendly: true,
    merges,
    fastCompression: true,
  };
}
