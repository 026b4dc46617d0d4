// Splits the UTF-8 bytes of a CSV into records of text fields, chunk by chunk.
//
// It reads what csv-parse 7 reads with the options ship used (relax_quotes,
// relax_column_count, skip_empty_lines: false, max_record_size), quirks included, so that
// row numbers and values stay what users and reports saw before; except that a record ends
// at any line break outside quotes (CR, LF or CRLF, as Excel reads a file whose lines end
// differently), where csv-parse keeps the first kind it met and reads the others as text.
// Error lines are the lines an editor shows: CRLF is one line break, inside quotes too
// (csv-parse counts its CR and its LF there). test/io/csv/tokenizer-differential.test.ts
// holds it to csv-parse, told to end records at all three, on random CSV text.
//
// It works on bytes, not decoded text, and decodes each field on its own: a field sliced
// out of a decoded chunk would keep the whole chunk alive for as long as the validator
// keeps the value (every row's 订单号 and 快递单号), which is the whole file.
//
// For the report's copy of a UTF-8 file it can also keep the common records (one line, no
// quotes) as byte ranges of the chunk, not decoded at all (options.ranges): the copy puts
// most fields into the sheet XML byte for byte.

import { byteClasses, ByteClass, edgesAreNotSpace, FieldRanges, MAX_VERBATIM_BYTES } from './field-ranges.js';
import { FieldTexts, utf8 } from './field-text.js';
import { PendingBytes } from './pending-bytes.js';
import { CR, LF, lineBreakAt, NEED_MORE, Separators } from './separators.js';

const QUOTE = 0x22;

export interface TokenizerOptions {
  /** One character; not a quote or a line break. */
  delimiter: string;
  /** Records dropped at the start of the file (Excel's `sep=` line). */
  skipRecords: number;
  /** csv-parse's max_record_size, counted the way csv-parse counts it (see `tooLong`). */
  maxRecordSize: number;
  /**
   * Keep the records read in one pass as byte ranges (see `ranges`) instead of strings; the
   * others still come as strings. For copying fields into XML without decoding them.
   */
  ranges?: boolean;
}

/**
 * Stands in the records `write` and `end` return for a record kept as byte ranges: the
 * n-th of them is the n-th record of `ranges`. Shared, never to be changed.
 */
export const RANGED_RECORD: string[] = Object.freeze([]) as unknown as string[];

export class CsvFormatError extends Error {
  constructor(
    readonly code: 'quote-not-closed' | 'record-too-long',
    /** The physical line on which the failing record starts. */
    readonly line: number,
  ) {
    super(code === 'quote-not-closed' ? `quote opened on line ${line} is never closed` : `record starting on line ${line} is too long`);
    this.name = 'CsvFormatError';
  }
}

/** What ended the field just read. */
const enum Ending {
  Delimiter,
  Line,
  File,
}

export class CsvTokenizer {
  /** Why reading stopped before the end: the first malformed record. */
  error: CsvFormatError | undefined;

  private readonly separators: Separators;
  private readonly delimiterStart: number;
  /** The highest of the bytes that can end an unquoted field (the delimiter's first byte, CR, LF). */
  private readonly highestStop: number;
  private readonly texts = new FieldTexts();
  /** The records of the last write() or end() kept as byte ranges, when asked for. */
  readonly ranges: FieldRanges | undefined;
  private readonly classes: Uint8Array;
  private readonly maxRecordSize: number;
  private skipRecords: number;
  /** The field a chunk cut, read again with the next chunk. */
  private readonly pending = new PendingBytes();

  private fields: string[] = [];
  /** The length of `fields`' text: csv-parse's record_length. */
  private recordChars = 0;
  /** Line breaks (a CRLF is one) before the field being read. */
  private lineBreaks = 0;
  /**
   * The line an error in the record being read is reported on: as csv-parse did, the line
   * after the one on which the last record returned ended, i.e. where this record starts.
   */
  private recordLine: number;

