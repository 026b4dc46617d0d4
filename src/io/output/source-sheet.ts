// The second pass over the input, for the report's copy of it: the same sheet, every
// row from the top (title rows and header included), streamed again. The first pass kept
// only compact records, so the cells are read from the file once more, but with the first
// pass's shared-string table rather than a second one.

import type { MergedRange } from '../../core/sheet.js';
import { csvRows, readCsv, type CsvFile } from '../csv/read-csv.js';
import { InputError } from '../errors.js';
import type { ReadLimits, RowBatches } from '../table.js';
import { openWorkbook, type CellTables } from '../xlsx/workbook.js';

/** Where the rows the validator saw came from, as the first pass found it. */
export interface SourceSheet {
  path: string;
  kind: 'xlsx' | 'csv';
  /** The sheet read (xlsx). */
  sheet?: string;
  headerRow: number;
  /** Date serials count from 1904 (xlsx from old Macs): the copy keeps them as they are, so the report must too. */
  date1904: boolean;
  limits: ReadLimits;
  /** The sheet's merged ranges (xlsx), to merge the same cells in the copy. */
  merges: readonly MergedRange[];
  /**
   * The shared strings and date styles the first pass read with (xlsx). Without them the
   * second pass parses its own; with them, one table of millions of strings exists, not two.
   */
  cellTables?: CellTables;
  /** How many columns the sheet reaches (OpenedInput.width); undefined when not known. */
  width?: number;
}

export interface SourceRows {
  /** In batches, as the readers hand them up. */
  rows: RowBatches;
  close(): Promise<void>;
}

/**
 * Every row of the source sheet, top to bottom (empty rows skipped, as the readers do).
 * `csv`: a CSV already opened (by the copy pass, to learn its encoding), read from there.
 */
export async function openSourceRows(source: SourceSheet, csv?: CsvFile): Promise<SourceRows> {
  if (source.kind === 'csv') {
    const rows = csv === undefined ? readCsv(source.path, source.limits) : csvRows(csv, source.path, source.limits);
    const close = async () => {
      await rows.return(undefined);
      // A generator closes its file in a finally that only runs once it has started.
      await csv?.handle.close().catch(() => undefined);
    };
    return { rows, close };
  }
  const workbook = await openWorkbook(source.path, source.limits);
  const index = workbook.sheets.findIndex((sheet) => sheet.name === source.sheet);
  // Other shared strings mean other cell texts: the copy would not show what was checked.
  if (index < 0 || (source.cellTables !== undefined && !workbook.adopt(source.cellTables))) {
    await workbook.close();
    throw changedWhileRead(source.path);
  }
  return { rows: workbook.readRows(index), close: () => workbook.close() };
}

/** The file no longer holds what the first pass read (saved again in Excel meanwhile). */
export function changedWhileRead(path: string): InputError {
  return new InputError(
    {
      zh: '文件在校验过程中被修改了（例如在 Excel/WPS 中又保存了一次），问题报告无法与校验结果对应。请关闭文件后重新运行',
      en: 'The file changed while it was being checked (saved again in Excel/WPS?), so the report would not match. Close it and run again',
    },
    path,
  );
}

/**
 * Reads batches of a second pass down to the header row, handing each row above it to
 * `above`; returns the batch the header is in and its index there. A header that is not
 * where the first pass found it means the file changed. `rowAt` gives the row number of
 * entry `i` of a batch (undefined past its end), so rows as cells and rows as bytes share this.
 */
export async function walkToHeader<B>(
  batches: AsyncIterator<B>,
  rowAt: (batch: B, i: number) => number | undefined,
  source: Pick<SourceSheet, 'path' | 'headerRow'>,
  above: (batch: B, i: number) => void,
): Promise<{ batch: B; at: number }> {
  for (;;) {
    const next = await batches.next();
    if (next.done === true) throw changedWhileRead(source.path);
    const batch = next.value;
    for (let i = 0, row = rowAt(batch, 0); row !== undefined; row = rowAt(batch, ++i)) {
      if (row > source.headerRow) throw changedWhileRead(source.path);
      if (row === source.headerRow) return { batch, at: i };
      above(batch, i);
    }
  }
}
