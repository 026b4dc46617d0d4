// Turns the bytes of one field into its text, which is most of the time a CSV reader spends.
//
// Each field is decoded on its own rather than sliced out of a decoded chunk: V8 makes a
// slice of 13+ characters a view that keeps the whole chunk alive, and the validator keeps
// every row's 订单号 and 快递单号, so the whole file would stay in memory.
//
// Short non-ASCII values repeat from row to row in an export (status, carrier, province,
// city, SKU, masked names like 徐**): they come from a small cache of recent values, which
// is faster than decoding them again and stores each repeated value once.

interface SliceMethods {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

// Node's Buffer has had these since its first versions; toString(encoding, start, end) checks
// its arguments and looks the encoding up on every call, a third of the cost of a short field.
const prototype = Buffer.prototype as Buffer & Partial<SliceMethods>;
const HAS_SLICE_METHODS = typeof prototype.latin1Slice === 'function' && typeof prototype.utf8Slice === 'function';

/** Values up to this many bytes (10 CJK characters) are cached. */
const CACHED_BYTES = 32;
const SLOTS = 4096; // a power of two

export class FieldTexts {
  /** The bytes of the value in each slot, CACHED_BYTES apart. */
  private readonly keys = new Uint8Array(SLOTS * CACHED_BYTES);
  /** The byte length of the value in each slot; 0 for an empty slot. */
  private readonly lengths = new Uint8Array(SLOTS);
  private readonly texts: string[] = new Array<string>(SLOTS).fill('');

  /** The text of bytes[from, to); `ascii` says that none of those bytes is above 0x7f. */
  text(bytes: Buffer, from: number, to: number, ascii: boolean): string {
    const length = to - from;
    if (length === 0) return '';
    if (ascii) return latin1(bytes, from, to); // ASCII values are mostly unique: numbers, phones
    if (length > CACHED_BYTES) return utf8(bytes, from, to);

    let hash = length;
    for (let i = from; i < to; i++) hash = (Math.imul(hash, 31) + bytes[i]!) | 0;
    const slot = (hash ^ (hash >>> 13)) & (SLOTS - 1);
    const { keys } = this;
    const base = slot * CACHED_BYTES;
    if (this.lengths[slot] === length) {
      let same = true;
      for (let k = 0; k < length; k++) {
        if (keys[base + k] !== bytes[from + k]) {
          same = false;
          break;
        }
      }
      if (same) return this.texts[slot]!;
    }
    const text = utf8(bytes, from, to);
    for (let k = 0; k < length; k++) keys[base + k] = bytes[from + k]!;
    this.lengths[slot] = length;
    this.texts[slot] = text;
    return text;
  }
}

function latin1(bytes: Buffer, from: number, to: number): string {
  return HAS_SLICE_METHODS ? (bytes as Buffer & SliceMethods).latin1Slice(from, to) : bytes.toString('latin1', from, to);
}

export function utf8(bytes: Buffer, from: number, to: number): string {
  return HAS_SLICE_METHODS ? (bytes as Buffer & SliceMethods).utf8Slice(from, to) : bytes.toString('utf8', from, to);
}
