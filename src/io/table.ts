// The contract between the readers (xlsx, csv) and everything above them.
// Readers turn a file into plain rows of cells; they never interpret the data.

import type { SheetRow } from '../core/sheet.js';

export type { Cell, CellType, MergedRange, SheetRow } from '../core/sheet.js';

/**
 * Rows as the readers hand them up: a batch per chunk read, in file order. Awaiting an async
 * iterator costs hundreds of nanoseconds; paid per chunk rather than per row, on every layer
 * between the file and the core, it drops out of the profile of a large file.
 */
export type RowBatches = AsyncIterable<readonly SheetRow[]>;

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
