// Streams a CSV export into plain rows. Every value stays a string: a tracking number
// like "00123" or a 22-digit number must reach the core exactly as written.

import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, Parser } from 'csv-parse';
import { InputError } from '../errors.js';
import { inputOpenError } from '../sniff.js';
import type { Cell, ReadLimits, SheetRow } from '../table.js';
import { decodeText, detectEncoding, startsWithBom, SNIFF_BYTES } from './encoding.js';
import { sniffLayout } from './layout.js';

export { detectEncoding, type CsvEncoding } from './encoding.js';
export { sniffDelimiter } from './layout.js';

export interface ReadCsvOptions {
  /** Bytes per read from disk; tests lower it to split characters across chunks. */
  highWaterMark?: number;
}

// A record this long means a quote was never closed and swallowed the rest of the file.
const MAX_RECORD_CHARS = 1024 * 1024;

/** Rows of the CSV at `path`, numbered as Excel shows them when it opens the file (header = row 1). Empty rows are skipped. */
export async function* readCsv(path: string, limits: ReadLimits, options: ReadCsvOptions = {}): AsyncGenerator<SheetRow> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw inputOpenError(error, path);
  }
  try {
    const { size } = await file.stat();
    if (size > limits.maxFileBytes) throw tooBig(path, size, limits.maxFileBytes);
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const sample = head.subarray(0, bytesRead);
    const encoding = detectEncoding(sample);
    const layout = sniffLayout(new TextDecoder(encoding).decode(sample), bytesRead < size);

    const source = file.createReadStream({ start: 0, highWaterMark: options.highWaterMark ?? SNIFF_BYTES, autoClose: false });
    const parser = new LineTrackingParser(layout.fromLine - 1, {
      delimiter: layout.delimiter,
      from_line: layout.fromLine,
      bom: false, // decodeText removes it
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false, // an empty line is still a row Excel counts
      max_record_size: MAX_RECORD_CHARS,
    });
    const feeding = pipeline(Readable.from(decodeText(source, encoding, startsWithBom(sample), path)), parser);
    feeding.catch(() => undefined); // its failure reaches us through the parser below

    let row = 0;
    let kept = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        row += 1;
        const cells = toCells(record);
        if (cells === undefined) continue;
        kept += 1;
        if (kept > limits.maxRows) throw tooManyRows(path, limits.maxRows);
        yield { row, cells };
      }
      await feeding;
    } catch (error) {
      throw malformed(error, path, parser.lastRecordLine);
    } finally {
      parser.destroy();
      source.destroy();
    }
  } finally {
    await file.close().catch(() => undefined);
  }
}

/**
 * csv-parse's parser, noting the physical line on which each record ends as it is emitted,
 * so an error can name the line where the failing record starts. (An `on_record` hook
 * would do the same, but csv-parse builds an info object for every record to call it:
 * a quarter of the parse time.)
 */
class LineTrackingParser extends Parser {
  constructor(
    /** The line on which the last complete record ended. */
    public lastRecordLine: number,
    options: ConstructorParameters<typeof Parser>[0],
  ) {
    super(options);
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk !== null) this.lastRecordLine = this.info.lines;
    return super.push(chunk, encoding);
  }
}

function toCells(record: string[]): (Cell | undefined)[] | undefined {
  const cells: (Cell | undefined)[] = [];
  let empty = true;
  for (const raw of record) {
    const text = cleanValue(raw);
    if (text === '') {
      cells.push(undefined);
    } else {
      cells.push({ text, type: 'string' });
      empty = false;
    }
  }
  return empty ? undefined : cells;
}

/**
 * Undoes the tricks exports use to stop Excel from turning long numbers into 7.7E+14:
 * a tab before (Douyin) or after (Pinduoduo) the value, and the `="…"` formula wrapper.
 */
export function cleanValue(raw: string): string {
  let value = stripTabs(raw);
  if (value.length >= 3 && value.startsWith('="') && value.endsWith('"')) {
    value = stripTabs(value.slice(2, -1).replaceAll('""', '"'));
  }
  return value;
}

function stripTabs(value: string): string {
  return value.startsWith('\t') || value.endsWith('\t') ? value.replace(/^\t+|\t+$/g, '') : value;
}

// ---- errors ----------------------------------------------------------------------------------

const MIB = 1024 * 1024;

function tooBig(path: string, size: number, limit: number): InputError {
  const mib = (size / MIB).toFixed(1);
  const max = Math.floor(limit / MIB);
  return new InputError(
    {
      zh: `文件有 ${mib} MB，超过 ${max} MB 的读取上限；请确认选对了文件，如确需读取请用 --max-file-mb <n> 调高上限`,
      en: `The file is ${mib} MB, over the ${max} MB limit; check that this is the right file, or raise the limit with --max-file-mb <n>`,
    },
    path,
  );
}

function tooManyRows(path: string, maxRows: number): InputError {
  return new InputError(
    {
      zh: `文件超过 ${maxRows} 行的读取上限，已停止读取；请确认选对了文件，如确需读取请用 --max-rows-read <n> 调高上限`,
      en: `The file has more than ${maxRows} rows, the read limit; check that this is the right file, or raise the limit with --max-rows-read <n>`,
    },
    path,
  );
}

function malformed(error: unknown, path: string, lastRecordLine: number): unknown {
  if (!(error instanceof CsvError)) return error;
  const redo = { zh: '请检查该行，或重新导出 / 在 Excel/WPS 中另存为 .xlsx 后重试', en: 'check that line, or export again / save as .xlsx in Excel/WPS and try again' };
  // The record that failed starts on the line after the last one that parsed.
  const line = lastRecordLine + 1;
  const text =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? { zh: `CSV 格式错误：第 ${line} 行开始的引号一直没有闭合（文件可能被截断）；${redo.zh}`, en: `Malformed CSV: the quote opened on line ${line} is never closed (truncated file?); ${redo.en}` }
      : error.code === 'CSV_MAX_RECORD_SIZE'
        ? { zh: `CSV 格式错误：第 ${line} 行开始的一条记录超过 ${MAX_RECORD_CHARS} 个字符，通常是引号没有闭合；${redo.zh}`, en: `Malformed CSV: the record starting on line ${line} exceeds ${MAX_RECORD_CHARS} characters, usually an unclosed quote; ${redo.en}` }
        : { zh: `CSV 格式错误（第 ${line} 行）：${error.message}；${redo.zh}`, en: `Malformed CSV (line ${line}): ${error.message}; ${redo.en}` };
  return new InputError(text, path, { cause: error });
}
