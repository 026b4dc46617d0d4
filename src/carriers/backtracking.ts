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

import { readPattern, type PatternNode } from './pattern-tree.js';
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
  return alternation(readPattern(source), longest).ways;
}

/** Whether the pattern is safe to run on every cell of a sheet. */
export function isBoundedPattern(source: string): boolean {
  return backtrackingWays(source) <= MOST_WAYS;
}

/** Branches: their ways add up. */
function alternation(branches: readonly (readonly PatternNode[])[], longest: number): Shape {
  let ways = 0;
  let minLength = Number.POSITIVE_INFINITY;
  for (const branch of branches) {
    const shape = sequence(branch, longest);
    ways = capped(ways + shape.ways);
    minLength = Math.min(minLength, shape.minLength);
  }
  return { ways, minLength };
}

/** Terms one after the other: their ways multiply. */
function sequence(nodes: readonly PatternNode[], longest: number): Shape {
  let ways = 1;
  let minLength = 0;
  for (const node of nodes) {
    const term = shapeOf(node, longest);
    ways = capped(ways * term.ways);
    minLength += term.minLength;
  }
  return { ways, minLength };
}

function shapeOf(node: PatternNode, longest: number): Shape {
  switch (node.kind) {
    case 'assertion':
      return EMPTY;
    // A backreference matches what its group took, perhaps nothing.
    case 'backreference':
      return EMPTY;
    case 'group': {
      const body = alternation(node.branches, longest);
      // A lookaround takes no characters; the ways it may try still count.
      return node.lookaround ? { ways: body.ways, minLength: 0 } : body;
    }
    case 'repeat':
      return repeated(shapeOf(node.node, longest), node.min, node.max, longest);
    default:
      // A character, a class, `.`, \d, or an escape the tree cannot name: one character.
      return ONE;
  }
}

/** An operand repeated min to max times: the ways of every count it can take, added up. */
function repeated(operand: Shape, min: number, max: number, longest: number): Shape {
  // A round takes at least one character, or the engine would stop repeating it: no more
  // rounds than characters (of the operand's minimum length) in the longest number.
  const fit = Math.floor(longest / Math.max(1, operand.minLength));
  const most = Math.min(max, fit);
  const least = Math.min(min, most);
  let ways = 0;
  let power = operand.ways ** least;
  for (let count = least; count <= most && ways <= MOST_WAYS; count++) {
    ways += power;
    power *= operand.ways;
  }
  return { ways: capped(ways), minLength: min * operand.minLength };
}
