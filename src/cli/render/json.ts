// --format json: the run as the document JSON.stringify(run, null, 2) prints, byte for
// byte, but handed out in pieces. A run with millions of findings makes a document
// longer than the longest string V8 can hold (about 512 MB: 2M findings fail with
// "Invalid string length"), and one string of it costs gigabytes at its peak.

import type { RunReport } from '../report-schema.js';

const GAP = '  ';

/** Levels opened piece by piece: the run, its files, a file, its findings; each finding is one piece. */
const OPENED_LEVELS = 4;

/** The value JSON.stringify writes for a member: what its toJSON returns, when it has one. */
function jsonValue(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  const { toJSON } = value as { toJSON?: unknown };
  return typeof toJSON === 'function' ? (toJSON as (key: string) => unknown).call(value, key) : value;
}

/** JSON.stringify leaves these out of an object and writes null for them in an array. */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** JSON.stringify(value, null, 2) of a value nested under `indent`: only structure holds line breaks, strings escape theirs. */
function nested(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2);
  return indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
}

/** `value` (already through jsonValue, not omitted) at `indent`, with `levels` container levels opened. */
function* pieces(value: unknown, indent: string, levels: number): Generator<string> {
  if (levels === 0 || value === null || typeof value !== 'object') {
    yield nested(value, indent);
    return;
  }
  const inner = indent + GAP;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let index = 0; index < value.length; index++) {
      yield `${index === 0 ? '[' : ','}\n${inner}`;
      const item = jsonValue(value[index], String(index));
      if (isOmitted(item)) yield 'null';
      else yield* pieces(item, inner, levels - 1);
    }
    yield `\n${indent}]`;
    return;
  }
  let written = 0;
  for (const key of Object.keys(value)) {
    const member = jsonValue((value as Record<string, unknown>)[key], key);
    if (isOmitted(member)) continue;
    yield `${written === 0 ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* pieces(member, inner, levels - 1);
    written += 1;
  }
  yield written === 0 ? '{}' : `\n${indent}}`;
}

/**
 * Plain JSON data as `${JSON.stringify(data, null, 2)}\n`, in pieces: the top `levels`
 * levels of objects and arrays piece by piece, everything below them one piece each.
 */
export function* jsonPieces(data: object, levels = OPENED_LEVELS): Generator<string> {
  yield* pieces(jsonValue(data, ''), '', levels);
  yield '\n';
}

export function renderJson(run: RunReport): Iterable<string> {
  return jsonPieces(run);
}
