// Check-digit algorithms, one pure function per name in the rules schema.
// Each receives the `serial` and `check` groups its format's pattern captured, so the
// data decides which characters are the serial and where the check digit sits
// (EMS-13 keeps a two-digit suffix after its check digit).
//
// Sources: UPU S10 and the mod10/mod7/weighted-mod11 family as defined in
// jkeen/tracking_number_data CHECKSUM_ALGORITHMS.md; EMS-13 and SF-12 as derived and
// verified in /work/shared/research/carriers.md §3.2 and §3.3.
//
// The algorithms read the serial and the check digit where they sit in the number
// (verifyChecksumAt, with spans from check-spans.ts), with charCodeAt, and keep their
// weights at module level: a check digit is verified once per order of a sheet, and
// substrings, digit arrays or a weights literal per call were allocations on the common
// path. The string form (CheckParts) serves exec() groups and the tests.
import type { CheckSpans } from './check-spans.js';
import type { Checksum } from './schema.js';

export interface CheckParts {
  serial: string;
  check: string;
}

type ByName = { [N in Checksum['name']]: Extract<Checksum, { name: N }> };
type Algorithm<N extends keyof ByName> = (parts: CheckParts, params: ByName[N]) => boolean;
type SpanAlgorithm<N extends keyof ByName> = (text: string, spans: CheckSpans, params: ByName[N]) => boolean;

const S10_WEIGHTS: readonly number[] = [8, 6, 4, 2, 3, 5, 9, 7];
const SF12_WEIGHTS: readonly number[] = [15, 13, 11, 9, 7, 5, 3, 1];

function digitAt(text: string, index: number): number {
  return text.charCodeAt(index) - 48;
}

/** At least one character, all ASCII digits (as /^\d+$/ on the substring). */
function allDigits(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** At least one character, all ASCII digits or capitals (as /^[0-9A-Z]+$/ on the substring). */
function allAlphanumeric(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 90))) return false;
  }
  return true;
}

/** The check digits read as a number (as Number() of the substring, which allDigits has vetted). */
function checkValue(text: string, { checkStart, checkEnd }: CheckSpans): number {
  let value = 0;
  for (let i = checkStart; i < checkEnd; i++) value = value * 10 + digitAt(text, i);
  return value;
}

function digitSpans(text: string, spans: CheckSpans): boolean {
  return allDigits(text, spans.serialStart, spans.serialEnd) && allDigits(text, spans.checkStart, spans.checkEnd);
}

