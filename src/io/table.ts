// The contract between the readers (xlsx, csv) and everything above them.
// Readers turn a file into plain rows of cells; they never interpret the data.

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

/** Caps that protect against hostile or broken files; every one can be raised by a flag. */
export interface ReadLimits {
  /** Largest input file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest decompressed size of one part of an xlsx package, in bytes. */
  maxPartBytes: number;
  /** Largest compression ratio (uncompressed / compressed) of one part. */
  maxCompressionRatio: number;
  /** Most data rows read from one sheet. */
  maxRows: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: 512 * 1024 * 1024,
  maxPartBytes: 2 * 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxRows: 2_000_000,
};
