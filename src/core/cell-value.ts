// Reading one cell of the order sheet into text the checks can trust, and
// noticing when the spreadsheet itself has already damaged the value.

import type { Cell } from './sheet.js';
import { finding, type FieldName, type Finding } from './finding.js';

export interface CellReading {
  /** The cell as text ('' when empty or an error cell). */
  text: string;
  /** Problems with how the value is stored, independent of what it says. */
  findings: Finding[];
  /** The cell had a value that cannot be used (already reported): not the same as empty. */
  unusable: boolean;
}

// First characters that spreadsheets would run as a formula when the report is opened, and
// the dashes that, alone, are how many sheets write "none" (as 售后状态 does).
const TRIGGERS = '=+\\-@＝＋－＠';
const DASHES = '\\-－—–';

/** Cells that spreadsheets would run as a formula when the report is opened. */
const FORMULA_TRIGGER = new RegExp(`^[${TRIGGERS}]`);

/** Dashes alone: an empty cell, not a formula. */
const NONE_PLACEHOLDER = new RegExp(`^[${DASHES}]+$`);

/** The cell text (trimmed) says "none": dashes alone. */
export function isNonePlaceholder(trimmed: string): boolean {
  return NONE_PLACEHOLDER.test(trimmed);
}

/** A first character that sends a cell to the full reading: a formula trigger, a dash, or the # of an error value. */
const NEEDS_A_LOOK = new RegExp(`^[${TRIGGERS}${DASHES}#]`);

/** The error values a cell of an .xlsx file can hold (t="e"), as Excel writes them. */
export const EXCEL_ERROR_VALUES: ReadonlySet<string> = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA']);

// What newer Excel shows for errors of dynamic arrays, data types and Python cells: seen as
// text only (a CSV of such a sheet), never stored as an error value in the file.
const NEWER_ERROR_TEXTS: ReadonlySet<string> = new Set(['#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#UNKNOWN!', '#CONNECT!', '#BUSY!', '#PYTHON!']);

/** Longer than any error value: such text is never one, and is not trimmed to find out. */
const LONGEST_ERROR_TEXT = 16;

/**
 * An error value: a cell stored as one, or text that is nothing but one. Excel and
 * LibreOffice save an error cell to CSV as its text (#N/A from a VLOOKUP that found
 * nothing), and LibreOffice reads that text back as text, also into an .xlsx it saves.
 * Read as text, #REF! in 订单状态 skipped a pending order as "not pending", and #N/A in
 * two orders' recipient cells made them one recipient (a merged shipment).
 */
export function isErrorCell(cell: Cell | undefined): boolean {
  if (cell === undefined) return false;
  if (cell.type === 'error') return true;
  const { text } = cell;
  if (cell.type !== 'string' || text.length > LONGEST_ERROR_TEXT) return false;
  // Nearly every cell starts with neither a # nor a space: it is answered by one look.
  const first = text.charCodeAt(0);
  if (first !== 0x23 && first > 0x20 && first !== 0xa0 && first !== 0x3000 && first !== 0xfeff) return false;
  const trimmed = text.trim().toUpperCase();
  return EXCEL_ERROR_VALUES.has(trimmed) || NEWER_ERROR_TEXTS.has(trimmed);
}

// Excel keeps 15 significant digits: a number cell with more was rounded when it was typed or imported.
export const EXCEL_SIGNIFICANT_DIGITS = 15;

// Excel's General format shows a long number as "7.73277E+14": six significant digits. A
// CSV saved that way and opened again holds 773277000000000, and that number cell is what
// reaches ship. A real waybill number ends in six zeros about once in a million; a number
// with at most six digits before its zeros and twelve or more in all is taken as rounded.
const SHOWN_SIGNIFICANT_DIGITS = 6;
const SHORTEST_ROUNDED = 12;

function roundedByExcel(digits: string): boolean {
  if (digits.length < SHORTEST_ROUNDED) return false;
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 0x30) end -= 1;
  return end <= SHOWN_SIGNIFICANT_DIGITS;
}

/** How Excel destroyed a number cell's tracking number (messages.ts words each kind), or undefined when it did not. */
function damageOf(type: Cell['type'], digits: string | undefined): 'date' | 'decimal' | 'too-long' | 'rounded' | undefined {
  if (type === 'date') return 'date';
  if (digits === undefined) return 'decimal';
  if (digits.length > EXCEL_SIGNIFICANT_DIGITS) return 'too-long';
  return roundedByExcel(digits) ? 'rounded' : undefined;
}

