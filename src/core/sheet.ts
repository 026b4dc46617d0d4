// The rows a reader produces and the core consumes. They live in the core so the
// core never imports from src/io; readers (xlsx, csv) build them and never
// interpret the data.

/**
 * How the file stored a cell. The core needs this: a tracking number that Excel
 * stored as a number has already lost digits or leading zeros.
 */
export type CellType = 'string' | 'number' | 'boolean' | 'error' | 'date';

export interface Cell {
  /**
   * The value as text, exactly as stored:
   * - string: the string (rich-text runs joined, entities and _xHHHH_ escapes decoded);
   * - number: the literal of the stored number, e.g. "773277027280336" or "7.7327702728033597E+14";
   * - date: a number cell whose style is a date format: the serial literal, e.g. "45600.5";
   * - boolean: "TRUE" or "FALSE";
   * - error: the error literal, e.g. "#N/A".
   */
  text: string;
  type: CellType;
  /** The cell held a formula; `text` is its cached result. */
  formula?: boolean;
}

export interface SheetRow {
  /** 1-based row number, the one Excel shows at the left of the row. */
  row: number;
  /** Cells by 0-based column index (A = 0); a missing or empty cell is undefined. */
  cells: (Cell | undefined)[];
}

/** A merged range, e.g. { ref: 'AM5:AM6', top: 5, left: 38, bottom: 6, right: 38 } (rows 1-based, columns 0-based). */
export interface MergedRange {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}
