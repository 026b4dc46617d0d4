// One worksheet row as SpreadsheetML: text as inline strings (no shared-string table to
// hold in memory), and, for the report's copy of the input, numbers, dates, booleans and
// error values as the input stored them, so that checking the copy again reads the same
// values the same way.

import { EXCEL_ERROR_VALUES } from '../../core/cell-value.js';
import type { Cell } from '../../core/sheet.js';
import { columnName } from '../xlsx/cell-ref.js';
import type { ByteSink } from './byte-sink.js';
import { isReportStyle, STYLE_COUNT, styleIndex, type CellStyle } from './sheet-styles.js';

/** A cell: text, or a value of the type the input stored it as (a `Cell` from a reader). */
export type CellValue = string | Cell | undefined;

/** A row with its own number and looks; a plain `string[]` row is text in the next row. */
export interface StyledRow {
  /** The row number Excel shows; one after the previous row when omitted. Rows must go down the sheet. */
  row?: number;
  cells: readonly CellValue[];
  /** The look of every cell of the row up to the sheet's width, empty ones included. */
  style?: CellStyle;
  /** Cells with a look of their own, by 0-based column. */
  marks?: ReadonlyMap<number, CellStyle>;
}

/** A line given as values: a plain `string[]` row, or a styled row. */
export type TextLine = readonly string[] | StyledRow;

/**
 * Rows that write their own XML bytes into the sheet (the report's copy of a UTF-8 CSV),
 * numbered firstRow to lastRow. The bytes must be what styledRowXml would give.
 */
export interface EncodedRows {
  readonly firstRow: number;
  readonly lastRow: number;
  /** `width` is the sheet's (row fills run across it); `columns` the sheet's cell starts. */
  writeTo(sink: ByteSink, width: number, columns: ColumnNames): void;
}

export type SheetLine = TextLine | EncodedRows;

/** Excel refuses longer cell text (it "repairs" the file); the cut never splits a surrogate pair. */
const MAX_CELL_LENGTH = 32767;

// What XML 1.0 cannot hold or must escape, and text that reads as an OOXML `_xHHHH_` escape.
const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000b-\u001f\ud800-\udfff\ufffe\uffff]|_x[0-9a-fA-F]{4}_/;
const EDGE_SPACE = /^\s|\s$/;
// An xsd:double as a reader gives it ("773277027280336", "7.7327702728033597E+14", "45600.5").
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');

/** Cell text as the content of <t>: entities for & < >, `_xHHHH_` for control characters (Excel's own form, also for CR). */
export function escapeCellText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x26) out += '&amp;';
    else if (code === 0x3c) out += '&lt;';
    else if (code === 0x3e) out += '&gt;';
    else if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0xfffe || code === 0xffff) out += `_x${hex4(code)}_`;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      out += text.slice(i, i + 2);
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd'; // a lone surrogate cannot be written as UTF-8
    else if (code === 0x5f && /^_x[0-9a-fA-F]{4}_/.test(text.slice(i, i + 7))) out += '_x005F_'; // keep a literal "_x0041_" literal
    else out += text[i];
  }
  return out;
}

function clip(text: string): string {
  if (text.length <= MAX_CELL_LENGTH) return text;
  const cut = (text.charCodeAt(MAX_CELL_LENGTH - 1) & 0xfc00) === 0xd800 ? MAX_CELL_LENGTH - 1 : MAX_CELL_LENGTH;
  return text.slice(0, cut);
}

/** Whether a character at either end of the text may be one that `\s` matches (a few more are fine: they take the full path). */
function mayBeSpace(code: number): boolean {
  return code <= 0x20 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x205f) || code === 0x3000 || code === 0xfeff;
}

/**
 * True when the text goes into <t> as it is: short enough, nothing to escape, no space at
 * either end. One pass over the characters instead of two regexes and a clip: almost every
 * cell (names, addresses, numbers) is such text. Anything unusual, even harmless (a tab,
 * "_", an emoji), takes the full path, which gives the same XML for text that passes here.
 */
export function isPlainCellText(text: string): boolean {
  const length = text.length;
  if (length > MAX_CELL_LENGTH) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x40 ? code < 0x20 || code === 0x26 || code === 0x3c || code === 0x3e : code === 0x5f || code >= 0xd800) return false;
  }
  return length === 0 || (!mayBeSpace(text.charCodeAt(0)) && !mayBeSpace(text.charCodeAt(length - 1)));
}

/** The start of a cell of each column (`<c r="D`), made once per sheet. */
export class ColumnNames {
  private readonly opens: string[] = [];
  /** `<c r="D`: the row number and the rest of the cell follow. */
  open(index: number): string {
    return (this.opens[index] ??= `<c r="${columnName(index)}`);
  }
}

