// The report's copy of a UTF-8 CSV written as bytes: a verbatim field's bytes go from the
// read chunk into the sheet XML between prebuilt cell parts, without a string per field
// or per row. Everything else (the added columns, a field that needs a change, a record
// the tokenizer read as text) is written the string way, cell by cell. The bytes are
// those styledRowXml gives for the same row: test/io/output/copy-row-bytes.test.ts
// holds the two to each other.

import { cleanValue } from '../csv/read-csv.js';
import type { CsvRowBatch } from '../csv/read-csv-ranges.js';
import { utf8 } from '../csv/field-text.js';
import { viewOf, type ByteSink } from './byte-sink.js';
import { CELL_PARTS, stringCell, type ColumnNames } from './sheet-rows.js';
import { styleIndex, STYLE_COUNT, type CellStyle } from './sheet-styles.js';
import { ADDED } from './copy-looks.js';

/** What the copy adds to a row: its look and the three added columns (see describeRow). */
export interface CopyRowLooks {
  style?: CellStyle;
  marks?: ReadonlyMap<number, CellStyle>;
  added: readonly [string, string | undefined, string | undefined];
}

/** More than a cell's parts around its text can take: `<c r="XFD1048576" s="11" t="inlineStr"><is><t>` and `</t></is></c>`. */
const CELL_ROOM = 96;
/** Field bytes up to this many are copied four at a time in JS; longer ones by Buffer.copy, a call into C++. */
const SHORT_FIELD = 256;

/** Fixed ASCII text as 4-byte words and the bytes left over: a DataView writes a word as fast as a byte. */
interface Parts {
  words: Int32Array;
  tail: Uint8Array;
}

function ascii(text: string): Parts {
  return partsOf(Buffer.from(text, 'latin1'));
}

function utf8Parts(text: string): Parts {
  return partsOf(Buffer.from(text, 'utf8'));
}

function partsOf(bytes: Buffer): Parts {
  const whole = bytes.length - (bytes.length % 4);
  const words = new Int32Array(whole / 4);
  for (let i = 0; i < whole; i += 4) words[i / 4] = bytes.readInt32LE(i);
  return { words, tail: Uint8Array.from(bytes.subarray(whole)) };
}

const ROW_OPEN = ascii('<row r="');
const ROW_OPEN_END = ascii('">');
const ROW_END = ascii('</row>');
const TEXT_AT = Array.from({ length: STYLE_COUNT }, (_, style) => ascii(CELL_PARTS.textAt[style]!));
const EMPTY_AT = Array.from({ length: STYLE_COUNT }, (_, style) => ascii(CELL_PARTS.emptyAt[style]!));
const TEXT_END = ascii(CELL_PARTS.textEnd);

/** Writes `parts` at the sink's end; room reserved. */
function put(sink: ByteSink, parts: Parts): void {
  const { buffer, view } = sink;
  const { words, tail } = parts;
  let at = sink.length;
  for (let i = 0; i < words.length; i++) {
    view.setInt32(at, words[i]!, true);
    at += 4;
  }
  for (let i = 0; i < tail.length; i++) buffer[at++] = tail[i]!;
  sink.length = at;
}

/** Writes copy rows of one sheet; holds the cell starts as bytes, made once per column. */
export class CopyRowWriter {
  private readonly opens: Parts[] = [];
  /** The row number, and its digits. */
  private row = '';
  private readonly digits = new Uint8Array(16);
  private digitCount = 0;
  /** The bytes the last batch's ranges point into, as a DataView. */
  private source: Buffer | undefined;
  private sourceView: DataView = new DataView(new ArrayBuffer(0));
  /** Text cells after their reference, by style and text: the added columns repeat a few labels. */
  private readonly tails = new Map<string, Parts>();

  constructor(
    private readonly columns: ColumnNames,
    /** The sheet's width: a filled row runs across it. */
    private readonly width: number,
    /** Leading input columns left out (an earlier report's added columns). */
    private readonly strip: number,
  ) {}

