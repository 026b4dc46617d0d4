// Turns the XML of one worksheet, fed in chunks of any size, into SheetRows and merged
// ranges. Reads only what the contract needs from <sheetData> and <mergeCells>; the
// <dimension> element is never read (千帆 exports carry a wrong one).

import { isoDateToSerial, type ExcelDateOptions } from '../../core/excel-date.js';
import { quoted } from '../errors.js';
import type { Cell, CellType, MergedRange, SheetRow } from '../table.js';
import { MAX_COLUMN, MAX_ROW, parseRange, parseRef } from './cell-ref.js';
import { AttrCursor, XlsxFormatError, XmlScanner, type XmlHandler } from './xml-scan.js';
import type { StringTable } from './shared-strings.js';
import { decodeEscapes, detach } from './xml-text.js';

const NAMES = ['sheetData', 'row', 'c', 'v', 'f', 'is', 't', 'rPh', 'mergeCell'] as const;
const SHEET_DATA = 0, ROW = 1, C = 2, V = 3, F = 4, IS = 5, T = 6, RPH = 7, MERGE_CELL = 8;

// The t attribute of <c>; absent means a number.
const T_NUMBER = 0, T_SHARED = 1, T_STR = 2, T_INLINE = 3, T_BOOL = 4, T_ERROR = 5, T_DATE = 6;

// Where text between tags goes.
const INTO_NOTHING = 0, INTO_V = 1, INTO_IS = 2;

const NO_ROWS: readonly SheetRow[] = Object.freeze([]);

const BEYOND_XFD = {
  zh: '有单元格超出了 Excel 的最后一列 XFD',
  en: 'a cell is beyond column XFD, the last column Excel has',
};

// The report's copy keeps each row's number: such a row would make a report Excel cannot open.
const BEYOND_LAST_ROW = {
  zh: `有行超出了 Excel 的最后一行 ${MAX_ROW}`,
  en: `a row is beyond row ${MAX_ROW}, the last row Excel has`,
};

export interface SheetParserOptions {
  /** The workbook's shared strings, already decoded. */
  sharedStrings: StringTable;
  /** For each cell style (index into cellXfs): does it show numbers as dates? */
  dateStyles: readonly boolean[];
}

export class SheetParser implements XmlHandler {
  capturing = false;
  /** Every <mergeCell>; complete once end() has returned. */
  readonly merges: MergedRange[] = [];

  private readonly scanner = new XmlScanner(NAMES, this);
  private readonly cursor = new AttrCursor();
  private readonly ref = { row: 0 };
  private rows: SheetRow[] = [];

  private inSheetData = false;
  private inRow = false;
  private rowNumber = 0;
  /** The number of the row before; Excel writes rows in ascending order, each once. */
  private previousRow = 0;
  private rowHasNumber = false;
  private rowHasText = false;
  private cells: (Cell | undefined)[] = [];

  private inCell = false;
  private column = -1;
  private cellType = T_NUMBER;
  private style = 0;
  private formula = false;
  private hasV = false;
  private vText = '';
  private hasIs = false;
  private isText = '';
  private inIs = false;
  private phonetic = 0;
  private into = INTO_NOTHING;

  /** `dates`: the workbook's date system, which the serial of a `t="d"` cell counts in. */
  constructor(private readonly options: SheetParserOptions, private readonly dates: ExcelDateOptions) {}

  /** Feeds the next piece of the sheet's text; returns the rows it completed. */
  write(chunk: string): readonly SheetRow[] {
    this.scanner.write(chunk);
    return this.takeRows();
  }

  /** The sheet's text has ended; returns the last rows, if any. */
  end(): readonly SheetRow[] {
    this.scanner.end();
    if (this.inSheetData) throw new XlsxFormatError({ zh: '表格数据被截断', en: 'the sheet data is cut off' });
    return this.takeRows();
  }

  private takeRows(): readonly SheetRow[] {
    if (this.rows.length === 0) return NO_ROWS;
    const out = this.rows;
    this.rows = [];
    return out;
  }