// What follows the cell reference, per cellXfs index: built once instead of per cell.
const perStyle = (make: (style: number) => string) => Array.from({ length: STYLE_COUNT }, (_, style) => make(style));
const TEXT_AT = perStyle((s) => `" s="${s}" t="inlineStr"><is><t>`);
const SPACED_TEXT_AT = perStyle((s) => `" s="${s}" t="inlineStr"><is><t xml:space="preserve">`);
const VALUE_AT = perStyle((s) => `" s="${s}"><v>`);
const BOOLEAN_AT = perStyle((s) => `" s="${s}" t="b"><v>`);
const ERROR_AT = perStyle((s) => `" s="${s}" t="e"><v>`);
const EMPTY_AT = perStyle((s) => `" s="${s}"/>`);
const TEXT_END = '</t></is></c>';
const VALUE_END = '</v></c>';

/** The parts of a text cell around its reference and its text, for writers that build cells as bytes. */
export const CELL_PARTS = { textAt: TEXT_AT, emptyAt: EMPTY_AT, textEnd: TEXT_END } as const;

/** A text cell the slow way: clipped, escaped, its edge spaces kept. `ref` is `<c r="D5`. */
export function escapedStringCell(ref: string, style: number, value: string): string {
  const text = clip(value);
  return ref + (EDGE_SPACE.test(text) ? SPACED_TEXT_AT[style] : TEXT_AT[style]) + escapeCellText(text) + TEXT_END;
}

/** A text cell (`ref` is `<c r="D5`); plain text skips the escaping, with the same result. */
export function stringCell(ref: string, style: number, value: string): string {
  return isPlainCellText(value) ? ref + TEXT_AT[style] + value + TEXT_END : escapedStringCell(ref, style, value);
}

/** A row of text cells in one style: the import sheet, the findings and every header. */
export function rowXml(values: readonly string[], rowNumber: number, style: number, columns: ColumnNames): string {
  const row = String(rowNumber);
  let xml = `<row r="${row}">`;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined || value === '') continue;
    xml += stringCell(columns.open(i) + row, style, value);
  }
  return `${xml}</row>`;
}

/** One non-empty cell of a styled row in cellXfs `style` (`dateStyle` for a date cell); `ref` is `<c r="D5`. */
function valueCell(ref: string, value: Exclude<CellValue, undefined>, style: number, dateStyle: number): string {
  if (typeof value === 'string') return stringCell(ref, style, value);
  const { text, type } = value;
  if ((type === 'number' || type === 'date') && NUMBER.test(text) && Number.isFinite(Number(text))) {
    return ref + VALUE_AT[type === 'date' ? dateStyle : style] + text + VALUE_END;
  }
  if (type === 'boolean' && (text === 'TRUE' || text === 'FALSE')) return ref + BOOLEAN_AT[style] + (text === 'TRUE' ? '1' : '0') + VALUE_END;
  if (type === 'error' && EXCEL_ERROR_VALUES.has(text)) return ref + ERROR_AT[style] + text + VALUE_END;
  return stringCell(ref, style, text);
}

/**
 * A styled row: every value in the cell's look (its mark, else the row's), and the empty
 * cells up to `width` too when the row has a fill, so the fill runs across the table.
 */
export function styledRowXml(line: StyledRow, rowNumber: number, width: number, columns: ColumnNames, reportStyles: boolean): string {
  const rowLook = line.style ?? 'text';
  const marks = line.marks;
  if (!reportStyles && (isReportStyle(rowLook) || [...(marks?.values() ?? [])].some(isReportStyle))) {
    throw new Error('row fills and marks need a workbook written with the report styles');
  }
  const fillEmpty = rowLook !== 'text';
  const cells = line.cells;
  const count = fillEmpty ? Math.max(cells.length, width) : cells.length;
  // The row's look, looked up once; a marked cell looks its own up. Date cells keep the
  // date variant of the look only in the report table.
  const rowStyle = styleIndex(rowLook);
  const rowDateStyle = styleIndex(rowLook, reportStyles);
  const row = String(rowNumber);
  let xml = `<row r="${row}">`;
  for (let i = 0; i < count; i++) {
    const value = cells[i];
    const mark = marks?.get(i);
    const look = mark ?? rowLook;
    const empty = value === undefined || value === '' || (typeof value !== 'string' && value.text === '');
    if (!empty) {
      const style = mark === undefined ? rowStyle : styleIndex(mark);
      const dateStyle = mark === undefined ? rowDateStyle : styleIndex(mark, reportStyles);
      xml += valueCell(columns.open(i) + row, value, style, dateStyle);
    } else if (fillEmpty || look !== rowLook) xml += columns.open(i) + row + EMPTY_AT[styleIndex(look)];
  }
  return `${xml}</row>`;
}
