// Per-row values stored in blocks of a fixed number of rows. A store that doubles an
// array when it is full copies everything it holds and leaves the old array behind, so
// it touches about three times the memory it keeps; fresh memory is what costs most on
// a large file (every new page has to be handed over by the system, then collected).
// Blocks are never copied and never more than one is partly empty.

export const BLOCK_BITS = 12;
/** Rows per block: 4096, small enough that a ten-row sheet does not pay for a million. */
export const BLOCK_ROWS = 1 << BLOCK_BITS;
export const BLOCK_MASK = BLOCK_ROWS - 1;

/** A growing list of 32-bit integers, by index. */
export class Int32Blocks {
  private readonly blocks: Int32Array[] = [];

  at(index: number): number {
    return this.blocks[index >>> BLOCK_BITS]![index & BLOCK_MASK]!;
  }

  set(index: number, value: number): void {
    const block = index >>> BLOCK_BITS;
    while (block >= this.blocks.length) this.blocks.push(new Int32Array(BLOCK_ROWS));
    this.blocks[block]![index & BLOCK_MASK] = value;
  }
}
