// The rows of a UTF-8 CSV as byte ranges of the chunk they were read from, for the
// report's copy: its fields go into the sheet XML as bytes, and only the few that need a
// change (see field-ranges.ts) are decoded. Rows are numbered, counted and skipped when
// empty exactly as readCsv does, so the copy can compare them with the rows checked.

import type { ReadLimits, SheetRow } from '../table.js';
import type { FieldRanges } from './field-ranges.js';
import { utf8 } from './field-text.js';
import { cleanValue, isBlankRecord, openCsvFile, toCells, tooManyRows, type CsvFile, type ReadCsvOptions } from './read-csv.js';
import { RANGED_RECORD } from './tokenizer.js';

const TAB = 0x09;
const EQUALS = 0x3d;

/** The rows one chunk completed. Valid until the next batch is asked for: the ranges point into a reused buffer. */
export interface CsvRowBatch {
  /** The records kept as ranges, and the bytes they point into. */
  ranges: FieldRanges;
  /** The row number Excel shows, per row. */
  rows: number[];
  /** Per row: its record in `ranges`, or -1 when `texts` holds its fields. */
  recordOf: number[];
  /** Per row: the fields of a record the tokenizer read as text. */
  texts: (readonly string[] | undefined)[];
}

export interface RangedCsv {
  batches: AsyncGenerator<CsvRowBatch>;
  /** Stops reading and closes the file; also when reading failed. */
  close(): Promise<void>;
}

/**
 * Opens the CSV at `path` for reading as byte ranges, or returns undefined when it is not a
 * UTF-8 file: other encodings are decoded anyway, and keep the plain reader.
 */
export async function openCsvRanges(path: string, limits: ReadLimits, options: ReadCsvOptions = {}): Promise<RangedCsv | undefined> {
  const opened = await openCsvForCopy(path, limits, options);
  if ('ranged' in opened) return opened.ranged;
  await opened.file.handle.close().catch(() => undefined);
  return undefined;
}

/**
 * Opens the CSV at `path` once for the report's copy: as byte ranges when it is UTF-8, else
 * the opened file, for the plain reader (csvRows) without opening and sniffing it again.
 */
export async function openCsvForCopy(path: string, limits: ReadLimits, options: ReadCsvOptions = {}): Promise<{ ranged: RangedCsv } | { file: CsvFile }> {
  const file = await openCsvFile(path, limits, options);
  if (file.encoding !== 'utf-8') return { file };
  return { ranged: rangedCsv(file, path, limits) };
}

function rangedCsv(file: CsvFile, path: string, limits: ReadLimits): RangedCsv {
  const tokenizer = file.tokenizer(true);
  const batches = rangedRows(file.records(tokenizer), tokenizer.ranges!, path, limits);
  return {
    batches,
    close: async () => {
      await batches.return(undefined);
      await file.handle.close().catch(() => undefined);
    },
  };
}

async function* rangedRows(records: AsyncGenerator<string[][]>, ranges: FieldRanges, path: string, limits: ReadLimits): AsyncGenerator<CsvRowBatch> {
  let row = 0; // every record counts, empty ones too, as in readCsv
  let kept = 0;
  for await (const batch of records) {
    const rows: number[] = [];
    const recordOf: number[] = [];
    const texts: (readonly string[] | undefined)[] = [];
    let ranged = 0;
    for (const record of batch) {
      row += 1;
      const index = record === RANGED_RECORD ? ranged++ : -1;
      if (index >= 0 ? isEmptyRecord(ranges, index) : isBlankRecord(record)) continue;
      kept += 1;
      if (kept > limits.maxRows) {
        // Every row under the limit still goes up, then the error.
        if (rows.length > 0) yield { ranges, rows, recordOf, texts };
        throw tooManyRows(path, limits.maxRows);
      }
      rows.push(row);
      recordOf.push(index);
      texts.push(index >= 0 ? undefined : record);
    }
    if (rows.length > 0) yield { ranges, rows, recordOf, texts };
  }
}

/** Whether every field of the record is empty once cleaned, as readCsv skips it. */
function isEmptyRecord(ranges: FieldRanges, record: number): boolean {
  const { bytes } = ranges;
  const first = ranges.firstField(record);
  const end = first + ranges.fieldCount(record);
  for (let field = first; field < end; field++) {
    const from = ranges.from(field);
    const to = ranges.to(field);
    if (from === to) continue;
    // Only a leading tab or an `="` wrapper can clean a field down to nothing.
    const lead = bytes[from];
    if ((lead !== TAB && lead !== EQUALS) || cleanValue(utf8(bytes, from, to)) !== '') return false;
  }
  return true;
}

/** Row `index` of the batch as readCsv gives it: for the rows down to the header, which the copy reads as text. */
export function sheetRowOf(batch: CsvRowBatch, index: number): SheetRow {
  const record = batch.recordOf[index]!;
  const fields = record < 0 ? batch.texts[index]! : fieldTexts(batch.ranges, record);
  return { row: batch.rows[index]!, cells: toCells(fields) ?? [] };
}

function fieldTexts(ranges: FieldRanges, record: number): string[] {
  const first = ranges.firstField(record);
  return Array.from({ length: ranges.fieldCount(record) }, (_, k) => utf8(ranges.bytes, ranges.from(first + k), ranges.to(first + k)));
}
