// Streams a CSV export into plain rows. Every value stays a string: a tracking number
// like "00123" or a 22-digit number must reach the core exactly as written.

import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { InputError } from '../errors.js';
import { inputOpenError } from '../sniff.js';
import type { Cell, ReadLimits, SheetRow } from '../table.js';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface ReadCsvOptions {
  /** Bytes per read from disk; tests lower it to split characters across chunks. */
  highWaterMark?: number;
}

const SNIFF_BYTES = 64 * 1024;
// A record this long means a quote was never closed and swallowed the rest of the file.
const MAX_RECORD_CHARS = 1024 * 1024;
const DELIMITERS = [',', '\t', ';'] as const;
type Delimiter = (typeof DELIMITERS)[number];

/**
 * The encoding of a CSV from its first bytes: a BOM decides; otherwise valid UTF-8 in
 * the first 64 KiB means UTF-8, anything else is taken as GBK (zh-CN Excel's "CSV").
 */
export function detectEncoding(buffer: Uint8Array): CsvEncoding {
  if (startsWithBom(buffer)) return 'utf-8';
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be';
  try {
    // stream: true, so a character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, SNIFF_BYTES), { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

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
    let lastRecordLine = layout.fromLine - 1; // the physical line on which the last complete record ended
    const parser = parse({
      delimiter: layout.delimiter,
      from_line: layout.fromLine,
      bom: false, // TextDecoder already removed it
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false, // an empty line is still a row Excel counts
      max_record_size: MAX_RECORD_CHARS,
      on_record: (record: string[], context) => {
        lastRecordLine = context.lines;
        return record;
      },
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
      throw malformed(error, path, lastRecordLine);
    } finally {
      parser.destroy();
      source.destroy();
    }
  } finally {
    await file.close().catch(() => undefined);
  }
}

/**
 * Decodes chunks as they come (stream: true keeps a character split across two chunks).
 * A BOM-less file that looked like UTF-8 in its first 64 KiB but turns out not to be, while
 * everything before was ASCII, is GBK with a long ASCII start: the rest is decoded as gb18030.
 */
async function* decodeText(chunks: AsyncIterable<Buffer>, encoding: CsvEncoding, bom: boolean, path: string): AsyncGenerator<string> {
  if (encoding !== 'utf-8') {
    const decoder = new TextDecoder(encoding);
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true });
      if (text !== '') yield text;
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
    return;
  }
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const gbk = new TextDecoder('gb18030');
  let stillUtf8 = true;
  let sawNonAscii = bom;
  for await (const chunk of chunks) {
    let text: string | undefined;
    if (stillUtf8) {
      try {
        text = utf8.decode(chunk, { stream: true });
        sawNonAscii ||= hasNonAscii(chunk);
      } catch (error) {
        if (sawNonAscii) throw mixedEncoding(path, error);
        stillUtf8 = false; // only ASCII so far, and ASCII reads the same in gb18030
      }
    }
    text ??= gbk.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  let rest: string;
  try {
    rest = stillUtf8 ? utf8.decode() : gbk.decode();
  } catch {
    rest = '\uFFFD'; // the file ends in the middle of a character
  }
  if (rest !== '') yield rest;
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

// ---- layout: delimiter and Excel's "sep=" line -------------------------------------------------

interface Layout {
  delimiter: string;
  /** 2 when the first line is Excel's `sep=;` directive, which Excel hides. */
  fromLine: number;
}

function sniffLayout(sample: string, truncated: boolean): Layout {
  const directive = /^sep=(.)\r?\n/i.exec(sample);
  if (directive?.[1] !== undefined) return { delimiter: directive[1], fromLine: 2 };
  return { delimiter: sniffDelimiter(sample, truncated), fromLine: 1 };
}

/**
 * Counts each candidate outside quotes in the first records and picks the one whose count
 * is the same on the most records (then the highest count). A tab next to a comma or
 * semicolon, or at either end of a line, is a value prefix or suffix, not a delimiter.
 */
export function sniffDelimiter(sample: string, truncated = false): Delimiter {
  // A sample cut mid-record would skew the last count.
  const complete = truncated && sample.includes('\n') ? sample.slice(0, sample.lastIndexOf('\n') + 1) : sample;
  const records = countDelimiters(complete, 20);
  let best: Delimiter = ',';
  let bestScore: [number, number] = [0, 0];
  for (const [index, delimiter] of DELIMITERS.entries()) {
    const counts = records.map((record) => record[index] ?? 0);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const score: [number, number] = [counts.filter((count) => count === first).length, first];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Per record (that has any candidate at all), how often each of DELIMITERS occurs outside quotes. */
function countDelimiters(sample: string, maxRecords: number): number[][] {
  const records: number[][] = [];
  let counts = [0, 0, 0];
  let inQuotes = false;
  let fieldStart = true;
  const endRecord = () => {
    if (counts.some((count) => count > 0)) records.push(counts);
    counts = [0, 0, 0];
    fieldStart = true;
  };
  for (let i = 0; i < sample.length && records.length < maxRecords; i += 1) {
    const char = sample[i];
    if (inQuotes) {
      if (char === '"') {
        if (sample[i + 1] === '"') i += 1;
        else inQuotes = false;
      }
    } else if (char === '"' && fieldStart) {
      inQuotes = true;
    } else if (char === '\n' || char === '\r') {
      endRecord();
    } else {
      const index = DELIMITERS.findIndex((delimiter) => delimiter === char);
      const counted = index >= 0 && !(char === '\t' && isValueTab(sample, i));
      if (counted) counts[index] = (counts[index] ?? 0) + 1;
      fieldStart = counted;
    }
  }
  if (records.length < maxRecords) endRecord();
  return records;
}

function isValueTab(sample: string, i: number): boolean {
  const edge = (char: string | undefined) => char === undefined || char === '\n' || char === '\r' || char === ',' || char === ';';
  return edge(sample[i - 1]) || edge(sample[i + 1]);
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

function mixedEncoding(path: string, cause: unknown): InputError {
  return new InputError(
    {
      zh: '文件编码混乱：前面是 UTF-8，后面出现了非 UTF-8 的字节；请在 Excel/WPS 中另存为「CSV UTF-8」或 .xlsx 后重试',
      en: 'The file mixes encodings: UTF-8 at first, then bytes that are not UTF-8; save it as "CSV UTF-8" or .xlsx in Excel/WPS and try again',
    },
    path,
    { cause },
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

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

function startsWithBom(buffer: Uint8Array): boolean {
  return buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
}
