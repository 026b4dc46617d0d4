// Records kept as byte ranges of the buffer they were read from, not as strings: for the
// report's copy of a UTF-8 CSV, whose fields mostly go into the sheet XML byte for byte.
//
// Each range also says whether its bytes can go into a cell's <t> unchanged. That is
// decided while the tokenizer scans them anyway, by a byte table: a field is "verbatim"
// when it holds nothing that cleanValue strips or unwraps (tabs, the `="…"` wrapper),
// nothing the cell writer escapes, clips or marks as spaced (see escapedStringCell), and
// no `_` that could start an `_xHHHH_` escape. Anything unsure is simply not verbatim: it
// is decoded and written the string way, which gives the same bytes.

import { CR, LF } from './separators.js';

/** What a byte means to the range scanner. */
export const enum ByteClass {
  /** Text that goes into the XML as it is. */
  Plain = 0,
  /** The delimiter's first byte, CR or LF: the field may end here. */
  Stop = 1,
  /** Text the cell writer or cleanValue would change (or might: `_`). */
  Special = 2,
  /** 0xEF, the lead byte of U+FEFF, U+FFFE and U+FFFF: the next byte decides. */
  LeadEF = 3,
}

/** The class of every byte for a file with this delimiter byte. */
export function byteClasses(delimiterStart: number): Uint8Array {
  const classes = new Uint8Array(256);
  for (let byte = 0; byte < 0x20; byte++) classes[byte] = ByteClass.Special; // control characters, tab included
  for (const byte of [0x22, 0x26, 0x3c, 0x3e, 0x5f]) classes[byte] = ByteClass.Special; // " & < > _
  classes[0xef] = ByteClass.LeadEF;
  classes[delimiterStart] = ByteClass.Stop;
  classes[CR] = ByteClass.Stop;
  classes[LF] = ByteClass.Stop;
  return classes;
}

/** Whether the UTF-8 character at `at` is one that JavaScript's `\s` matches (a few more: they only cost the string path). */
function isSpaceAt(bytes: Uint8Array, at: number): boolean {
  const lead = bytes[at]!;
  if (lead < 0xc2) return lead <= 0x20;
  const second = bytes[at + 1];
  switch (lead) {
    case 0xc2:
      return second === 0xa0 || second === 0x85;
    case 0xe1:
      return second === 0x9a || second === 0xa0; // U+1680, U+180E
    case 0xe2:
      return second === 0x80 || second === 0x81; // U+2000–U+207F holds every other space
    case 0xe3:
      return second === 0x80 && bytes[at + 2] === 0x80; // U+3000
    case 0xef:
      return second === 0xbb; // U+FEFF
    default:
      return false;
  }
}

/**
 * True when neither end of bytes[from, to) (not empty, whole UTF-8 characters) is a space:
 * the writer keeps edge spaces with xml:space="preserve".
 */
export function edgesAreNotSpace(bytes: Uint8Array, from: number, to: number): boolean {
  if (isSpaceAt(bytes, from)) return false;
  let last = to - 1;
  while (last > from && (bytes[last]! & 0xc0) === 0x80) last -= 1;
  return !isSpaceAt(bytes, last);
}

/** Excel's longest cell text; a field of no more bytes has no more UTF-16 units. */
export const MAX_VERBATIM_BYTES = 32767;

/**
 * The records of one scan: per record, its fields' [from, to) in `bytes`. A field's `to`
 * is stored negated (as -to - 1) when its bytes are not verbatim.
 */
export class FieldRanges {
  /** The buffer the ranges point into; valid until the tokenizer is given the next chunk. */
  bytes: Buffer = Buffer.alloc(0);
  private bounds: Int32Array = new Int32Array(4096);
  private boundCount = 0;
  /** Where each record's bounds start; one more entry than records. */
  private firsts: Int32Array = new Int32Array(1024);
  private records = 0;

  /** Forgets the previous scan's records. */
  reset(bytes: Buffer): void {
    this.bytes = bytes;
    this.boundCount = 0;
    this.records = 0;
    this.firsts[0] = 0;
  }

  /** How many bounds the records so far hold: a mark to roll back to. */
  get mark(): number {
    return this.boundCount;
  }

  rollBack(mark: number): void {
    this.boundCount = mark;
  }

  addField(from: number, to: number, verbatim: boolean): void {
    if (this.boundCount + 2 > this.bounds.length) this.bounds = grown(this.bounds);
    this.bounds[this.boundCount] = from;
    this.bounds[this.boundCount + 1] = verbatim ? to : -to - 1;
    this.boundCount += 2;
  }

  endRecord(): void {
    if (this.records + 2 > this.firsts.length) this.firsts = grown(this.firsts);
    this.records += 1;
    this.firsts[this.records] = this.boundCount;
  }

  fieldCount(record: number): number {
    return (this.firsts[record + 1]! - this.firsts[record]!) >> 1;
  }

  /** The index of the record's first field: fields are numbered across records. */
  firstField(record: number): number {
    return this.firsts[record]! >> 1;
  }

  from(field: number): number {
    return this.bounds[2 * field]!;
  }

  /** Where the field ends. */
  to(field: number): number {
    const to = this.bounds[2 * field + 1]!;
    return to < 0 ? -to - 1 : to;
  }

  isVerbatim(field: number): boolean {
    return this.bounds[2 * field + 1]! >= 0;
  }
}

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