  // The rest of what the last field reader found (it returns where the next field starts).
  private field = '';
  private fieldBreaks = 0;
  private ending = Ending.Delimiter;

  constructor(options: TokenizerOptions) {
    this.separators = new Separators(options.delimiter);
    this.delimiterStart = this.separators.delimiter[0]!;
    this.highestStop = Math.max(this.delimiterStart, CR, LF);
    this.skipRecords = options.skipRecords;
    this.recordLine = options.skipRecords + 1;
    this.maxRecordSize = options.maxRecordSize;
    this.ranges = options.ranges === true ? new FieldRanges() : undefined;
    this.classes = byteClasses(this.delimiterStart);
  }

  /**
   * The records that `chunk` completes; an incomplete last record waits for the next chunk.
   * A malformed record ends the reading: the records before it are returned, and `error`
   * says what is wrong (later calls return nothing).
   */
  write(chunk: Buffer): string[][] {
    if (this.error !== undefined) return [];
    return this.scanUntilError(this.pending.joinedWith(chunk), false);
  }

  /** The last record, once the file has ended (a quote still open is an `error`). */
  end(): string[][] {
    if (this.error !== undefined) return [];
    return this.scanUntilError(this.pending.take(), true);
  }

  private scanUntilError(bytes: Buffer, final: boolean): string[][] {
    const records: string[][] = [];
    this.ranges?.reset(bytes);
    try {
      this.scan(bytes, final, records);
    } catch (error) {
      if (!(error instanceof CsvFormatError)) throw error;
      this.error = error;
    }
    return records;
  }

  private scan(bytes: Buffer, final: boolean, records: string[][]): void {
    const n = bytes.length;
    let start = 0;
    for (;;) {
      if (start === n) {
        // A delimiter at the very end still opens one more (empty) field.
        if (final && this.fields.length > 0) this.endRecord('', records);
        return;
      }
      if (this.fields.length === 0 && this.skipRecords === 0 && this.separators.delimiter.length === 1) {
        const next = this.ranges === undefined ? this.readSimpleRecord(bytes, start, records) : this.readRangedRecord(bytes, start, records, this.ranges);
        if (next !== start) {
          start = next;
          continue;
        }
      }
      const next = bytes[start] === QUOTE ? this.readQuoted(bytes, start, final) : this.readPlain(bytes, start, '', 0, 0, final);
      if (next === NEED_MORE) {
        this.pending.keep(bytes, start);
        return;
      }
      this.lineBreaks += this.fieldBreaks;
      if (this.ending === Ending.Delimiter) {
        this.fields.push(this.field);
        if (this.skipRecords === 0) this.recordChars += this.field.length; // csv-parse does not count a skipped line's fields
      } else {
        this.endRecord(this.field, records);
        if (this.ending === Ending.File) return;
        this.lineBreaks += 1;
      }
      start = next;
    }
  }

  private endRecord(last: string, records: string[][]): void {
    const { fields } = this;
    fields.push(last);
    if (this.skipRecords > 0) {
      this.skipRecords -= 1;
    } else {
      records.push(fields);
      this.recordLine = this.lineBreaks + 2; // the line after this record's last one
    }
    this.fields = [];
    this.recordChars = 0;
  }

