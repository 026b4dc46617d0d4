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
  /** The same in Chinese, where ship says it in Chinese (the schema's own messages are English). */
  readonly problemZh: string | undefined;

  constructor(origin: string, path: string, problem: string, problemZh?: string) {
    super(`${origin}: ${path || '(top level)'}: ${problem}`);
    this.origin = origin;
    this.path = path;
    this.problem = problem;
    this.problemZh = problemZh;
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
