// The rows of the report's copy of a UTF-8 CSV, read as byte ranges and written as bytes
// (see copy-row-bytes.ts), a block of rows per chunk read. As in copyRows, the rows must be
// the ones the validator saw (same numbers, same count): otherwise the file changed.

import type { SheetRow } from '../../core/sheet.js';
import { sheetRowOf, type CsvRowBatch, type RangedCsv } from '../csv/read-csv-ranges.js';
import { CopyVerdicts } from './copy-looks.js';
import { CopyRowWriter, type CopyRowLooks } from './copy-row-bytes.js';
import type { CopyContext, CopySource } from './report-copy.js';
import type { EncodedRows } from './sheet-rows.js';
import { walkToHeader } from './source-sheet.js';

/**
 * Rows per block handed to the sheet writer (about 200 KB of XML). The compressor takes its
 * next piece only when this thread gets back to the event loop, which it does between
 * blocks: a whole chunk's rows at once (over 1 MB) would leave it idle meanwhile.
 */
const BLOCK_ROWS = 200;

/** Reads down to the header; the rows below it are written as bytes. */
export async function openCsvCopyRows(context: CopyContext, csv: RangedCsv): Promise<CopySource> {
  try {
    const above: SheetRow[] = [];
    const { batch, at } = await walkToHeader(csv.batches, (b, i) => b.rows[i], context.source, (b, i) => above.push(sheetRowOf(b, i)));
    return { above, header: sheetRowOf(batch, at), rows: (strip) => encodedRows(batch, at + 1, csv.batches, context, strip), close: () => csv.close() };
  } catch (error) {
    await csv.close();
    throw error;
  }
}

/**
 * A block of rows per batch, from row `start` of `first`. A block is written before the
 * next batch is read: its byte ranges point into the reader's buffers.
 */
async function* encodedRows(first: CsvRowBatch, start: number, rest: AsyncIterator<CsvRowBatch>, context: CopyContext, strip: number): AsyncGenerator<EncodedRows> {
  const verdicts = new CopyVerdicts(context, strip);
  let writer: CopyRowWriter | undefined;
  const writeRows = (batch: CsvRowBatch, from: number, to: number, sink: Parameters<EncodedRows['writeTo']>[0]) => {
    for (let k = from; k < to; k++) {
      const { label, looks } = verdicts.of(batch.rows[k]!);
      const added: CopyRowLooks = looks === undefined ? { added: [label, undefined, undefined] } : { style: looks.style, marks: looks.marks, added: [label, looks.problems, looks.hints] };
      writer!.write(sink, batch, k, added);
    }
  };
  for (let batch = first, from = start; ; from = 0) {
    for (let blockFrom = from; blockFrom < batch.rows.length; blockFrom += BLOCK_ROWS) {
      const block = batch;
      const blockTo = Math.min(blockFrom + BLOCK_ROWS, batch.rows.length);
      yield {
        firstRow: block.rows[blockFrom]!,
        lastRow: block.rows[blockTo - 1]!,
        writeTo: (sink, width, columns) => {
          writer ??= new CopyRowWriter(columns, width, strip);
          writeRows(block, blockFrom, blockTo, sink);
        },
      };
    }
    const next = await rest.next();
    if (next.done === true) break;
    batch = next.value;
  }
  verdicts.end();
}