  /**
   * The common case, a record on one line without quotes, read in one pass. Returns where the
   * next record starts. Where it cannot go on (a quote opening a field, a CR that ends the
   * chunk and may be half a CRLF, the end of the chunk) it leaves the fields read so far in
   * `fields` and returns where the field readers take over: `start` when that is the whole record.
   */
  private readSimpleRecord(bytes: Buffer, start: number, records: string[][]): number {
    if (bytes[start] === QUOTE) return start;
    const n = bytes.length;
    const { delimiterStart, highestStop, texts } = this;
    const fields: string[] = [];
    let from = start;
    let high = 0; // the bits of every byte of the field so far: ASCII while bit 7 stays clear
    for (let i = start; i < n; i++) {
      const byte = bytes[i]!;
      if (byte > highestStop) {
        high |= byte;
      } else if (byte === delimiterStart) {
        fields.push(texts.text(bytes, from, i, high < 0x80));
        from = i + 1;
        high = 0;
        if (bytes[from] === QUOTE) break;
      } else if (byte === LF || byte === CR) {
        if (byte === CR && i + 1 === n) break; // maybe the first half of a CRLF
        // A field's characters plus its bytes stay within the record's bytes: below the limit, no check can fail.
        if (i - start > this.maxRecordSize) return start;
        fields.push(texts.text(bytes, from, i, high < 0x80));
        records.push(fields);
        this.recordLine = this.lineBreaks + 2;
        this.lineBreaks += 1;
        return byte === CR && bytes[i + 1] === LF ? i + 2 : i + 1;
      } else {
        high |= byte;
      }
    }
    if (from - start > this.maxRecordSize) return start;
    this.fields = fields;
    for (const field of fields) this.recordChars += field.length;
    return from;
  }

  /**
   * readSimpleRecord for the ranged mode: the same records, kept as ranges, each field noted
   * as verbatim or not. A record it cannot read whole is left to the field readers (as text).
   */
  private readRangedRecord(bytes: Buffer, start: number, records: string[][], ranges: FieldRanges): number {
    if (bytes[start] === QUOTE) return start;
    const n = bytes.length;
    const { delimiterStart, classes } = this;
    const mark = ranges.mark;
    let from = start;
    let verbatim = true;
    for (let i = start; i < n; i++) {
      const byteClass = classes[bytes[i]!]!;
      if (byteClass === ByteClass.Plain) continue;
      if (byteClass === ByteClass.Special) {
        verbatim = false;
        continue;
      }
      if (byteClass === ByteClass.LeadEF) {
        const next = bytes[i + 1];
        if (next === 0xbf || next === 0xbb) verbatim = false; // U+FFxx (U+FFFE, U+FFFF), U+FEFF
        continue;
      }
      const byte = bytes[i]!;
      if (byte === CR && i + 1 === n) break; // maybe the first half of a CRLF
      ranges.addField(from, i, verbatim && (i === from || (i - from <= MAX_VERBATIM_BYTES && edgesAreNotSpace(bytes, from, i))));
      if (byte === delimiterStart) {
        from = i + 1;
        verbatim = true;
        if (bytes[from] === QUOTE) break;
        continue;
      }
      // A field's characters plus its bytes stay within the record's bytes: below the limit, no check can fail.
      if (i - start > this.maxRecordSize) break;
      ranges.endRecord();
      records.push(RANGED_RECORD);
      this.recordLine = this.lineBreaks + 2;
      this.lineBreaks += 1;
      return byte === CR && bytes[i + 1] === LF ? i + 2 : i + 1;
    }
    ranges.rollBack(mark);
    return start;
  }

  /**
   * Reads an unquoted field from `from`, or the rest of one whose quotes turned out to be
   * text (`prefix` is its text so far, `prefixBytes` its size, `breaks` the line breaks in
   * its quoted part). Quotes inside are text. Returns where the next field starts, or NEED_MORE.
   */
  private readPlain(bytes: Buffer, from: number, prefix: string, prefixBytes: number, breaks: number, final: boolean): number {
    const n = bytes.length;
    const { delimiterStart, highestStop } = this;
    let high = 0; // the bits of every byte so far: ASCII while bit 7 stays clear
    for (let i = from; i < n; i++) {
      const byte = bytes[i]!;
      // Most bytes (digits, letters, CJK) are above every byte that can end a field.
      if (byte > highestStop || (byte !== delimiterStart && byte !== LF && byte !== CR)) {
        high |= byte;
        continue;
      }
      const isLineBreak = byte === LF || byte === CR;
      const length = isLineBreak ? lineBreakAt(bytes, i, final) : this.separators.delimiterAt(bytes, i, final);
      if (length === NEED_MORE) return this.needMore(prefixBytes + i - from);
      if (length > 0) {
        this.ending = isLineBreak ? Ending.Line : Ending.Delimiter;
        return this.finishField(prefix, prefixBytes, bytes, from, i, high < 0x80, breaks, i + length);
      }
      high |= byte; // the first byte of a multi-byte delimiter, not followed by the rest
    }
    if (!final) return this.needMore(prefixBytes + n - from);
    this.ending = Ending.File;
    return this.finishField(prefix, prefixBytes, bytes, from, n, high < 0x80, breaks, n);
  }