  open(id: number, s: string, attrStart: number, attrEnd: number): void {
    switch (id) {
      case SHEET_DATA: this.inSheetData = true; break;
      case ROW: if (this.inSheetData) this.openRow(s, attrStart, attrEnd); break;
      case C: if (this.inRow) this.openCell(s, attrStart, attrEnd); break;
      case V:
        if (this.inCell) { this.hasV = true; this.vText = ''; this.into = INTO_V; this.capturing = true; }
        break;
      case F: if (this.inCell) this.formula = true; break;
      case IS: if (this.inCell) { this.inIs = true; this.hasIs = true; this.isText = ''; } break;
      case T:
        if (this.inIs && this.phonetic === 0) { this.into = INTO_IS; this.capturing = true; }
        break;
      case RPH: if (this.inIs) this.phonetic++; break;
      case MERGE_CELL: this.addMerge(s, attrStart, attrEnd); break;
    }
  }

  close(id: number): void {
    switch (id) {
      case SHEET_DATA: this.inSheetData = false; break;
      case ROW: if (this.inRow) this.closeRow(); break;
      case C: if (this.inCell) this.closeCell(); break;
      case V: case T: this.into = INTO_NOTHING; this.capturing = false; break;
      case IS: this.inIs = false; break;
      case RPH: if (this.phonetic > 0) this.phonetic--; break;
    }
  }

  text(text: string): void {
    if (this.into === INTO_V) this.vText += text;
    else if (this.into === INTO_IS) this.isText += text;
  }

  private openRow(s: string, from: number, to: number): void {
    this.inRow = true;
    this.rowNumber++; // a row without r follows the previous one
    this.rowHasNumber = false;
    this.rowHasText = false;
    this.column = -1;
    const a = this.cursor.reset(s, from, to);
    while (a.next()) {
      if (a.nameEnd - a.nameStart !== 1 || s.charCodeAt(a.nameStart) !== 0x72) continue; // r
      const n = Number(s.slice(a.valueStart, a.valueEnd));
      if (!Number.isInteger(n) || n < 1) throw new XlsxFormatError({ zh: '有无效的行号', en: 'a row number is not valid' });
      this.rowNumber = n;
      this.rowHasNumber = true;
    }
  }

  private closeRow(): void {
    this.inRow = false;
    if (this.rowNumber > MAX_ROW) throw new XlsxFormatError(BEYOND_LAST_ROW);
    // Two rows with one number would be counted as one: rows could be lost. Excel repairs
    // such a file when it opens it; ship cannot know which of the two is meant.
    if (this.rowNumber <= this.previousRow) {
      throw new XlsxFormatError({
        zh: `第 ${this.rowNumber} 行出现了两次，或行的顺序不对`,
        en: `row ${this.rowNumber} appears twice, or the rows are out of order`,
      });
    }
    this.previousRow = this.rowNumber;
    if (this.rowHasText) {
      this.rows.push({ row: this.rowNumber, cells: this.cells });
      this.cells = [];
    } else if (this.cells.length > 0) {
      this.cells = [];
    }
  }

  private openCell(s: string, from: number, to: number): void {
    this.inCell = true;
    this.cellType = T_NUMBER;
    this.style = 0;
    this.formula = false;
    this.hasV = false;
    this.hasIs = false;
    this.phonetic = 0;
    let column = -1;
    const a = this.cursor.reset(s, from, to);
    while (a.next()) {
      if (a.nameEnd - a.nameStart !== 1) continue;
      const name = s.charCodeAt(a.nameStart);
      if (name === 0x72) { // r
        column = parseRef(s, a.valueStart, a.valueEnd, this.ref);
        if (column < 0) {
          const ref = quoted(s.slice(a.valueStart, a.valueEnd));
          throw new XlsxFormatError({ zh: `单元格引用「${ref}」无效`, en: `the cell reference "${ref}" is not valid` });
        }
        // A row without r takes its number from its cells when they have one.
        if (!this.rowHasNumber && this.ref.row > 0) { this.rowNumber = this.ref.row; this.rowHasNumber = true; }
      } else if (name === 0x73) { // s
        this.style = Number(s.slice(a.valueStart, a.valueEnd)) || 0;
      } else if (name === 0x74) { // t
        this.cellType = cellTypeCode(s, a.valueStart, a.valueEnd);
      }
    }
    this.column = column >= 0 ? column : this.column + 1;
    if (this.column > MAX_COLUMN) throw new XlsxFormatError(BEYOND_XFD);
  }

