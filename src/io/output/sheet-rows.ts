// One worksheet row as SpreadsheetML: text as inline strings (no shared-string table to
// hold in memory), and, for the report's copy of the input, numbers, dates, booleans and
// error values as the input stored them, so that checking the copy again reads the same
// values the same way.

import type { Cell } from '../../core/sheet.js';
import { isReportStyle, styleIndex, type CellStyle } from './sheet-styles.js';

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

export type SheetLine = readonly string[] | StyledRow;

/** Excel refuses longer cell text (it "repairs" the file); the cut never splits a surrogate pair. */
const MAX_CELL_LENGTH = 32767;

// What XML 1.0 cannot hold or must escape, and text that reads as an OOXML `_xHHHH_` escape.
const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000b-\u001f\ud800-\udfff\ufffe\uffff]|_x[0-9a-fA-F]{4}_/;
const EDGE_SPACE = /^\s|\s$/;
// An xsd:double as a reader gives it ("773277027280336", "7.7327702728033597E+14", "45600.5").
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const ERROR_VALUES = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA']);

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

/** A1-style column letters for a 0-based index. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    name = String.fromCharCode(65 + m) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

export class ColumnNames {
  private readonly names: string[] = [];
  get(index: number): string {
    return (this.names[index] ??= columnName(index));
  }
}

function stringCell(ref: string, style: number, value: string): string {
  const text = clip(value);
  const space = EDGE_SPACE.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t${space}>${escapeCellText(text)}</t></is></c>`;
}

/** A row of text cells in one style: the import sheet, the findings and every header. */
export function rowXml(values: readonly string[], rowNumber: number, style: number, columns: ColumnNames): string {
  let xml = `<row r="${rowNumber}">`;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined || value === '') continue;
    xml += stringCell(`${columns.get(i)}${rowNumber}`, style, value);
  }
  return `${xml}</row>`;
}

/** One cell of a styled row; `look` decides the style, a date cell takes the date variant of it. */
function valueCell(ref: string, value: Exclude<CellValue, undefined>, look: CellStyle, reportStyles: boolean): string {
  if (typeof value === 'string') return stringCell(ref, styleIndex(look), value);
  const { text, type } = value;
  if ((type === 'number' || type === 'date') && NUMBER.test(text) && Number.isFinite(Number(text))) {
    return `<c r="${ref}" s="${styleIndex(look, type === 'date' && reportStyles)}"><v>${text}</v></c>`;
  }
  if (type === 'boolean' && (text === 'TRUE' || text === 'FALSE')) return `<c r="${ref}" s="${styleIndex(look)}" t="b"><v>${text === 'TRUE' ? 1 : 0}</v></c>`;
  if (type === 'error' && ERROR_VALUES.has(text)) return `<c r="${ref}" s="${styleIndex(look)}" t="e"><v>${text}</v></c>`;
  return stringCell(ref, styleIndex(look), text);
}

/**
 * A styled row: every value in the cell's look (its mark, else the row's), and the empty
 * cells up to `width` too when the row has a fill, so the fill runs across the table.
 */
export function styledRowXml(line: StyledRow, rowNumber: number, width: number, columns: ColumnNames, reportStyles: boolean): string {
  const rowLook = line.style ?? 'text';
  if (!reportStyles && (isReportStyle(rowLook) || [...(line.marks?.values() ?? [])].some(isReportStyle))) {
    throw new Error('row fills and marks need a workbook written with the report styles');
  }
  const fillEmpty = rowLook !== 'text';
  const count = fillEmpty ? Math.max(line.cells.length, width) : line.cells.length;
  let xml = `<row r="${rowNumber}">`;
  for (let i = 0; i < count; i++) {
    const value = line.cells[i];
    const look = line.marks?.get(i) ?? rowLook;
    const empty = value === undefined || value === '' || (typeof value !== 'string' && value.text === '');
    if (!empty) xml += valueCell(`${columns.get(i)}${rowNumber}`, value, look, reportStyles);
    else if (fillEmpty || look !== rowLook) xml += `<c r="${columns.get(i)}${rowNumber}" s="${styleIndex(look)}"/>`;
  }
  return `${xml}</row>`;
}
