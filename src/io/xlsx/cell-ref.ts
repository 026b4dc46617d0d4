// A1-style references: column letters to 0-based indexes and back, merged ranges.

import type { MergedRange } from '../table.js';

/** Column XFD, the last one Excel has. A larger index would make the row array enormous. */
export const MAX_COLUMN = 16383;
/** Row 1048576, the last one Excel has: a sheet with a row below it does not open in Excel. */
export const MAX_ROW = 1_048_576;

/**
 * Parses the reference at s[start, end) ("AM5", "$A$1"): returns the 0-based column (at
 * most MAX_COLUMN + 1, meaning "beyond XFD") and stores the row (0 if the reference has
 * none) in `out.row`. -1 if it is not a reference.
 */
export function parseRef(s: string, start: number, end: number, out: { row: number }): number {
  let i = start;
  if (s.charCodeAt(i) === 0x24) i++;
  let col = 0;
  const lettersStart = i;
  for (; i < end; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (c < 0x41 || c > 0x5a) break;
    // Clamped: anything past XFD is reported as XFD + 1 and rejected by the caller.
    col = Math.min(col * 26 + (c - 0x40), MAX_COLUMN + 2);
  }
  if (i === lettersStart) return -1;
  if (s.charCodeAt(i) === 0x24) i++;
  let row = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    row = row * 10 + (c - 0x30);
  }
  out.row = row;
  return col - 1;
}

/** 0 → "A", 38 → "AM": the inverse of columnIndex, for the sheets ship writes. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    name = String.fromCharCode(65 + m) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** "A1" → 0, "AM" → 38. */
export function columnIndex(letters: string): number {
  return parseRef(letters, 0, letters.length, { row: 0 });
}

const scratch = { row: 0 };

/** A `<mergeCell ref="A1:B2"/>` range; a single cell "C3" is a 1×1 range. Undefined if malformed or beyond Excel's sheet. */
export function parseRange(ref: string): MergedRange | undefined {
  const colon = ref.indexOf(':');
  const firstEnd = colon < 0 ? ref.length : colon;
  const left = parseRef(ref, 0, firstEnd, scratch);
  const top = scratch.row;
  if (left < 0 || left > MAX_COLUMN || top === 0 || top > MAX_ROW) return undefined;
  if (colon < 0) return { ref, top, left, bottom: top, right: left };
  const right = parseRef(ref, colon + 1, ref.length, scratch);
  const bottom = scratch.row;
  if (right < 0 || right > MAX_COLUMN || bottom === 0 || bottom > MAX_ROW) return undefined;
  return {
    ref,
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}
