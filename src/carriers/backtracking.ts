// Whether a rules pattern could keep V8's backtracking regex engine busy without end.
// A pattern runs on every number of a sheet, and every format is tried for the hints, so
// `^(\d+)+$` on one 32-digit cell with a letter at the end hangs a nightly batch (the time
// doubles with each digit). V8 has no time limit for a match, so the rules file is refused
// at load instead.
//
// The measure is an upper bound on how many ways the engine can try to match a number of
// at most LONGEST_TRACKING_NUMBER characters (registry.ts: a longer one never reaches a
// pattern): a sequence multiplies its parts' ways, an alternation adds its branches', and
// a quantifier adds up its operand's ways over every count it can take. `\d{12}` has one
// way, `\d{8,10}` three; `(\d+)+` and `(\d|\d)+` (nested or overlapping repetition) have
// about 2^48, and `\d*\d*\d*\d*` about 49^4. Lookarounds and backreferences are counted
// as if they backtracked too, which only makes the bound larger.
//
// Loaded with a rules file only (load.ts): the built-in patterns are checked by the tests.

import { LONGEST_TRACKING_NUMBER } from './registry.js';

/**
 * Ways a pattern may have. The built-in patterns have at most 1,568 (京东's package barcode,
 * with its open-ended tail); a pattern at this bound takes about a millisecond on a number
 * it does not fit, where `^(\d+)+$` takes 0.1 s on 25 digits and doubles with each one more.
 */
export const MOST_WAYS = 100_000;

interface Shape {
  /** Upper bound on the ways to match (Infinity past MOST_WAYS: the exact size no longer matters). */
  ways: number;
  /** Fewest characters a match takes. */
  minLength: number;
}

const ONE: Shape = { ways: 1, minLength: 1 };
const EMPTY: Shape = { ways: 1, minLength: 0 };

const capped = (ways: number): number => (ways > MOST_WAYS ? Number.POSITIVE_INFINITY : ways);

/** Upper bound on the ways `source` (a pattern that compiles without flags) can try on a number that fits the registry. */
export function backtrackingWays(source: string, longest = LONGEST_TRACKING_NUMBER): number {
  const reader = { source, at: 0, longest };
  return alternation(reader).ways;
}

/** Whether the pattern is safe to run on every cell of a sheet. */
export function isBoundedPattern(source: string): boolean {
  return backtrackingWays(source) <= MOST_WAYS;
}

interface Reader {
  source: string;
  at: number;
  longest: number;
}

/** Branches separated by `|`, up to the end or the `)` closing the group (left for the caller). */
function alternation(reader: Reader): Shape {
  let ways = 0;
  let minLength = Number.POSITIVE_INFINITY;
  for (;;) {
    const branch = sequence(reader);
    ways = capped(ways + branch.ways);
    minLength = Math.min(minLength, branch.minLength);
    if (reader.source[reader.at] !== '|') return { ways, minLength };
    reader.at++;
  }
}

function sequence(reader: Reader): Shape {
  let ways = 1;
  let minLength = 0;
  while (reader.at < reader.source.length && reader.source[reader.at] !== '|' && reader.source[reader.at] !== ')') {
    const term = quantified(reader, atom(reader));
    ways = capped(ways * term.ways);
    minLength += term.minLength;
  }
  return { ways, minLength };
}

/** The atom read, repeated by the quantifier after it, if any. */
function quantified(reader: Reader, operand: Shape): Shape {
  const counts = quantifier(reader);
  if (counts === undefined) return operand;
  // A round takes at least one character, or the engine would stop repeating it: no more
  // rounds than characters (of the operand's minimum length) in the longest number.
  const fit = Math.floor(reader.longest / Math.max(1, operand.minLength));
  const most = Math.min(counts.max, fit);
  const least = Math.min(counts.min, most);
  let ways = 0;
  let power = operand.ways ** least;
  for (let count = least; count <= most && ways <= MOST_WAYS; count++) {
    ways += power;
    power *= operand.ways;
  }
  return { ways: capped(ways), minLength: counts.min * operand.minLength };
}

const QUANTIFIER = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/;

function quantifier(reader: Reader): { min: number; max: number } | undefined {
  const found = QUANTIFIER.exec(reader.source.slice(reader.at, reader.at + 40));
  if (found === null) return undefined;
  reader.at += found[0].length;
  const [, symbol, least, comma, most] = found;
  if (symbol === '*') return { min: 0, max: Number.POSITIVE_INFINITY };
  if (symbol === '+') return { min: 1, max: Number.POSITIVE_INFINITY };
  if (symbol === '?') return { min: 0, max: 1 };
  const min = Number(least);
  return { min, max: comma === undefined ? min : most === '' ? Number.POSITIVE_INFINITY : Number(most) };
}

function atom(reader: Reader): Shape {
  const { source } = reader;
  const ch = source[reader.at++];
  switch (ch) {
    case '^':
    case '$':
      return EMPTY;
    case '\\':
      return escape(reader);
    case '[':
      // To the unescaped `]` (JavaScript has no POSIX `[]…]`: `[]` is an empty class).
      while (reader.at < source.length && source[reader.at] !== ']') reader.at += source[reader.at] === '\\' ? 2 : 1;
      reader.at++;
      return ONE;
    case '(':
      return group(reader);
    default:
      // A character, `.`, or a `{` that starts no quantifier (a literal without the u flag).
      return ONE;
  }
}

function escape(reader: Reader): Shape {
  const ch = reader.source[reader.at++] ?? '';
  if (ch === 'b' || ch === 'B') return EMPTY;
  // A backreference (\1, \k<name>) matches what its group took, perhaps nothing.
  if (/[1-9]/.test(ch)) {
    while (/\d/.test(reader.source[reader.at] ?? '')) reader.at++;
    return EMPTY;
  }
  if (ch === 'k' && reader.source[reader.at] === '<') {
    const end = reader.source.indexOf('>', reader.at);
    reader.at = end < 0 ? reader.source.length : end + 1;
    return EMPTY;
  }
  // \d, \w, \x41, \u0041, \cJ: one character (hex digits left behind read as characters of
  // their own, which changes no count: a quantifier after them repeats one character either way).
  return ONE;
}

function group(reader: Reader): Shape {
  const { source } = reader;
  let lookaround = false;
  if (source[reader.at] === '?') {
    const kind = /^\?(?::|=|!|<=|<!|<[^>]*>)/.exec(source.slice(reader.at))?.[0] ?? '?:';
    lookaround = kind !== '?:' && !/^\?<[^=!]/.test(kind);
    reader.at += kind.length;
  }
  const body = alternation(reader);
  reader.at++; // the `)`
  // A lookaround takes no characters; the ways it may try still count.
  return lookaround ? { ways: body.ways, minLength: 0 } : body;
}