/** S10: weights 8,6,4,2,3,5,9,7 on 8 serial digits; 11 − (Σ mod 11), with 10→0 and 11→5. */
function s10(text: string, spans: CheckSpans): boolean {
  const { serialStart, serialEnd } = spans;
  if (serialEnd - serialStart !== 8 || !digitSpans(text, spans)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += digitAt(text, serialStart + i) * S10_WEIGHTS[i]!;
  const r = 11 - (sum % 11);
  return (r === 10 ? 0 : r === 11 ? 5 : r) === checkValue(text, spans);
}

/** SF legacy 12-digit: weights 15,13,…,1 on digits 4–11; each product contributes tens + units. */
function sf12(text: string, spans: CheckSpans): boolean {
  const { serialStart, serialEnd } = spans;
  if (serialEnd - serialStart !== 8 || !digitSpans(text, spans)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const product = digitAt(text, serialStart + i) * SF12_WEIGHTS[i]!;
    sum += Math.floor(product / 10) + (product % 10);
  }
  return (10 - (sum % 10)) % 10 === checkValue(text, spans);
}

/** The serial read as one number, mod 7 (DHL Express). */
function mod7(text: string, spans: CheckSpans): boolean {
  if (!digitSpans(text, spans)) return false;
  let remainder = 0;
  for (let i = spans.serialStart; i < spans.serialEnd; i++) remainder = (remainder * 10 + digitAt(text, i)) % 7;
  return remainder === checkValue(text, spans);
}

const prependRegexes = new Map<string, RegExp>();

/** A character's value in mod10: digits as themselves, letters as (char code − 3) mod 10. */
function mod10Value(code: number): number {
  return code <= 57 ? code - 48 : (code - 3) % 10;
}

/**
 * Σ of characters times the evens/odds multiplier (0-based index), check = (10 − Σ mod 10) mod 10.
 * Letters count as (char code − 3) mod 10, which is how UPS 1Z numbers carry them.
 */
function mod10(text: string, spans: CheckSpans, params: ByName['mod10']): boolean {
  const { serialStart, serialEnd } = spans;
  if (!allAlphanumeric(text, serialStart, serialEnd) || !allDigits(text, spans.checkStart, spans.checkEnd)) return false;
  // The serial reads as if `content` stood in front of it, unless it already starts like that.
  let prefix = '';
  if (params.prepend) {
    const { unlessMatches, content } = params.prepend;
    let re = prependRegexes.get(unlessMatches);
    if (!re) prependRegexes.set(unlessMatches, (re = new RegExp(unlessMatches)));
    if (!re.test(text.slice(serialStart, serialEnd))) prefix = content;
  }
  const { evensMultiplier, oddsMultiplier } = params;
  let total = 0;
  for (let i = 0; i < prefix.length; i++) total += mod10Value(prefix.charCodeAt(i)) * (i % 2 === 1 ? oddsMultiplier : evensMultiplier);
  for (let i = serialStart; i < serialEnd; i++) {
    const position = prefix.length + i - serialStart;
    total += mod10Value(text.charCodeAt(i)) * (position % 2 === 1 ? oddsMultiplier : evensMultiplier);
  }
  return (10 - (total % 10)) % 10 === checkValue(text, spans);
}

/** Σ weight·digit, then mod 11 and mod 10 (FedEx Express 12 and 34). */
function mod11(text: string, spans: CheckSpans, params: ByName['mod11']): boolean {
  const { serialStart, serialEnd } = spans;
  // Fail closed when the data pairs a serial with the wrong number of weights.
  if (serialEnd - serialStart !== params.weights.length || !digitSpans(text, spans)) return false;
  let sum = 0;
  for (let i = serialStart; i < serialEnd; i++) sum += digitAt(text, i) * params.weights[i - serialStart]!;
  return (sum % 11) % 10 === checkValue(text, spans);
}

const BY_SPANS: { [N in keyof ByName]: SpanAlgorithm<N> } = {
  s10,
  // EMS-13 is S10 arithmetic on digits 3–10; the format's groups pick those digits.
  ems13: s10,
  sf12,
  mod7,
  mod10,
  mod11,
};

/** The serial and the check digit side by side, as spans of one text. */
function joined({ serial, check }: CheckParts): { text: string; spans: CheckSpans } {
  const spans = { serialStart: 0, serialEnd: serial.length, checkStart: serial.length, checkEnd: serial.length + check.length };
  return { text: serial + check, spans };
}

/** The string form of an algorithm, for callers that hold the serial and the check digit apart. */
function fromParts<N extends keyof ByName>(algorithm: SpanAlgorithm<N>): Algorithm<N> {
  return (parts, params) => {
    const { text, spans } = joined(parts);
    return algorithm(text, spans, params);
  };
}

export const CHECKSUMS: { [N in keyof ByName]: Algorithm<N> } = {
  s10: fromParts(BY_SPANS.s10),
  ems13: fromParts(BY_SPANS.ems13),
  sf12: fromParts(BY_SPANS.sf12),
  mod7: fromParts(BY_SPANS.mod7),
  mod10: fromParts(BY_SPANS.mod10),
  mod11: fromParts(BY_SPANS.mod11),
};

export function verifyChecksum(checksum: Checksum, parts: CheckParts): boolean {
  const { text, spans } = joined(parts);
  return verifyChecksumAt(checksum, text, spans);
}

/** Verifies the check digit of `text` with the serial and the check digit at `spans`. */
export function verifyChecksumAt(checksum: Checksum, text: string, spans: CheckSpans): boolean {
  // A switch rather than BY_SPANS[checksum.name]: each case keeps the params' type narrowed.
  switch (checksum.name) {
    case 's10':
      return BY_SPANS.s10(text, spans, checksum);
    case 'ems13':
      return BY_SPANS.ems13(text, spans, checksum);
    case 'sf12':
      return BY_SPANS.sf12(text, spans, checksum);
    case 'mod7':
      return BY_SPANS.mod7(text, spans, checksum);
    case 'mod10':
      return BY_SPANS.mod10(text, spans, checksum);
    case 'mod11':
      return BY_SPANS.mod11(text, spans, checksum);
  }
}
