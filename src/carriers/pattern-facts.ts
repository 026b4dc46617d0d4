// What a rules pattern can match, as far as its text decides it (pattern-tree.ts). Two
// mistakes only show up later as rejected orders: a lower-case letter (numbers are
// upper-cased before any pattern sees them, src/core/normalize.ts), and a checksum group
// that can hold what its algorithm cannot read (checksums.ts reads digits, and mod10
// capitals in the serial). Where the text does not decide it (a lookaround, a
// backreference, \p{…}), nothing is said, and the format's test.valid numbers still
// catch a checksum that cannot pass (rules-examples.ts).

import { readPattern, type ClassItem, type PatternNode } from './pattern-tree.js';

/** What characters a part of a pattern can match, as bits. */
export const DIGIT = 1;
export const CAPITAL = 2;
/** Anything else: lower case, punctuation, space. */
export const OTHER = 4;
/** A part it cannot name (\p{…}, a lookaround, a backreference). */
export const UNKNOWN = 8;

/** Where `source` has a letter written as itself in lower case, which no upper-cased number can hold. */
export function lowerCaseLetters(source: string): number[] {
  const found: number[] = [];
  const visit = (node: PatternNode): void => {
    if (node.kind === 'char' && isLowerCase(node.ch) && node.at !== undefined) found.push(node.at);
    // A range like a-z, and a negated class ([^x] takes upper-cased numbers as [^X] would not), are left alone.
    if (node.kind === 'class' && !node.negated) {
      for (const item of node.items) if (item.kind === 'char' && isLowerCase(item.ch) && item.at !== undefined) found.push(item.at);
    }
    if (node.kind === 'group') node.branches.forEach((branch) => branch.forEach(visit));
    if (node.kind === 'repeat') visit(node.node);
  };
  readPattern(source).forEach((branch) => branch.forEach(visit));
  return found.sort((a, b) => a - b);
}

/**
 * Whether a number, upper-cased as every cell is, can match at all. A lower-case letter is
 * harmless where its branch or class offers another way (`(?:SF|sf)`, `[Ss]`, `[a-z]?`):
 * such patterns were written for mixed-case input and always worked, so only a pattern
 * that lower case makes unmatchable (`^jsd\d{12}$`) is refused.
 */
export function matchesUpperCase(source: string): boolean {
  return someBranchAlive(readPattern(source));
}

function someBranchAlive(branches: readonly (readonly PatternNode[])[]): boolean {
  return branches.some((branch) => branch.every(alive));
}

function alive(node: PatternNode): boolean {
  switch (node.kind) {
    case 'char':
      return !isLowerCase(node.ch);
    case 'class':
      return node.negated || node.items.some((item) => (item.kind === 'char' ? !isLowerCase(item.ch) : item.kind !== 'range' || !(isLowerCase(item.from ?? '') && isLowerCase(item.to ?? ''))));
    case 'group':
      return node.lookaround || someBranchAlive(node.branches);
    case 'repeat':
      return node.min === 0 || alive(node.node);
    default:
      return true;
  }
}

/** Has an upper-case form that normalization would turn it into (ü, too; not 1 or ª). */
function isLowerCase(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

export interface GroupFacts {
  /** DIGIT | CAPITAL | OTHER | UNKNOWN bits of what the group can hold. */
  kinds: number;
  minWidth: number;
  maxWidth: number;
}

/**
 * What the named group can hold in a number the pattern matches; undefined when the pattern
 * has no such group, or has a lookaround or backreference that could narrow it.
 */
export function groupFacts(source: string, name: string): GroupFacts | undefined {
  const tree = readPattern(source);
  let target: PatternNode | undefined;
  let narrowed = false;
  const visit = (node: PatternNode): void => {
    if (node.kind === 'backreference' || (node.kind === 'group' && node.lookaround)) narrowed = true;
    if (node.kind === 'group') {
      if (node.name === name) target = node;
      node.branches.forEach((branch) => branch.forEach(visit));
    }
    if (node.kind === 'repeat') visit(node.node);
  };
  tree.forEach((branch) => branch.forEach(visit));
  if (target === undefined || narrowed) return undefined;
  const [minWidth, maxWidth] = widths(target);
  return { kinds: kindsOf(target), minWidth, maxWidth };
}

function kindsOf(node: PatternNode): number {
  switch (node.kind) {
    case 'char':
      return charKinds(node.ch);
    case 'shorthand':
      return node.letter === 'd' ? DIGIT : OTHER;
    case 'dot':
      return OTHER;
    case 'class':
      // A negated class takes what it does not list: punctuation at least.
      return node.negated ? OTHER : node.items.reduce((bits, item) => bits | itemKinds(item), 0);
    case 'group':
      return node.branches.reduce((bits, branch) => branch.reduce((inner, child) => inner | kindsOf(child), bits), 0);
    case 'repeat':
      return node.max === 0 ? 0 : kindsOf(node.node);
    case 'assertion':
      return 0;
    case 'backreference':
    case 'opaque':
      return UNKNOWN;
  }
}

function itemKinds(item: ClassItem): number {
  if (item.kind === 'range') return item.from === undefined || item.to === undefined ? UNKNOWN : rangeKinds(item.from, item.to);
  if (item.kind === 'char') return charKinds(item.ch);
  if (item.kind === 'shorthand') return item.letter === 'd' ? DIGIT : OTHER;
  return UNKNOWN;
}

function charKinds(ch: string): number {
  return rangeKinds(ch, ch);
}

const overlaps = (low: number, high: number, from: number, to: number): boolean => low <= to && high >= from;

function rangeKinds(from: string, to: string): number {
  const low = from.charCodeAt(0);
  const high = to.charCodeAt(0);
  let bits = 0;
  if (overlaps(low, high, 0x30, 0x39)) bits |= DIGIT;
  if (overlaps(low, high, 0x41, 0x5a)) bits |= CAPITAL;
  if (low < 0x30 || high > 0x5a || overlaps(low, high, 0x3a, 0x40)) bits |= OTHER;
  return bits;
}

/** Fewest and most characters a node takes. */
function widths(node: PatternNode): [number, number] {
  switch (node.kind) {
    case 'group': {
      if (node.lookaround) return [0, 0];
      const each = node.branches.map((branch) =>
        branch.reduce<[number, number]>(([min, max], child) => {
          const [low, high] = widths(child);
          return [min + low, max + high];
        }, [0, 0]),
      );
      return [Math.min(...each.map(([min]) => min)), Math.max(...each.map(([, max]) => max))];
    }
    case 'repeat': {
      const [low, high] = widths(node.node);
      return [low * node.min, node.max === 0 || high === 0 ? 0 : high * node.max];
    }
    case 'assertion':
      return [0, 0];
    case 'backreference':
      return [0, Number.POSITIVE_INFINITY];
    default:
      return [1, 1];
  }
}
