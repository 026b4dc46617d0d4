// Streams a CSV export into plain rows. Every value stays a string: a tracking number
// like "00123" or a 22-digit number must reach the core exactly as written.

import { open, type FileHandle } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { inputOpenError } from '../sniff.js';
import type { Cell, ReadLimits, SheetRow } from '../table.js';
import { detectEncoding, startsWithBom, utf8Chunks, SNIFF_BYTES, type CsvEncoding } from './encoding.js';
import { sniffLayout } from './layout.js';
import { CsvFormatError, CsvTokenizer } from './tokenizer.js';

export { detectEncoding, type CsvEncoding } from './encoding.js';
export { sniffDelimiter } from './layout.js';

export interface ReadCsvOptions {
  /** Bytes per read from disk; tests lower it to split characters across chunks. */
  highWaterMark?: number;
}

// A record this long means a quote was never closed and swallowed the rest of the file.
const MAX_RECORD_CHARS = 1024 * 1024;

// Fewer, larger reads: each is a round trip to libuv's thread pool, and the field a chunk cuts is read twice.
const READ_BYTES = 256 * 1024;

/** A CSV file opened for reading, its encoding and layout sniffed from its first bytes. */
export interface CsvFile {
  handle: FileHandle;
  encoding: CsvEncoding;
  /** A tokenizer for the file's layout; `ranges` as in TokenizerOptions. */
  tokenizer(ranges: boolean): CsvTokenizer;
  /**
   * The file's records, a batch per chunk read (see CsvTokenizer.write): a batch is read
   * once the one before has been used. A malformed record throws, as an InputError, once
   * the records before it are out.
   */
  records(tokenizer: CsvTokenizer): AsyncGenerator<string[][]>;
}

/** Opens the CSV at `path`; the caller closes `handle`. */
export async function openCsvFile(path: string, limits: ReadLimits, options: ReadCsvOptions = {}): Promise<CsvFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw inputOpenError(error, path);
  }
  try {
    const { size } = await handle.stat();
    if (size > limits.maxFileBytes) throw tooBig(path, size, limits.maxFileBytes);
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const sample = head.subarray(0, bytesRead);
    const encoding = detectEncoding(sample);
    const layout = sniffLayout(new TextDecoder(encoding).decode(sample), bytesRead < size);
    const bom = startsWithBom(sample);
    const tokenizer = (ranges: boolean) =>
      new CsvTokenizer({ delimiter: layout.delimiter, skipRecords: layout.fromLine - 1, maxRecordSize: MAX_RECORD_CHARS, ranges });
    async function* records(tokenizer: CsvTokenizer): AsyncGenerator<string[][]> {
      const bytes = utf8Chunks(chunksOf(handle, options.highWaterMark ?? READ_BYTES), encoding, bom, path);
      try {
        yield* recordBatches(bytes, tokenizer);
      } catch (error) {
        throw malformed(error, path);
      }
    }
    return { handle, encoding, tokenizer, records };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Rows of the CSV at `path`, numbered as Excel shows them when it opens the file (header = row 1),
 * a batch per chunk read. Empty rows are skipped.
 */
export async function* readCsv(path: string, limits: ReadLimits, options: ReadCsvOptions = {}): AsyncGenerator<readonly SheetRow[]> {
  yield* csvRows(await openCsvFile(path, limits, options), path, limits);
}

/** readCsv() of a file already opened (the copy pass opens it once to learn its encoding); closes it when done. */
export async function* csvRows(file: CsvFile, path: string, limits: ReadLimits): AsyncGenerator<readonly SheetRow[]> {
  try {
    let row = 0; // every record counts, empty ones too: Excel shows them as rows
    let kept = 0;
    for await (const records of file.records(file.tokenizer(false))) {
      const batch: SheetRow[] = [];
      for (const record of records) {
        row += 1;
        const cells = toCells(record);
        if (cells === undefined) continue;
        kept += 1;
        if (kept > limits.maxRows) {
          // Every row under the limit still goes up, then the error.
          if (batch.length > 0) yield batch;
          throw tooManyRows(path, limits.maxRows);
        }
        batch.push({ row, cells });
      }
      if (batch.length > 0) yield batch;
    }
  } finally {
    await file.handle.close().catch(() => undefined);
  }
}

/**
 * The file from its start, `size` bytes a read. The next read runs while the caller works on
 * a chunk, into the other of two buffers: a chunk is only valid until the next is asked for.
 */
async function* chunksOf(file: FileHandle, size: number): AsyncGenerator<Buffer> {
  const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  let next = file.read(buffers[0]!, 0, size, null);
  try {
    for (let turn = 1; ; turn ^= 1) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) return;
      next = file.read(buffers[turn]!, 0, size, null);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await next.catch(() => undefined); // a caller that stops early leaves one read running
  }
}

