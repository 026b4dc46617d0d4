// Who an order goes to, reduced to one number: two orders that share a tracking number
// are a merged shipment when their recipients are the same, and a mistake otherwise.

import { fmix32, FNV_OFFSET, FNV_PRIME } from './text-hash.js';

/** The key of a row that names no recipient at all (no name, phone or address). */
export const NO_RECIPIENT = 0;

// Printable ASCII and the CJK ideographs are their own NFKC form and hold no whitespace:
// most names, phones and addresses need no normalizing at all.
function isPlain(unit: number): boolean {
  return (unit >= 0x21 && unit <= 0x7e) || (unit >= 0x4e00 && unit <= 0x9fff);
}

const squash = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

// Two 32-bit multiplicative lanes (FNV-1a's prime and murmur2's), fed the three parts and a
// separator after each. Module state instead of a returned pair: this runs once per row.
let laneA = 0;
let laneB = 0;

/** Adds one part and a separator to both lanes; text that is not plain is normalized first. */
function feed(part: string): void {
  for (let i = 0; i < part.length; i++) {
    if (!isPlain(part.charCodeAt(i))) return hashUnits(squash(part));
  }
  hashUnits(part);
}

function hashUnits(part: string): void {
  let a = laneA;
  let b = laneB;
  for (let i = 0; i < part.length; i++) {
    const unit = part.charCodeAt(i);
    a = Math.imul(a ^ unit, FNV_PRIME);
    b = Math.imul(b ^ unit, 0x5bd1e995);
  }
  laneA = Math.imul(a ^ 0x7c, FNV_PRIME);
  laneB = Math.imul(b ^ 0x7c, 0x5bd1e995);
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
