// Opens an input file of any supported kind, picks the sheet, finds the header
// and hands the data rows to the core, a batch at a time.

import { FIELD_HEADERS_ZH, HEADER_SEARCH_ROWS, locateHeader, matchHeader, preferFilledColumns, type ColumnMap, type ExtraAliases, type Field, type HeaderLocation } from '../core/columns.js';
import type { MergedRange, SheetRow } from '../core/sheet.js';
import { readCsv } from './csv/read-csv.js';
import { InputError, quoted } from './errors.js';
import { isFindingsHeader } from './output/findings-header.js';
import { sniffFile } from './sniff.js';
import type { ReadLimits, RowBatches } from './table.js';
import { openWorkbook, type CellTables, type Workbook } from './xlsx/workbook.js';

export interface ReadOptions {
  limits: ReadLimits;
  /** Read this sheet (by name) instead of choosing one. */
  sheet?: string;
  /** The header is on this row (as Excel numbers rows) instead of being searched for. */
  headerRow?: number;
  /** More header texts per field (a team's config), tried before the built-in ones. */
  headerAliases?: ExtraAliases;
}

export interface OpenedInput {
  kind: 'xlsx' | 'csv';
  /** The sheet read (xlsx), and the ones passed over. */
  sheet?: string;
  sheetsIgnored: string[];
  headerRow: number;
  columns: ColumnMap;
  /** The rows below the header, streamed in batches (see RowBatches). */
  rows: RowBatches;
  /** Date serials count from 1904 (xlsx from old Macs); false for CSV. */
  date1904: boolean;
  /** The merged ranges of the sheet read; call it once `rows` has been read to the end. CSV has none. */
  merges(): MergedRange[];
  /**
   * The shared strings and date styles the rows were read with (xlsx; undefined for CSV),
   * for the report's second pass to read with the same. Call it once `rows` has been read.
   */
  cellTables(): CellTables | undefined;
  /**
   * How many columns the sheet reaches (the widest row, header and rows above it included),
   * once `rows` has been read: the report's copy adds columns in front, and Excel has 16384.
   */
  width(): number;
  close(): Promise<void>;
}

/** The sheet name the 千帆 pending-orders export uses. */
export const EXPORT_SHEET = '包裹详情';

async function firstRows(batches: RowBatches, count: number): Promise<SheetRow[]> {
  const taken: SheetRow[] = [];
  for await (const batch of batches) {
    for (const row of batch) {
      taken.push(row);
      if (taken.length >= count) return taken;
    }
  }
  return taken;
}

function findHeader(rows: readonly SheetRow[], options: ReadOptions): HeaderLocation | undefined {
  const { headerRow, headerAliases } = options;
  if (headerRow === undefined) return locateHeader(rows, headerAliases);
  const row = rows.find((candidate) => candidate.row === headerRow);
  return row === undefined ? undefined : { ...matchHeader(row.cells, headerAliases), row: headerRow };
}

/** How many of the headers found a missing-columns message lists. */
const LISTED_HEADERS = 30;

function missingColumnsError(path: string, location: HeaderLocation | undefined, sheet: string | undefined): InputError {
  const missing = (location?.missing ?? (['orderId', 'carrier', 'trackingNumber'] as Field[])).map((f) => FIELD_HEADERS_ZH[f]);
  const all = location?.headers ?? [];
  const headers = all.slice(0, LISTED_HEADERS).map(quoted);
  // A cut list says so, and how long the whole is.
  const more = all.length > headers.length;
  const found = headers.length === 0 ? '（无）' : `${headers.join('、')}${more ? `…等共 ${all.length} 列` : ''}`;
  const foundEn = headers.length === 0 ? '(none)' : `${headers.join(', ')}${more ? `… (${all.length} in all)` : ''}`;
  const where = sheet === undefined ? '' : `工作表「${quoted(sheet)}」`;
  const whereEn = sheet === undefined ? '' : ` in sheet "${quoted(sheet)}"`;
  return new InputError(
    {
      zh: `${where}找不到必需的列：${missing.join('、')}。找到的表头：${found}。请确认表头名称，或用 --header-row 指定表头所在行、--sheet 指定工作表。`,
      en: `Required columns not found${whereEn}: ${missing.join(', ')}. Headers found: ${foundEn}. Check the header names, or use --header-row / --sheet.`,
    },
    path,
  );
}

/**
 * The findings list of a ship report is no order sheet: its rows are findings, and every
 * one of them (shipped orders, damaged numbers…) would pass for an order to ship.
 */
function findingsTableError(path: string): InputError {
  return new InputError(
    {
      zh: '这是 ship 问题报告里的「问题」清单，不是订单表。请校验原来的订单表，或问题报告 .xlsx 里的「包裹详情」（改名了就用 --sheet 指定）',
      en: "This is the findings list of a ship report, not an order sheet. Check the original export, or the report .xlsx's copy sheet (包裹详情; name it with --sheet if it was renamed)",
    },
    path,
  );
}

/** How many columns the rows read so far reach, header and rows above it included. */
interface Width {
  widest: number;
}