  private closeCell(): void {
    this.inCell = false;
    this.inIs = false;
    this.into = INTO_NOTHING;
    this.capturing = false;
    const cell = this.cellValue();
    if (cell === undefined) return;
    this.cells[this.column] = cell;
    if (cell.text.length > 0) this.rowHasText = true;
  }

  private cellValue(): Cell | undefined {
    if (!this.hasV && !this.hasIs) {
      // A formula that was never calculated (or saved without results) has no value to show.
      return this.formula ? { text: '', type: 'string', formula: true } : undefined;
    }
    let text: string;
    let type: CellType = 'string';
    switch (this.cellType) {
      case T_SHARED: text = this.sharedString(); break;
      case T_INLINE: text = detach(decodeEscapes(this.hasIs ? this.isText : this.vText)); break;
      case T_BOOL: text = booleanText(this.vText); type = 'boolean'; break;
      case T_ERROR: text = this.vText; type = 'error'; break;
      case T_DATE: {
        // An ISO 8601 value; the Cell contract (and every reader of dates) wants the serial.
        const serial = isoDateToSerial(this.vText, this.dates);
        // One that is no date stays text, to be reported as written instead of read as no date.
        if (serial === undefined) text = detach(decodeEscapes(this.vText));
        else { text = String(serial); type = 'date'; }
        break;
      }
      case T_NUMBER:
        if (!this.hasV) { text = detach(decodeEscapes(this.isText)); break; }
        text = detach(this.vText);
        type = this.options.dateStyles[this.style] === true ? 'date' : 'number';
        break;
      default: text = detach(decodeEscapes(this.hasV ? this.vText : this.isText)); // str and unknown types
    }
    if (text.length === 0 && !this.formula) return undefined;
    return this.formula ? { text, type, formula: true } : { text, type };
  }

  private sharedString(): string {
    const raw = this.vText.trim();
    if (raw.length === 0) return '';
    const index = Number(raw);
    const table = this.options.sharedStrings;
    if (!Number.isInteger(index) || index < 0 || index >= table.length) {
      const shown = quoted(raw);
      throw new XlsxFormatError({
        zh: `有单元格引用了第 ${shown} 号共享字符串，但文件中只有 ${table.length} 个`,
        en: `a cell refers to shared string ${shown}, but the file has ${table.length}`,
      });
    }
    return table.at(index)!;
  }

  private addMerge(s: string, from: number, to: number): void {
    const a = this.cursor.reset(s, from, to);
    while (a.next()) {
      if (!a.nameIs('ref')) continue;
      const range = parseRange(s.slice(a.valueStart, a.valueEnd));
      if (range !== undefined) this.merges.push(range);
    }
  }
}

function cellTypeCode(s: string, start: number, end: number): number {
  const len = end - start;
  const c = s.charCodeAt(start);
  if (len === 1) {
    if (c === 0x73) return T_SHARED; // s
    if (c === 0x62) return T_BOOL; // b
    if (c === 0x65) return T_ERROR; // e
    if (c === 0x64) return T_DATE; // d
    if (c === 0x6e) return T_NUMBER; // n
  }
  if (len === 3 && s.startsWith('str', start)) return T_STR;
  if (len === 9 && s.startsWith('inlineStr', start)) return T_INLINE;
  return T_STR;
}

function booleanText(raw: string): string {
  const v = raw.trim();
  if (v.length === 0) return '';
  return v === '0' || v.toLowerCase() === 'false' ? 'FALSE' : 'TRUE';
}