  /** Reads a field that opens with a quote. Returns where the next field starts, or NEED_MORE. */
  private readQuoted(bytes: Buffer, start: number, final: boolean): number {
    const n = bytes.length;
    let text = '';
    let textBytes = 0;
    let breaks = 0; // a CRLF is one, as an editor counts lines (csv-parse counts two)
    let run = start + 1; // where the text since the last doubled quote starts
    let i = run;
    for (;;) {
      for (; i < n; i++) {
        const byte = bytes[i]!;
        if (byte === QUOTE) break;
        if (byte === CR || (byte === LF && bytes[i - 1] !== CR)) breaks += 1;
      }
      if (i === n) {
        const size = textBytes + n - run;
        if (!final) return this.needMore(size);
        throw new CsvFormatError(this.tooLong(size) ? 'record-too-long' : 'quote-not-closed', this.recordLine);
      }
      if (i + 1 === n) {
        if (!final) return this.needMore(textBytes + i - run); // a doubled quote or the closing one?
        this.ending = Ending.File;
        return this.finishField(text, textBytes, bytes, run, i, false, breaks, n);
      }
      const after = bytes[i + 1]!;
      if (after === QUOTE) {
        text += utf8(bytes, run, i + 1);
        textBytes += i + 1 - run;
        run = i + 2;
        i = run;
        continue;
      }
      const delimiter = this.separators.delimiterAt(bytes, i + 1, final);
      const lineBreak = delimiter === 0 ? lineBreakAt(bytes, i + 1, final) : 0;
      if (delimiter === NEED_MORE || lineBreak === NEED_MORE) return this.needMore(textBytes + i - run);
      if (delimiter > 0 || lineBreak > 0) {
        this.ending = lineBreak > 0 ? Ending.Line : Ending.Delimiter;
        return this.finishField(text, textBytes, bytes, run, i, false, breaks, i + 1 + delimiter + lineBreak);
      }
      // A quote followed by anything else does not close the field: csv-parse keeps the
      // field's quotes as text (`"ab"c` reads as `"ab"c`, doubled quotes already undone) and
      // reads on as unquoted. After a NUL byte (falsy to csv-parse) the quote does close the
      // quoted part, and the NUL starts the rest.
      text += utf8(bytes, run, i);
      textBytes += i - run;
      if (after === 0) return this.readPlain(bytes, i + 1, text, textBytes, breaks, final);
      return this.readPlain(bytes, i + 1, `"${text}"`, textBytes + 2, breaks, final);
    }
  }

  private finishField(prefix: string, prefixBytes: number, bytes: Buffer, from: number, to: number, ascii: boolean, breaks: number, next: number): number {
    if (this.tooLong(prefixBytes + to - from)) throw new CsvFormatError('record-too-long', this.recordLine);
    const text = this.texts.text(bytes, from, to, ascii);
    this.field = prefix === '' ? text : prefix + text;
    this.fieldBreaks = breaks;
    return next;
  }

  /** The chunk ended inside a field: fail now if it is already too long, so that a lost quote does not buffer the whole file. */
  private needMore(fieldBytesSoFar: number): number {
    if (this.tooLong(fieldBytesSoFar)) throw new CsvFormatError('record-too-long', this.recordLine);
    return NEED_MORE;
  }

  /**
   * csv-parse checks, before it adds each byte to a field, that the characters of the
   * record's earlier fields plus the field's bytes so far stay within max_record_size.
   */
  private tooLong(fieldBytes: number): boolean {
    return fieldBytes > 0 && this.recordChars + fieldBytes - 1 > this.maxRecordSize;
  }
}