  /** Row `index` of `batch`, as styledRowXml writes `{ row, cells: [...added, ...fields.slice(strip)], style, marks }`. */
  write(sink: ByteSink, batch: CsvRowBatch, index: number, looks: CopyRowLooks): void {
    const rowNumber = batch.rows[index]!;
    this.setRow(rowNumber);
    const rowLook = looks.style ?? 'text';
    const { marks } = looks;
    const fillEmpty = rowLook !== 'text';
    const rowStyle = styleIndex(rowLook);
    const record = batch.recordOf[index]!;
    const texts = batch.texts[index];
    const { ranges } = batch;
    const fieldCount = record < 0 ? texts!.length : ranges.fieldCount(record);
    const firstField = record < 0 ? 0 : ranges.firstField(record);
    const cellCount = ADDED + Math.max(0, fieldCount - this.strip);
    const count = fillEmpty ? Math.max(cellCount, this.width) : cellCount;
    const shift = this.strip - ADDED; // cell i shows field i + shift

    sink.reserve(32);
    put(sink, ROW_OPEN);
    this.putDigits(sink);
    put(sink, ROW_OPEN_END);
    for (let i = 0; i < count; i++) {
      const mark = marks?.get(i);
      const style = mark === undefined ? rowStyle : styleIndex(mark);
      let text: string | undefined;
      if (i < ADDED) {
        text = looks.added[i];
        if (text !== undefined && text !== '') {
          this.addedCell(sink, i, style, text);
          continue;
        }
      } else if (i < cellCount) {
        if (record < 0) {
          text = cleanValue(texts![i + shift]!);
        } else {
          const field = firstField + i + shift;
          const from = ranges.from(field);
          const to = ranges.to(field);
          if (from === to) text = '';
          else if (ranges.isVerbatim(field)) {
            this.verbatimCell(sink, i, style, ranges.bytes, from, to);
            continue;
          } else text = cleanValue(utf8(ranges.bytes, from, to));
        }
        if (text !== '') {
          sink.add(stringCell(this.columns.open(i) + this.row, style, text));
          continue;
        }
      }
      // An empty cell is written only to carry a fill: the row's, or its own mark.
      if (fillEmpty || (mark !== undefined && mark !== rowLook)) {
        sink.reserve(CELL_ROOM);
        this.putReference(sink, i);
        put(sink, EMPTY_AT[style]!);
      }
    }
    sink.reserve(8);
    put(sink, ROW_END);
  }

  private setRow(rowNumber: number): void {
    const row = String(rowNumber);
    this.row = row;
    for (let i = 0; i < row.length; i++) this.digits[i] = row.charCodeAt(i);
    this.digitCount = row.length;
  }

  private putDigits(sink: ByteSink): void {
    const { buffer } = sink;
    const { digits } = this;
    let at = sink.length;
    for (let i = 0; i < this.digitCount; i++) buffer[at++] = digits[i]!;
    sink.length = at;
  }

  /** `<c r="D5`: room reserved. */
  private putReference(sink: ByteSink, column: number): void {
    put(sink, (this.opens[column] ??= ascii(this.columns.open(column))));
    this.putDigits(sink);
  }

  private verbatimCell(sink: ByteSink, column: number, style: number, bytes: Buffer, from: number, to: number): void {
    sink.reserve(CELL_ROOM + to - from);
    this.putReference(sink, column);
    put(sink, TEXT_AT[style]!);
    const { buffer, view } = sink;
    let at = sink.length;
    if (to - from <= SHORT_FIELD) {
      if (bytes !== this.source) {
        this.source = bytes;
        this.sourceView = viewOf(bytes);
      }
      const source = this.sourceView;
      let i = from;
      for (; i + 4 <= to; i += 4) {
        view.setInt32(at, source.getInt32(i, true), true);
        at += 4;
      }
      for (; i < to; i++) buffer[at++] = bytes[i]!;
    } else {
      at += bytes.copy(buffer, at, from, to);
    }
    sink.length = at;
    put(sink, TEXT_END);
  }

  private addedCell(sink: ByteSink, column: number, style: number, text: string): void {
    if (text.length > 64) {
      sink.add(stringCell(this.columns.open(column) + this.row, style, text));
      return;
    }
    const key = `${style} ${text}`;
    let tail = this.tails.get(key);
    if (tail === undefined) {
      tail = utf8Parts(stringCell('', style, text));
      if (this.tails.size < 256) this.tails.set(key, tail);
    }
    sink.reserve(CELL_ROOM + 4 * tail.words.length + tail.tail.length);
    this.putReference(sink, column);
    put(sink, tail);
  }
}
