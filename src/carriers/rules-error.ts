import type { Bilingual } from '../io/errors.js';

/** A problem in both languages ship speaks. */
export type RulesProblem = Bilingual;

/**
 * A carrier rules file (the built-in carriers.json or a user's --rules file) that cannot be used.
 * `path` points at the offending field in JSON-path style, e.g. "carriers[3].formats[0].checksum.name",
 * so the message tells the user exactly what to fix.
 */
export class RulesError extends Error {
  override readonly name = 'RulesError';
  readonly origin: string;
  readonly path: string;
  /** What is wrong at `path`, without the origin and path. */
  readonly problem: string;
  /** The same in Chinese. */
  readonly problemZh: string;

  constructor(origin: string, path: string, problem: RulesProblem) {
    super(`${origin}: ${path || '(top level)'}: ${problem.en}`);
    this.origin = origin;
    this.path = path;
    this.problem = problem.en;
    this.problemZh = problem.zh;
  }
}

/** ['carriers', 3, 'formats', 0, 'checksum', 'name'] → "carriers[3].formats[0].checksum.name" */
export function formatRulesPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Throws the RulesError for a problem at a path inside one carrier of the file. */
export type Refuse = (path: PropertyKey[], problem: RulesProblem) => never;

/** `carrier "acme", format "acme-15"` in both languages: how a problem in a carrier starts. */
export function subject(carrier: { id: string }, formatId?: string): RulesProblem {
  return formatId === undefined
    ? { en: `carrier "${carrier.id}"`, zh: `快递公司 ${carrier.id}` }
    : { en: `carrier "${carrier.id}", format "${formatId}"`, zh: `快递公司 ${carrier.id} 的格式 ${formatId}` };
}
