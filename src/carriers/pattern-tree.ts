// A rules pattern read into a small tree, for the load-time checks that need to know what a
// part of it can match (pattern-facts.ts): whether a letter can ever meet an upper-cased
// number, and whether a checksum's groups hold only digits. Only patterns that compile
// without flags reach it (the schema checks that first), so it reads what V8 reads and
// does not report syntax errors; what it cannot name (\p{…}, \cJ, an identity escape
// like \j) becomes an `opaque` node, which the checks treat as "cannot tell".
//
// Loaded with a rules file only (load.ts), like backtracking.ts.

export type PatternNode =
  /** A character written as itself (`at`: where, for the message) or as \x41, \u0041, \. */
  | { kind: 'char'; ch: string; at: number | undefined }
  /** \d, \D, \w, \W, \s, \S. */
  | { kind: 'shorthand'; letter: string }
  | { kind: 'class'; negated: boolean; items: ClassItem[] }
  | { kind: 'dot' }
  /** ^, $, \b, \B: they take no character. */
  | { kind: 'assertion' }
  /** \1, \k<name>: what its group took. */
  | { kind: 'backreference' }
  | { kind: 'opaque' }
  | { kind: 'group'; name: string | undefined; lookaround: boolean; branches: PatternNode[][] }
  | { kind: 'repeat'; node: PatternNode; min: number; max: number };

export type ClassItem =
  | { kind: 'char'; ch: string; at: number | undefined }
  | { kind: 'range'; from: string | undefined; to: string | undefined }
  | { kind: 'shorthand'; letter: string }
  | { kind: 'opaque' };

interface Reader {
  source: string;
  at: number;
}

/** The branches of a pattern that compiles without flags. */
export function readPattern(source: string): PatternNode[][] {
  return branches({ source, at: 0 });
}

function branches(reader: Reader): PatternNode[][] {
  const all: PatternNode[][] = [];
  for (;;) {
    all.push(sequence(reader));
    if (reader.source[reader.at] !== '|') return all;
    reader.at++;
  }
}

function sequence(reader: Reader): PatternNode[] {
  const nodes: PatternNode[] = [];
  while (reader.at < reader.source.length && reader.source[reader.at] !== '|' && reader.source[reader.at] !== ')') {
    nodes.push(quantified(reader, atom(reader)));
  }
  return nodes;
}

const QUANTIFIER = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/;

function quantified(reader: Reader, node: PatternNode): PatternNode {
  const found = QUANTIFIER.exec(reader.source.slice(reader.at, reader.at + 40));
  if (found === null || node.kind === 'assertion') return node;
  reader.at += found[0].length;
  const [, symbol, least, comma, most] = found;
  const min = symbol === undefined ? Number(least) : symbol === '+' ? 1 : 0;
  const max = symbol === '?' ? 1 : symbol !== undefined || most === '' ? Number.POSITIVE_INFINITY : comma === undefined ? min : Number(most);
  return { kind: 'repeat', node, min, max };
}

function atom(reader: Reader): PatternNode {
  const { source } = reader;
  const at = reader.at++;
  const ch = source[at]!;
  if (ch === '^' || ch === '$') return { kind: 'assertion' };
  if (ch === '.') return { kind: 'dot' };
  if (ch === '\\') return escape(reader);
  if (ch === '[') return characterClass(reader);
  if (ch === '(') return group(reader);
  // A `{` that starts no quantifier is a literal without the u flag, as any other character.
  return { kind: 'char', ch, at };
}

const SHORTHANDS = new Set(['d', 'D', 'w', 'W', 's', 'S']);
const CONTROL_ESCAPES: Record<string, string> = { t: '\t', n: '\n', v: '\v', f: '\f', r: '\r' };

/** After a `\` outside a class. */
function escape(reader: Reader): PatternNode {
  const { source } = reader;
  const letter = source[reader.at++] ?? '';
  if (letter === 'b' || letter === 'B') return { kind: 'assertion' };
  if (/[1-9]/.test(letter)) {
    while (/\d/.test(source[reader.at] ?? '')) reader.at++;
    return { kind: 'backreference' };
  }
  if (letter === 'k' && source[reader.at] === '<') {
    const end = source.indexOf('>', reader.at);
    reader.at = end < 0 ? source.length : end + 1;
    return { kind: 'backreference' };
  }
  return characterEscape(reader, letter);
}

type Escaped = Extract<PatternNode, { kind: 'char' | 'shorthand' | 'opaque' }>;

/** An escape for one character or a shorthand class, its letter already read (inside a class or not). */
function characterEscape(reader: Reader, letter: string): Escaped {
  const { source } = reader;
  if (SHORTHANDS.has(letter)) return { kind: 'shorthand', letter };
  const control = CONTROL_ESCAPES[letter];
  if (control !== undefined) return { kind: 'char', ch: control, at: undefined };
  const hex = letter === 'x' ? /^[0-9A-Fa-f]{2}/ : letter === 'u' ? /^[0-9A-Fa-f]{4}/ : undefined;
  const code = hex?.exec(source.slice(reader.at))?.[0];
  if (code !== undefined) {
    reader.at += code.length;
    return { kind: 'char', ch: String.fromCharCode(parseInt(code, 16)), at: undefined };
  }
  if ((letter === 'p' || letter === 'P') && source[reader.at] === '{') {
    const end = source.indexOf('}', reader.at);
    reader.at = end < 0 ? source.length : end + 1;
    return { kind: 'opaque' };
  }
  // \cJ, \0, and a letter or digit that means itself (an identity escape without the u flag).
  if (/[0-9A-Za-z]/.test(letter)) return { kind: 'opaque' };
  return { kind: 'char', ch: letter, at: undefined };
}

function characterClass(reader: Reader): PatternNode {
  const { source } = reader;
  const negated = source[reader.at] === '^';
  if (negated) reader.at++;
  const items: ClassItem[] = [];
  // JavaScript has no POSIX `[]…]`: `[]` is an empty class.
  while (reader.at < source.length && source[reader.at] !== ']') {
    const first = classAtom(reader);
    if (source[reader.at] === '-' && reader.at + 1 < source.length && source[reader.at + 1] !== ']') {
      reader.at++;
      const last = classAtom(reader);
      items.push({ kind: 'range', from: endpoint(first), to: endpoint(last) });
    } else items.push(first);
  }
  reader.at++; // the `]`
  return { kind: 'class', negated, items };
}

function classAtom(reader: Reader): ClassItem {
  const at = reader.at++;
  const ch = reader.source[at]!;
  if (ch !== '\\') return { kind: 'char', ch, at };
  const letter = reader.source[reader.at++] ?? '';
  // Inside a class, \b is a backspace.
  return letter === 'b' ? { kind: 'char', ch: '\b', at: undefined } : characterEscape(reader, letter);
}

/** A range's end as a character; undefined for \d or an escape it cannot name. */
function endpoint(item: ClassItem): string | undefined {
  return item.kind === 'char' ? item.ch : undefined;
}

function group(reader: Reader): PatternNode {
  const { source } = reader;
  let name: string | undefined;
  let lookaround = false;
  if (source[reader.at] === '?') {
    const kind = /^\?(?::|=|!|<=|<!|<([^>]*)>)/.exec(source.slice(reader.at));
    name = kind?.[1];
    lookaround = kind !== null && kind[0] !== '?:' && name === undefined;
    reader.at += kind?.[0].length ?? 1;
  }
  const body = branches(reader);
  reader.at++; // the `)`
  return { kind: 'group', name, lookaround, branches: body };
}
