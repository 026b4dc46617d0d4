// Who an order goes to, reduced to one number: two orders that share a tracking number
// are a merged shipment when their recipients are the same, and a mistake otherwise.

import { withoutInvisible } from './normalize.js';
import { fmix32, FNV_OFFSET, FNV_PRIME } from './text-hash.js';

/** The key of a row that names no recipient at all (no name, phone or address). */
export const NO_RECIPIENT = 0;

// Printable ASCII and the CJK ideographs are their own NFKC form and hold no whitespace:
// most names, phones and addresses need no normalizing at all.
function isPlain(unit: number): boolean {
  return (unit >= 0x21 && unit <= 0x7e) || (unit >= 0x4e00 && unit <= 0x9fff);
}

const squash = (text: string): string => withoutInvisible(text.normalize('NFKC')).replace(/\s+/g, '');

// Two 32-bit multiplicative lanes (FNV-1a's prime and murmur2's), fed two UTF-16 units
// a step and, after each part, a separator that carries the part's length. Two units a
// step halve the chain of multiplications, which is what hashing costs here (one
// multiply has to wait for the one before); the length in the separator keeps "ab"+"c"
// and "a"+"bc" apart even though a lone last unit is fed like a pair.
// Module state instead of a returned pair: this runs once per row.
const MURMUR_M = 0x5bd1e995;
let laneA = 0;
let laneB = 0;

/**
 * Adds one part and its separator to both lanes. Plain text is hashed as it is read;
 * at the first unit that is not plain the part is normalized and hashed from the start
 * (the lanes are only written at the end, so nothing of the first try remains).
 */
function feed(part: string): void {
  let a = laneA;
  let b = laneB;
  const length = part.length;
  let i = 0;
  for (; i + 1 < length; i += 2) {
    const first = part.charCodeAt(i);
    const second = part.charCodeAt(i + 1);
    if (!isPlain(first) || !isPlain(second)) return hashUnits(squash(part));
    const pair = (first << 16) | second;
    a = Math.imul(a ^ pair, FNV_PRIME);
    b = Math.imul(b ^ pair, MURMUR_M);
  }
  if (i < length) {
    const last = part.charCodeAt(i);
    if (!isPlain(last)) return hashUnits(squash(part));
    a = Math.imul(a ^ last, FNV_PRIME);
    b = Math.imul(b ^ last, MURMUR_M);
  }
  separate(a, b, length);
}

/** feed() for normalized text: the same steps, without looking at what the units are. */
function hashUnits(part: string): void {
  let a = laneA;
  let b = laneB;
  const length = part.length;
  let i = 0;
  for (; i + 1 < length; i += 2) {
    const pair = (part.charCodeAt(i) << 16) | part.charCodeAt(i + 1);
    a = Math.imul(a ^ pair, FNV_PRIME);
    b = Math.imul(b ^ pair, MURMUR_M);
  }
  if (i < length) {
    a = Math.imul(a ^ part.charCodeAt(i), FNV_PRIME);
    b = Math.imul(b ^ part.charCodeAt(i), MURMUR_M);
  }
  separate(a, b, length);
}

function separate(a: number, b: number, length: number): void {
  const separator = (length << 8) | 0x7c;
  laneA = Math.imul(a ^ separator, FNV_PRIME);
  laneB = Math.imul(b ^ separator, MURMUR_M);
}

/**
 * Name, phone and address (NFKC, without whitespace) as a 53-bit hash: a number, so the
 * store keeps it in a Float64Array (8 bytes a row, where the three texts took ~130 and a
 * hex string 32). Equal keys mean one recipient. Keys are only compared between orders
 * that share a tracking number, where two different recipients collide about once in
 * 2^53 pairs. NO_RECIPIENT (0) when none of the three is known; no other input gives 0.
 */
export function recipientKeyOf(name: string, phone: string, address: string): number {
  if (name === '' && phone === '' && address === '') return NO_RECIPIENT;
  laneA = FNV_OFFSET;
  laneB = 0x9747b28c;
  feed(name);
  feed(phone);
  feed(address);
  // 21 bits of one lane above 32 of the other: the most a double holds exactly.
  const key = (fmix32(laneA) >>> 11) * 0x1_0000_0000 + fmix32(laneB);
  return key === NO_RECIPIENT ? 1 : key;
}
