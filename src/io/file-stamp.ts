// Whether an input is still the file that was read: its size and modification time, taken
// before the first read and compared once the outputs are written. The report's copy reads
// the input a second time, and the row-number check there cannot see a cell fixed and saved
// in Excel while ship runs: the findings would describe one file and the copy another.

import { stat } from 'node:fs/promises';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** The stamp of the file at `path`; undefined when it cannot be read (the reader says why). */
export async function stampOf(path: string): Promise<FileStamp | undefined> {
  try {
    const { size, mtimeMs } = await stat(path);
    return { size, mtimeMs };
  } catch {
    return undefined;
  }
}

/** True when `later` is the same file state as `earlier`; a file gone since is not. */
export function unchangedSince(earlier: FileStamp, later: FileStamp | undefined): boolean {
  return later !== undefined && later.size === earlier.size && later.mtimeMs === earlier.mtimeMs;
}
