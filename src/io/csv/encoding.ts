// The text encoding of a CSV export: sniffed from its first bytes, then checked as the
// rest streams past. zh-CN Excel saves "CSV (逗号分隔)" as GBK; 千帆 and "CSV UTF-8" are UTF-8.

import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { InputError } from '../errors.js';
import { PendingBytes } from './pending-bytes.js';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** How much of the file the encoding and the layout are sniffed from. */
export const SNIFF_BYTES = 64 * 1024;

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

/**
 * The file as UTF-8 bytes, which is what the tokenizer reads. UTF-8 passes through, checked
 * as it comes, a character split across two chunks completed from the next; other encodings
 * are decoded (TextDecoder, streaming) and encoded again. A BOM-less file that looked like
 * UTF-8 in its first 64 KiB but turns out not to be, while every line before was ASCII, is
 * GBK with a long ASCII start: the rest is decoded as gb18030.
 */
export async function* utf8Chunks(chunks: AsyncIterable<Buffer>, encoding: CsvEncoding, bom: boolean, path: string): AsyncGenerator<Buffer> {
  if (encoding !== 'utf-8') {
    const decoder = new TextDecoder(encoding);
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true });
      if (text !== '') yield Buffer.from(text, 'utf8');
    }
    const rest = decoder.decode();
    if (rest !== '') yield Buffer.from(rest, 'utf8');
    return;
  }
  let gbk: TextDecoder | undefined;
  const cut = new PendingBytes(); // the start of a character the last chunk cut
  let sawNonAscii = bom;
  let bomLeft = bom ? 3 : 0; // it may come in more than one chunk
  for await (const chunk of chunks) {
    if (gbk !== undefined) {
      const text = gbk.decode(chunk, { stream: true });
      if (text !== '') yield Buffer.from(text, 'utf8');
      continue;
    }
    let bytes = cut.joinedWith(chunk);
    if (bomLeft > 0) {
      const skipped = Math.min(bomLeft, bytes.length);
      bytes = bytes.subarray(skipped);
      bomLeft -= skipped;
    }
    const complete = bytes.subarray(0, completeUtf8Length(bytes));
    if (isUtf8(complete)) {
      sawNonAscii ||= !isAscii(complete);
      if (complete.length < bytes.length) cut.keep(bytes, complete.length);
      if (complete.length > 0) yield complete;
      continue;
    }
    if (sawNonAscii || !isAscii(bytes.subarray(0, lineStartOfFirstError(bytes)))) throw mixedEncoding(path);
    gbk = new TextDecoder('gb18030'); // only ASCII so far, and ASCII reads the same in gb18030
    const text = gbk.decode(bytes, { stream: true });
    if (text !== '') yield Buffer.from(text, 'utf8');
  }
  const rest = gbk?.decode() ?? '';
  if (rest !== '') yield Buffer.from(rest, 'utf8');
  else if (cut.take().length > 0) yield Buffer.from('\uFFFD', 'utf8'); // the file ends in the middle of a character
}

/**
 * Where the line holding the first byte that is not UTF-8 starts. Only the lines before it
 * count as "UTF-8 so far": the first GBK characters on that line may happen to be valid UTF-8.
 */
function lineStartOfFirstError(bytes: Buffer): number {
  let valid = 0; // the longest prefix known to be UTF-8 (a character cut at its end aside)
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const middle = (valid + invalid) >>> 1;
    if (isUtf8(bytes.subarray(0, completeUtf8Length(bytes.subarray(0, middle))))) valid = middle;
    else invalid = middle;
  }
  return bytes.lastIndexOf(0x0a, valid) + 1;
}

/** The length of `bytes` without a UTF-8 character cut short at its end. */
function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const byte = bytes[n - back]!;
    if (byte < 0x80) return n;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? n - back : n;
    }
  }
  return n; // no lead byte: not UTF-8, which isUtf8 will say
}

function mixedEncoding(path: string): InputError {
  return new InputError(
    {
      zh: '文件编码混乱：前面是 UTF-8，后面出现了非 UTF-8 的字节；请在 Excel/WPS 中另存为「CSV UTF-8」或 .xlsx 后重试',
      en: 'The file mixes encodings: UTF-8 at first, then bytes that are not UTF-8; save it as "CSV UTF-8" or .xlsx in Excel/WPS and try again',
    },
    path,
  );
}

export function startsWithBom(buffer: Uint8Array): boolean {
  return buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
}