/** The records each chunk completes, then the last one; a malformed record throws once those before it are out. */
async function* recordBatches(bytes: AsyncIterable<Buffer>, tokenizer: CsvTokenizer): AsyncGenerator<string[][]> {
  for await (const chunk of bytes) {
    yield tokenizer.write(chunk);
    if (tokenizer.error !== undefined) throw tokenizer.error;
  }
  yield tokenizer.end();
  if (tokenizer.error !== undefined) throw tokenizer.error;
}

export function toCells(record: readonly string[]): (Cell | undefined)[] | undefined {
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

/** Whether every field is empty once cleaned: a row readCsv leaves out (toCells gives undefined). */
export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((raw) => cleanValue(raw) === '');
}

/**
 * Undoes the tricks exports use to stop Excel from turning long numbers into 7.7E+14:
 * a tab before (Douyin) or after (Pinduoduo) the value, and the `="…"` formula wrapper.
 */
export function cleanValue(raw: string): string {
  let value = stripTabs(raw);
  if (value.length >= 3 && value.charCodeAt(0) === EQUALS && value.charCodeAt(1) === QUOTE && value.charCodeAt(value.length - 1) === QUOTE) {
    value = stripTabs(value.slice(2, -1).replaceAll('""', '"'));
  }
  return value;
}

const TAB = 0x09;
const QUOTE = 0x22;
const EQUALS = 0x3d;

function stripTabs(value: string): string {
  return value.charCodeAt(0) === TAB || value.charCodeAt(value.length - 1) === TAB ? value.replace(/^\t+|\t+$/g, '') : value;
}

// ---- errors ----------------------------------------------------------------------------------

const MIB = 1024 * 1024;

function tooBig(path: string, size: number, limit: number): InputError {
  const mib = (size / MIB).toFixed(1);
  const max = Math.floor(limit / MIB);
  return new InputError(
    {
      zh: `文件有 ${mib} MB，超过 ${max} MB 的读取上限；请确认选对了文件，如确需读取请用 --max-file-mb <MB> 提高上限`,
      en: `The file is ${mib} MB, over the ${max} MB limit; check that this is the right file, or raise the limit with --max-file-mb <n>`,
    },
    path,
  );
}

export function tooManyRows(path: string, maxRows: number): InputError {
  return new InputError(
    {
      zh: `文件超过 ${maxRows} 行（含表头）的读取上限，这个文件没有校验。请确认选对了文件；确实需要时用 --max-rows-read <行数> 提高上限`,
      en: `The file has more than ${maxRows} rows (header included), the read limit: the file was not checked. Check that this is the right file; if it is, raise the limit with --max-rows-read <n>`,
    },
    path,
  );
}

function malformed(error: unknown, path: string): unknown {
  if (!(error instanceof CsvFormatError)) return error;
  const redo = { zh: '请检查该行，或重新导出，或在 Excel/WPS 中另存为 .xlsx 后重试', en: 'check that line, or export again, or save as .xlsx in Excel/WPS and try again' };
  const { line } = error;
  const text =
    error.code === 'quote-not-closed'
      ? { zh: `CSV 格式错误：第 ${line} 行开始的引号一直没有闭合（文件可能被截断）；${redo.zh}`, en: `Malformed CSV: the quote opened on line ${line} is never closed (truncated file?); ${redo.en}` }
      : { zh: `CSV 格式错误：第 ${line} 行开始的一条记录超过 ${MAX_RECORD_CHARS} 个字符，通常是引号没有闭合；${redo.zh}`, en: `Malformed CSV: the record starting on line ${line} exceeds ${MAX_RECORD_CHARS} characters, usually an unclosed quote; ${redo.en}` };
  return new InputError(text, path, { cause: error });
}
