// Whether a rules pattern could keep V8's backtracking regex engine busy without end.
// A pattern runs on every number of a sheet, and every format is tried for the hints, so
// `^(\d+)+$` on one 32-digit cell with a letter at the end hangs a nightly batch (the time
// doubles with each digit). V8 has no time limit for a match, so the rules file is refused
// at load instead.
//
// The measure is an upper bound on how many ways the engine can try to match a number of
// at most LONGEST_TRACKING_NUMBER characters (registry.ts: a longer one never reaches a
// pattern): a sequence multiplies its parts' ways, an alternation adds its branches', and
// a quantifier adds up its operand's ways over every count it can take. Two refinements
// keep ordinary patterns under the bound (a review found `^[A-Z]+\d+[A-Z]*$` and
// `\d{12}(?:-\d+)*` refused): k open repeats of one character in a row can only split the
// number among themselves, C(n + k, k) ways, not n^k; and rounds that each start with a
// character their repeats cannot take (`-\d+`) cannot be split another way, so they add. `\d{12}` has one
// way, `\d{8,10}` three; `(\d+)+` and `(\d|\d)+` (nested or overlapping repetition) have
// about 2^48, and ten `\d*` in a row C(58,10), about 6·10^10. Lookarounds and backreferences are counted
// as if they backtracked too, which only makes the bound larger.
//
// Loaded with a rules file only (load.ts): the built-in patterns are checked by the tests.

import { readPattern, type PatternNode } from './pattern-tree.js';
import { LONGEST_TRACKING_NUMBER } from './registry.js';

/**
 * Ways a pattern may have. The built-in patterns have at most 1,568 (京东's package barcode,
 * with its open-ended tail); a pattern at this bound takes about ten milliseconds on a
 * number it does not fit (the count is an upper bound: real patterns take far less), where
 * `^(\d+)+$` takes 0.1 s on 25 digits and doubles with each one more.
 */
export const MOST_WAYS = 1_000_000;

interface Shape {
  /** Upper bound on the ways to match (Infinity past MOST_WAYS: the exact size no longer matters). */
  ways: number;
  /** Fewest characters a match takes. */
  minLength: number;
  /** Open repeats of one character (\d+, [A-Z]*) whose splits of the number are not counted in `ways` yet. */
  free: number;
}

const ONE: Shape = { ways: 1, minLength: 1, free: 0 };
const EMPTY: Shape = { ways: 1, minLength: 0, free: 0 };

const capped = (ways: number): number => (ways > MOST_WAYS ? Number.POSITIVE_INFINITY : ways);

/** Upper bound on the ways `source` (a pattern that compiles without flags) can try on a number that fits the registry. */
export function backtrackingWays(source: string, longest = LONGEST_TRACKING_NUMBER): number {
  return alternation(readPattern(source), longest).ways;
}

/** Whether the pattern is safe to run on every cell of a sheet. */
export function isBoundedPattern(source: string): boolean {
  return backtrackingWays(source) <= MOST_WAYS;
}

/** The splits of a number of `longest` characters among the open repeats, counted in. */
function settled(shape: Shape, longest: number): Shape {
  if (shape.free === 0) return shape;
  let splits = 1;
  // C(longest + free, free), stopping once past the bound.
  for (let i = 1; i <= shape.free && splits <= MOST_WAYS; i++) splits = (splits * (longest + i)) / i;
  return { ways: capped(shape.ways * splits), minLength: shape.minLength, free: 0 };
}

/** Branches: their ways add up. */
function alternation(branches: readonly (readonly PatternNode[])[], longest: number): Shape {
  let ways = 0;
  let minLength = Number.POSITIVE_INFINITY;
  for (const branch of branches) {
    const shape = settled(sequence(branch, longest), longest);
    ways = capped(ways + shape.ways);
    minLength = Math.min(minLength, shape.minLength);
  }
  return { ways, minLength, free: 0 };
}

/** Terms one after the other: their ways multiply; open repeats are settled together. */
function sequence(nodes: readonly PatternNode[], longest: number): Shape {
  let ways = 1;
  let minLength = 0;
  let free = 0;
  for (const node of nodes) {
    const term = shapeOf(node, longest);
    ways = capped(ways * term.ways);
    minLength += term.minLength;
    free += term.free;
  }
  return { ways, minLength, free };
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
      return node.lookaround ? { ...body, minLength: 0 } : body;
    }
    case 'repeat':
      return repeated(node, shapeOf(node.node, longest), longest);
    default:
      // A character, a class, `.`, \d, or an escape the tree cannot name: one character.
      return ONE;
  }
}

/** An operand repeated min to max times: the ways of every count it can take, added up. */
function repeated(node: Extract<PatternNode, { kind: 'repeat' }>, operand: Shape, longest: number): Shape {
  const { min, max } = node;
  // One character, open-ended: its length is a split of the number, counted with its neighbours'.
  if (operand.ways === 1 && operand.minLength === 1 && operand.free === 0 && max > longest && isOneCharacter(node.node)) {
    return { ways: 1, minLength: min, free: 1 };
  }
  // A round takes at least one character, or the engine would stop repeating it: no more
  // rounds than characters (of the operand's minimum length) in the longest number.
  const fit = Math.floor(longest / Math.max(1, operand.minLength));
  const most = Math.min(max, fit);
  const least = Math.min(min, most);
  if (isDelimited(node.node)) return { ways: capped(operand.ways * Math.max(1, most - least + 1)), minLength: min * operand.minLength, free: 0 };
  let ways = 0;
  let power = operand.ways ** least;
  for (let count = least; count <= most && ways <= MOST_WAYS; count++) {
    ways += power;
    power *= operand.ways;
  }
  return { ways: capped(ways), minLength: min * operand.minLength, free: 0 };
}

function isOneCharacter(node: PatternNode): boolean {
  return node.kind === 'char' || node.kind === 'class' || node.kind === 'shorthand' || node.kind === 'dot';
}

/**
 * A group that starts with a character (`-`, `/`) no repeat inside it can take: each round
 * begins where that character is, so rounds cannot be split another way.
 */
function isDelimited(node: PatternNode): boolean {
  // One branch: alternatives that overlap ((a|aa)+) are the classic way to explode.
  if (node.kind !== 'group' || node.lookaround || node.branches.length !== 1) return false;
  const branch = node.branches[0]!;
  const first = branch[0];
  if (first?.kind !== 'char') return false;
  return branch.every((part) => part.kind !== 'repeat' || (isOneCharacter(part.node) && !canTake(part.node, first.ch)));
}

/** Whether a one-character node can match `ch` (erring towards yes). */
function canTake(node: PatternNode, ch: string): boolean {
  switch (node.kind) {
    case 'char':
      return node.ch === ch;
    case 'shorthand':
      return node.letter === 'd' ? /\d/.test(ch) : node.letter === 'w' ? /\w/.test(ch) : node.letter === 's' ? /\s/.test(ch) : true;
    case 'class':
      if (node.negated) return true;
      return node.items.some((item) => {
        if (item.kind === 'char') return item.ch === ch;
        if (item.kind === 'range') return item.from === undefined || item.to === undefined || (ch >= item.from && ch <= item.to);
        if (item.kind === 'shorthand') return canTake({ kind: 'shorthand', letter: item.letter }, ch);
        return true;
      });
    default:
      return true;
  }
}
