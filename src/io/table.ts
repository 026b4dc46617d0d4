// The contract between the readers (xlsx, csv) and everything above them.
// Readers turn a file into plain rows of cells; they never interpret the data.

export type { Cell, CellType, MergedRange, SheetRow } from '../core/sheet.js';

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