function widen(width: Width, rows: readonly SheetRow[]): void {
  for (let i = 0; i < rows.length; i++) if (rows[i]!.cells.length > width.widest) width.widest = rows[i]!.cells.length;
}

/** Yields the rows after the header: first those read with it, then the rest of the stream. */
async function* rowsBelow(below: readonly SheetRow[], rest: AsyncIterator<readonly SheetRow[]>, width: Width): AsyncGenerator<readonly SheetRow[]> {
  if (below.length > 0) yield below;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) {
    widen(width, next.value);
    yield next.value;
  }
}

async function openRows(source: RowBatches, path: string, options: ReadOptions, sheet?: string) {
  const iterator = source[Symbol.asyncIterator]();
  // The header is searched in exactly the first HEADER_SEARCH_ROWS rows, or up to a forced
  // header row, whatever the batch sizes. The rest of the batch that
  // completes them is passed on below the header, untouched.
  const buffered: SheetRow[] = [];
  let rest: readonly SheetRow[] = [];
  const enough = () =>
    options.headerRow === undefined ? buffered.length >= HEADER_SEARCH_ROWS : (buffered.at(-1)?.row ?? 0) >= options.headerRow;
  while (!enough()) {
    const next = await iterator.next();
    if (next.done === true) break;
    const batch = next.value;
    let taken = 0;
    while (taken < batch.length && !enough()) buffered.push(batch[taken++]!);
    if (taken < batch.length) rest = batch.slice(taken);
  }
  const found = findHeader(buffered, options);
  if (found === undefined || found.missing.length > 0) {
    await iterator.return?.();
    throw missingColumnsError(path, found, sheet);
  }
  if (isFindingsHeader(found.headers)) {
    await iterator.return?.();
    throw findingsTableError(path);
  }
  const read = [...buffered, ...rest];
  // A field with two columns is read from the one with values in the rows read so far.
  const below = read.filter((row) => row.row > found.row);
  const location = preferFilledColumns(found, below);
  const width: Width = { widest: 0 };
  widen(width, read);
  return { location, rows: rowsBelow(below, iterator, width), width: () => width.widest };
}

async function chooseSheet(workbook: Workbook, path: string, options: ReadOptions): Promise<number> {
  const names = workbook.sheets.map((s) => s.name);
  if (options.sheet !== undefined) {
    const index = names.indexOf(options.sheet);
    if (index < 0) {
      const shown = names.map(quoted);
      throw new InputError(
        { zh: `没有名为「${quoted(options.sheet)}」的工作表。文件中的工作表：${shown.join('、')}`, en: `No sheet named "${quoted(options.sheet)}". Sheets in the file: ${shown.join(', ')}` },
        path,
      );
    }
    return index;
  }
  const exportIndex = names.indexOf(EXPORT_SHEET);
  if (exportIndex >= 0) return exportIndex;
  let findingsOnly = false;
  for (const [index] of names.entries()) {
    const location = findHeader(await firstRows(workbook.readRows(index), HEADER_SEARCH_ROWS), options);
    if (location === undefined || location.missing.length > 0) continue;
    // A report's 问题 sheet names the three columns too: the copy (renamed or not) is the sheet to read.
    if (!isFindingsHeader(location.headers)) return index;
    findingsOnly = true;
  }
  if (findingsOnly) {
    throw new InputError(
      {
        zh: '这是 ship 的问题报告，里面没有原表副本（写报告时用了 --no-report-copy），只有问题清单，不能当订单表校验。请校验原来的订单表',
        en: 'This is a ship report without the copy of the input (written with --no-report-copy): its findings list is no order sheet. Check the original export',
      },
      path,
    );
  }
  return 0;
}

export async function openInput(path: string, options: ReadOptions): Promise<OpenedInput> {
  const kind = await sniffFile(path);
  if (kind === 'csv') {
    const { location, rows, width } = await openRows(readCsv(path, options.limits), path, options);
    return { kind, sheetsIgnored: [], headerRow: location.row, columns: location.columns, rows, date1904: false, merges: () => [], cellTables: () => undefined, width, close: async () => {} };
  }
  const workbook = await openWorkbook(path, options.limits);
  try {
    if (workbook.sheets.length === 0) {
      throw new InputError({ zh: '文件里没有工作表。请重新从千帆导出。', en: 'The workbook has no sheets. Export it again from 千帆.' }, path);
    }
    const index = await chooseSheet(workbook, path, options);
    const sheet = workbook.sheets[index]?.name ?? '';
    const { location, rows, width } = await openRows(workbook.readRows(index), path, options, sheet);
    return {
      kind,
      sheet,
      sheetsIgnored: workbook.sheets.filter((_, i) => i !== index).map((s) => s.name),
      headerRow: location.row,
      columns: location.columns,
      rows,
      date1904: workbook.date1904,
      merges: () => workbook.merges(index),
      cellTables: () => workbook.cellTables(),
      width,
      close: () => workbook.close(),
    };
  } catch (error) {
    await workbook.close();
    throw error;
  }
}