function numberCellDigits(literal: string): string | undefined {
  const value = Number(literal);
  if (!Number.isFinite(value) || value < 0 || !Number.isInteger(value)) return undefined;
  return BigInt(value).toString();
}

const SCIENTIFIC_NOTATION = /^\d+(\.\d+)?E\+\d+$/i;

/** What Excel's General format shows of a long number ("7.73277E+14"): the digits that mattered are gone. */
export function isScientificNotation(text: string): boolean {
  return SCIENTIFIC_NOTATION.test(text);
}

/**
 * Reads a 快递单号 or 快递公司 cell. A tracking number stored as a number has lost
 * its leading zeros at least, and every digit past the 15th; one in E-notation text
 * was copied from what Excel showed.
 */
export function readCodeCell(cell: Cell | undefined, row: number, field: FieldName, orderId?: string): CellReading {
  if (cell === undefined) return { text: '', findings: [], unusable: false };
  const at = { field, value: cell.text, ...(orderId === undefined ? {} : { orderId }) };
  const findings: Finding[] = [];
  if (isErrorCell(cell)) {
    return { text: '', findings: [finding('error-cell', row, { ...at, args: { error: cell.text.trim() } })], unusable: true };
  }
  if (cell.formula === true) findings.push(finding('formula-cell', row, at));

  let text = cell.text;
  if (field === 'trackingNumber' && (cell.type === 'number' || cell.type === 'date')) {
    const digits = numberCellDigits(cell.text);
    // A date cell's serial (46023) is no number anyone printed on a label.
    const kind = damageOf(cell.type, digits);
    if (kind !== undefined) {
      findings.push(finding('tracking-number-damaged', row, { ...at, args: { digits: digits?.length ?? 0, kind } }));
      return { text: '', findings, unusable: true };
    }
    // Undamaged: damageOf() says 'decimal' when there are no digits.
    text = digits!;
    findings.push(finding('tracking-number-cell', row, { ...at, args: { digits: text.length } }));
  }
  const trimmed = text.trim();
  if (isNonePlaceholder(trimmed)) return { text: '', findings, unusable: false };
  if (FORMULA_TRIGGER.test(trimmed)) {
    findings.push(finding('formula-like-value', row, at));
    return { text: '', findings, unusable: true };
  }
  if (field === 'trackingNumber' && isScientificNotation(trimmed.replace(/\s/g, ''))) {
    findings.push(finding('tracking-scientific-notation', row, at));
    return { text: '', findings, unusable: true };
  }
  return { text: trimmed, findings, unusable: false };
}

/**
 * The text readCodeCell() gives a cell it has nothing to say about, without building the
 * reading: undefined when the cell needs the full reading (not a plain string, a formula,
 * or text that might be reported). Nearly every cell is plain, and at a million rows the
 * reading objects and their empty findings lists were much of the garbage collected.
 */
export function plainCodeText(cell: Cell | undefined, field: FieldName): string | undefined {
  if (cell === undefined) return '';
  if (cell.type !== 'string' || cell.formula === true) return undefined;
  const text = cell.text.trim();
  if (NEEDS_A_LOOK.test(text)) return undefined;
  // E-notation needs a '+': without one the number is no copy of what Excel showed.
  if (field === 'trackingNumber' && text.includes('+')) return undefined;
  return text;
}

/** Any other cell as plain text; error values read as empty. */
export function readTextCell(cell: Cell | undefined): string {
  if (cell === undefined || isErrorCell(cell)) return '';
  return cell.text.trim();
}

/**
 * A cell read as plain text that reports an error value (#N/A from a VLOOKUP that
 * found nothing) instead of passing it over in silence: as `error-cell` where the
 * column decides the import, as `error-cell-ignored` where it only informs a check.
 */
export function readReportedTextCell(
  cell: Cell | undefined,
  row: number,
  at: { field: FieldName; code: 'error-cell' | 'error-cell-ignored'; orderId?: string },
): CellReading {
  if (cell === undefined || !isErrorCell(cell)) return { text: cell?.text.trim() ?? '', findings: [], unusable: false };
  const owner = at.orderId === undefined ? {} : { orderId: at.orderId };
  const error = cell.text.trim();
  const found = finding(at.code, row, { ...owner, field: at.field, value: error, args: { error } });
  return { text: '', findings: [found], unusable: true };
}
