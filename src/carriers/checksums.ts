// Check-digit algorithms, one pure function per name in the rules schema.
// Each receives the `serial` and `check` groups its format's pattern captured, so the
// data decides which characters are the serial and where the check digit sits
// (EMS-13 keeps a two-digit suffix after its check digit).
//
// Sources: UPU S10 and the mod10/mod7/weighted-mod11 family as defined in
// jkeen/tracking_number_data CHECKSUM_ALGORITHMS.md; EMS-13 and SF-12 as derived and
// verified in /work/shared/research/carriers.md §3.2 and §3.3.
import type { Checksum } from './schema.js';

export interface CheckParts {
  serial: string;
  check: string;
}

type ByName = { [N in Checksum['name']]: Extract<Checksum, { name: N }> };
type Algorithm<N extends keyof ByName> = (parts: CheckParts, params: ByName[N]) => boolean;

const DIGITS = /^\d+$/;

function digitsOf(text: string): number[] {
  return Array.from(text, (ch) => ch.charCodeAt(0) - 48);
}

/** The S10 check digit for 8 serial digits: weights 8,6,4,2,3,5,9,7; 11 − (Σ mod 11), with 10→0 and 11→5. */
function s10Digit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = digitsOf(serial).reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0);
  const r = 11 - (sum % 11);
  return r === 10 ? 0 : r === 11 ? 5 : r;
}

function s10({ serial, check }: CheckParts): boolean {
  return serial.length === 8 && DIGITS.test(serial) && DIGITS.test(check) && s10Digit(serial) === Number(check);
}

/** SF legacy 12-digit: weights 15,13,…,1 on digits 4–11; each product contributes tens + units. */
function sf12({ serial, check }: CheckParts): boolean {
  if (serial.length !== 8 || !DIGITS.test(serial) || !DIGITS.test(check)) return false;
  const weights = [15, 13, 11, 9, 7, 5, 3, 1];
  const sum = digitsOf(serial).reduce((acc, d, i) => {
    const product = d * (weights[i] ?? 0);
    return acc + Math.floor(product / 10) + (product % 10);
  }, 0);
  return (10 - (sum % 10)) % 10 === Number(check);
}

/** The serial read as one number, mod 7 (DHL Express). */
function mod7({ serial, check }: CheckParts): boolean {
  if (!DIGITS.test(serial) || !DIGITS.test(check)) return false;
  const remainder = digitsOf(serial).reduce((r, d) => (r * 10 + d) % 7, 0);
  return remainder === Number(check);
}

const prependRegexes = new Map<string, RegExp>();

/**
 * Σ of characters times the evens/odds multiplier (0-based index), check = (10 − Σ mod 10) mod 10.
 * Letters count as (char code − 3) mod 10, which is how UPS 1Z numbers carry them.
 */
function mod10({ serial, check }: CheckParts, params: ByName['mod10']): boolean {
  if (!/^[0-9A-Z]+$/.test(serial) || !DIGITS.test(check)) return false;
  let chars = serial;
  if (params.prepend) {
    const { unlessMatches, content } = params.prepend;
    let re = prependRegexes.get(unlessMatches);
    if (!re) prependRegexes.set(unlessMatches, (re = new RegExp(unlessMatches)));
    if (!re.test(chars)) chars = content + chars;
  }
  let total = 0;
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    const value = code <= 57 ? code - 48 : (code - 3) % 10;
    total += value * (i % 2 === 1 ? params.oddsMultiplier : params.evensMultiplier);
  }
  return (10 - (total % 10)) % 10 === Number(check);
}

/** Σ weight·digit, then mod 11 and mod 10 (FedEx Express 12 and 34). */
function mod11({ serial, check }: CheckParts, params: ByName['mod11']): boolean {
  // Fail closed when the data pairs a serial with the wrong number of weights.
  if (serial.length !== params.weights.length || !DIGITS.test(serial) || !DIGITS.test(check)) return false;
  const sum = digitsOf(serial).reduce((acc, d, i) => acc + d * (params.weights[i] ?? 0), 0);
  return (sum % 11) % 10 === Number(check);
}

export const CHECKSUMS: { [N in keyof ByName]: Algorithm<N> } = {
  s10,
  // EMS-13 is S10 arithmetic on digits 3–10; the format's groups pick those digits.
  ems13: s10,
  sf12,
  mod7,
  mod10,
  mod11,
};

export function verifyChecksum(checksum: Checksum, parts: CheckParts): boolean {
  switch (checksum.name) {
    case 's10':
      return CHECKSUMS.s10(parts, checksum);
    case 'ems13':
      return CHECKSUMS.ems13(parts, checksum);
    case 'sf12':
      return CHECKSUMS.sf12(parts, checksum);
    case 'mod7':
      return CHECKSUMS.mod7(parts, checksum);
    case 'mod10':
      return CHECKSUMS.mod10(parts, checksum);
    case 'mod11':
      return CHECKSUMS.mod11(parts, checksum);
  }
}
