// Finding an earlier row by a text it holds (its 订单号, its 快递单号): a hash table of
// row indexes in one Int32Array, the texts themselves staying in the row store. A Map
// of a hundred thousand strings takes about twice the memory (fresh pages the system
// hands over one by one as the table grows, and the collector then scans), and each
// lookup follows pointers to buckets, entries and keys; here a lookup reads one or two
// neighbouring slots and looks at a stored text only when the hashes are equal.

import { fmix32, FNV_OFFSET, FNV_PRIME } from './text-hash.js';

const INITIAL_SLOTS = 1024;

/** FNV-1a, then the finalizer so the low bits (the slot) depend on every unit; signed, as the table stores it. */
function hashOf(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return fmix32(h) | 0;
}

export class TextIndex {
  /**
   * Pairs of (hash, row index + 1): 0 marks a free slot, so a new table needs no filling.
   * Three quarters full at most: probes stay short and the table small.
   */
  private slots: Int32Array;
  private mask: number;
  private size = 0;

  /**
   * `textAt(index)` is the text stored for the row at `index` (the index keeps none of its
   * own). `expected`: how many texts will come, when known, so the table never grows.
   */
  constructor(
    private readonly textAt: (index: number) => string,
    expected = 0,
  ) {
    let count = INITIAL_SLOTS;
    while (count * 3 < expected * 4) count *= 2;
    this.slots = new Int32Array(count * 2);
    this.mask = count - 1;
  }

  /** The index stored for `text`, or -1. */
  get(text: string): number {
    return this.slots[this.slotOf(text, hashOf(text)) * 2 + 1]! - 1;
  }

  /** Stores `index` for `text` when there is none yet and returns -1; else returns the index stored. */
  addIfNew(text: string, index: number): number {
    const hash = hashOf(text);
    const slot = this.slotOf(text, hash);
    const stored = this.slots[slot * 2 + 1]! - 1;
    if (stored < 0) this.insert(slot, hash, index);
    return stored;
  }

  /** Stores `index` for `text` and returns the index stored before, or -1. */
  replace(text: string, index: number): number {
    const hash = hashOf(text);
    const slot = this.slotOf(text, hash);
    const stored = this.slots[slot * 2 + 1]! - 1;
    if (stored < 0) this.insert(slot, hash, index);
    else this.slots[slot * 2 + 1] = index + 1;
    return stored;
  }

  /** The slot holding `text`, or the free slot where it belongs. */
  private slotOf(text: string, hash: number): number {
    const { slots, mask } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[slot * 2 + 1]!;
      if (stored === 0 || (slots[slot * 2] === hash && this.textAt(stored - 1) === text)) return slot;
    }
  }

  private insert(slot: number, hash: number, index: number): void {
    this.slots[slot * 2] = hash;
    this.slots[slot * 2 + 1] = index + 1;
    this.size += 1;
    if (this.size * 4 > this.mask * 3) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    const count = (this.mask + 1) * 2;
    const slots = new Int32Array(count * 2);
    const mask = count - 1;
    for (let from = 0; from < old.length; from += 2) {
      const stored = old[from + 1]!;
      if (stored === 0) continue;
      const hash = old[from]!;
      let slot = hash & mask;
      while (slots[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
      slots[slot * 2] = hash;
      slots[slot * 2 + 1] = stored;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
