// Where a format's serial and check digit sit in a number, read off its pattern once.
// A check digit is verified for every number of a checksum format (EMS-13 is a common
// one); taking the groups from exec() built a match array and a groups object each
// time. When every part of a pattern has a fixed width, as nearly all do, the groups
// sit at fixed positions in any number the pattern matches. When not (a `?`, a `{9,10}`,
// an alternation), there is no answer and the caller keeps exec().

export interface CheckSpans {
  serialStart: number;
  serialEnd: number;
  checkStart: number;
  checkEnd: number;
}

interface Walk {
  source: string;
  at: number;
  /** Width matched so far. */
  width: number;
  groups: Map<string, { start: number; end: number }>;
}

/** Thrown inside the walk for anything that is not a fixed width; caught in checkSpansOf. */
class NotFixed extends Error {}

// Escapes that stand for one character of a class; any other letter or digit escape
// (\b, \k<…>, \1, \u…, \p{…}) is something else, and the walk gives up.
const ONE_CHARACTER_CLASSES = new Set(['d', 'D', 'w', 'W', 's', 'S']);

/** The fixed spans of `serial` and `check` in numbers matched by `pattern` (anchored ^…$), if there are any. */
export function checkSpansOf(pattern: string): CheckSpans | undefined {
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) return undefined;
  const walk: Walk = { source: pattern.slice(1, -1), at: 0, width: 0, groups: new Map() };
  try {
    walkSequence(walk, false);
  } catch (error) {
    if (error instanceof NotFixed) return undefined;
    throw error;
  }
  const serial = walk.groups.get('serial');
  const check = walk.groups.get('check');
  if (serial === undefined || check === undefined) return undefined;
  return { serialStart: serial.start, serialEnd: serial.end, checkStart: check.start, checkEnd: check.end };
}

/** Walks atoms until the end of the source or, inside a group, its `)`. */
function walkSequence(walk: Walk, inGroup: boolean): void {
  const { source } = walk;
  while (walk.at < source.length) {
    const ch = source[walk.at]!;
    if (ch === ')') {
      if (!inGroup) throw new NotFixed();
      return;
    }
    if (ch === '|' || ch === '^' || ch === '$' || ch === '*' || ch === '+' || ch === '?' || ch === '{') throw new NotFixed();
    const start = walk.width;
    const named = walkAtom(walk);
    const times = repeatCount(walk);
    if (times !== 1) {
      // A repeated group keeps only its last round: its span is not where the walk put it.
      if (named) throw new NotFixed();
      walk.width = start + (walk.width - start) * times;
    }
  }
  if (inGroup) throw new NotFixed();
}

/** One atom; returns whether it holds a named group. */
function walkAtom(walk: Walk): boolean {
  const { source } = walk;
  const ch = source[walk.at]!;
  if (ch === '\\') {
    const next = source[walk.at + 1];
    if (next === undefined || (/[0-9A-Za-z]/.test(next) && !ONE_CHARACTER_CLASSES.has(next))) throw new NotFixed();
    walk.at += 2;
    walk.width += 1;
    return false;
  }
  if (ch === '[') {
    let at = walk.at + 1;
    if (source[at] === ']') at += 1;
    while (at < source.length && source[at] !== ']') at += source[at] === '\\' ? 2 : 1;
    if (at >= source.length) throw new NotFixed();
    walk.at = at + 1;
    walk.width += 1;
    return false;
  }
  if (ch === '(') return walkGroup(walk);
  walk.at += 1;
  walk.width += 1;
  return false;
}

function walkGroup(walk: Walk): boolean {
  const { source } = walk;
  let name: string | undefined;
  if (source.startsWith('(?:', walk.at)) {
    walk.at += 3;
  } else if (source.startsWith('(?<', walk.at) && /^[A-Za-z_$]/.test(source[walk.at + 3] ?? '')) {
    const close = source.indexOf('>', walk.at);
    if (close < 0) throw new NotFixed();
    name = source.slice(walk.at + 3, close);
    walk.at = close + 1;
  } else if (source[walk.at + 1] === '?') {
    throw new NotFixed(); // lookarounds and anything newer
  } else {
    walk.at += 1;
  }
  const start = walk.width;
  const namesBefore = walk.groups.size;
  walkSequence(walk, true);
  walk.at += 1; // the `)`
  if (name !== undefined) walk.groups.set(name, { start, end: walk.width });
  return name !== undefined || walk.groups.size > namesBefore;
}

/** The count of a fixed quantifier after an atom ({n} or {n,n}), 1 when there is none; throws for any other. */
function repeatCount(walk: Walk): number {
  const { source } = walk;
  const ch = source[walk.at];
  if (ch === '*' || ch === '+' || ch === '?') throw new NotFixed();
  if (ch !== '{') return 1;
  const found = /^\{(\d+)(?:,(\d+))?\}/.exec(source.slice(walk.at));
  if (found === null) throw new NotFixed();
  const low = Number(found[1]);
  if (found[2] !== undefined && Number(found[2]) !== low) throw new NotFixed();
  walk.at += found[0].length;
  if (source[walk.at] === '?') throw new NotFixed();
  return low;
}
