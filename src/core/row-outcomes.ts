// What happened to each data row (imported, rejected, skipped), by row number.

import type { Disposition, RowDispositions } from './validate.js';

const OUTCOMES: readonly Disposition[] = ['imported', 'rejected', 'skipped'];
const CODE: Readonly<Record<Disposition, number>> = { imported: 1, rejected: 2, skipped: 3 };

/**
 * What happened to each row, one byte a row, indexed by row number. A Map of a million
 * rows takes ~30 MB (and 45 while it grows) and is slow to fill; this takes 1 MB.
 */
export class RowOutcomes implements RowDispositions {
  private codes: Uint8Array;
  private count = 0;

  /** `rows`: room for that many row numbers at first (it grows when a larger one comes). */
  constructor(rows = 1024) {
    this.codes = new Uint8Array(rows);
  }

  get size(): number {
    return this.count;
  }

  set(row: number, outcome: Disposition): void {
    if (!Number.isInteger(row) || row < 0) throw new RangeError(`not a row number: ${row}`);
    if (row >= this.codes.length) {
      const grown = new Uint8Array(Math.max(row + 1, this.codes.length * 2));
      grown.set(this.codes);
      this.codes = grown;
    }
    if (this.codes[row] === 0) this.count += 1;
    this.codes[row] = CODE[outcome];
  }

  get(row: number): Disposition | undefined {
    const code = this.codes[row] ?? 0; // undefined beyond the end, and for a row that is no index
    return code === 0 ? undefined : OUTCOMES[code - 1];
  }

  /** How many rows had each outcome. */
  tally(): Record<Disposition, number> {
    const counts = [0, 0, 0, 0];
    // Indexed: this runs once, unoptimized, where for-of would make an iterator result per row.
    const { codes } = this;
    for (let row = 0; row < codes.length; row++) counts[codes[row]!]! += 1;
    return { imported: counts[1]!, rejected: counts[2]!, skipped: counts[3]! };
  }

  /** [row, outcome] in row order. */
  *[Symbol.iterator](): Iterator<[number, Disposition]> {
    const { codes } = this;
    for (let row = 0; row < codes.length; row++) {
      const code = codes[row]!;
      if (code !== 0) yield [row, OUTCOMES[code - 1]!];
    }
  }
}
