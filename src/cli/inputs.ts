// The files a run reads. Arguments may be globs (`exports/*.xlsx`, `**/*.csv`):
// the shell usually expands them, but cmd.exe, PowerShell and quoted arguments in
// scripts do not, so ship expands `*`, `?` and `**` itself. Node 20 has no fs.glob.
// Matches are sorted (by UTF-16 code units, the same on every machine) and each
// file is read once even when several arguments name it.

import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { fileKey } from '../io/file-identity.js';
import { outputName } from '../io/output/output-names.js';

export type InputArgument =
  /** A file to read, as it will be shown: the argument, or the pattern's folder plus the match. */
  | { kind: 'file'; input: string }
  /** A pattern that matched no file: the run goes on with the others and exits 2. */
  | { kind: 'no-match'; pattern: string }
  /** An import sheet or report ship wrote for another input of the run: left out (ownOutputOf). */
  | { kind: 'own-output'; input: string; of: string };

const WILDCARD = /[*?]/;

export function isPattern(argument: string): boolean {
  return WILDCARD.test(argument);
}

/** One path segment of a pattern as a regular expression: `*` any run of characters, `?` one. */
export function segmentMatcher(segment: string, caseInsensitive = process.platform === 'win32'): RegExp {
  const body = [...segment].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body.replace(/(\.\*)+/g, '.*')}$`, caseInsensitive ? 'sui' : 'su');
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir === '' ? '.' : dir, { withFileTypes: true });
  } catch {
    return []; // a folder that is missing or unreadable matches nothing
  }
}

const join = (dir: string, name: string): string => (dir === '' ? name : dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);

/** Whether a match is a file, following a symlink, without throwing. */
async function kindOf(path: string, cwd: string): Promise<'file' | 'dir' | undefined> {
  const stats = await stat(resolve(cwd, path)).catch(() => undefined);
  return stats === undefined ? undefined : stats.isDirectory() ? 'dir' : stats.isFile() ? 'file' : undefined;
}

async function walk(dir: string, segments: readonly string[], cwd: string, found: string[]): Promise<void> {
  const [segment, ...rest] = segments;
  if (segment === undefined) {
    if ((await kindOf(dir, cwd)) === 'file') found.push(dir);
    return;
  }
  if (!isPattern(segment)) {
    await walk(join(dir, segment), rest, cwd, found);
    return;
  }
  // `exports/**` means every file below exports, as `exports/**/*` does.
  if (segment === '**' && rest.length === 0) return walk(dir, ['**', '*'], cwd, found);
  const listed = await entries(resolve(cwd, dir === '' ? '.' : dir));
  if (segment === '**') {
    // Zero folders, then every folder below; symlinked folders are not entered (no loops).
    await walk(dir, rest, cwd, found);
    for (const entry of listed) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) await walk(join(dir, entry.name), segments, cwd, found);
    }
    return;
  }
  const matcher = segmentMatcher(segment);
  for (const entry of listed) {
    // As in the shell, `*` does not match hidden files (.~lock…#, .DS_Store) unless the pattern starts with a dot.
    if (entry.name.startsWith('.') && !segment.startsWith('.')) continue;
    // Nor the owner file Excel and WPS keep beside an open workbook (~$orders.xlsx): it is
    // never a spreadsheet, and would fail a nightly run just because someone left Excel open.
    if (entry.name.startsWith('~$') && !segment.startsWith('~$')) continue;
    if (!matcher.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (rest.length === 0) {
      if ((await kindOf(path, cwd)) === 'file') found.push(path);
    } else {
      await walk(path, rest, cwd, found);
    }
  }
}

/** The files one pattern matches, sorted. */
export async function expandPattern(pattern: string, cwd: string): Promise<string[]> {
  const normalized = process.platform === 'win32' ? pattern.replace(/\\/g, '/') : pattern;
  const segments = normalized.split('/').filter((segment) => segment !== '');
  const found: string[] = [];
  await walk(normalized.startsWith('/') ? '/' : '', segments, cwd, found);
  return [...new Set(found)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The input whose import sheet or report `path` is, among `inputs` (resolved paths), or
 * undefined. Outputs go beside their input, or into --out-dir (`outDir`). A second
 * nightly run over `exports/*.xlsx` meets the outputs of the first: read as exports they
 * would give `a.import.import.xlsx`, and a.xlsx itself would be refused, its outputs
 * being inputs that must not be overwritten.
 */
function ownOutputOf(path: string, inputs: ReadonlySet<string>, outDir: string | undefined): string | undefined {
  const output = outputName(basename(path));
  if (output === undefined) return undefined;
  const folder = dirname(path);
  // Beside the input (this run's, or an earlier run's without --out-dir), or in --out-dir.
  const writesHere = (input: string): boolean => dirname(input) === folder || outDir === folder;
  const named = (stem: string): string[] => [...inputs].filter((input) => input !== path && writesHere(input) && basename(input, extname(input)) === stem);
  const exact = named(output.stem);
  if (exact.length > 0) return exact[0];
  // a.xlsx and a.csv in one run write a.* and a-2.* (validate-file.ts outputStem).
  const numbered = /^(.+)-(\d+)$/su.exec(output.stem);
  if (numbered === null) return undefined;
  const alike = named(numbered[1]!);
  return alike.length >= Number(numbered[2]) ? alike[Number(numbered[2]) - 1] : undefined;
}

/**
 * Expands the arguments in order. An argument that names an existing file is taken
 * as it is, even if its name contains `*` or `?`. Duplicates (the same file through
 * two arguments, a symlink or a hard link) are dropped, keeping the first. ship's own
 * outputs of another input of the run (beside it, or in `outDir`) are set apart as
 * 'own-output', whether a pattern here or the shell found them.
 */
export async function expandInputs(args: readonly string[], cwd: string, outDir?: string): Promise<InputArgument[]> {
  const result: InputArgument[] = [];
  const seen = new Set<string>();
  const add = async (input: string): Promise<void> => {
    const key = await fileKey(resolve(cwd, input));
    if (seen.has(key)) return;
    seen.add(key);
    result.push({ kind: 'file', input });
  };
  for (const argument of args) {
    if (!isPattern(argument) || (await kindOf(argument, cwd)) === 'file') {
      await add(argument);
      continue;
    }
    const matches = await expandPattern(argument, cwd);
    if (matches.length === 0) result.push({ kind: 'no-match', pattern: argument });
    for (const match of matches) await add(match);
  }
  const files = new Set(result.flatMap((arg) => (arg.kind === 'file' ? [resolve(cwd, arg.input)] : [])));
  return result.map((arg) => {
    if (arg.kind !== 'file') return arg;
    const of = ownOutputOf(resolve(cwd, arg.input), files, outDir === undefined ? undefined : resolve(cwd, outDir));
    return of === undefined ? arg : { kind: 'own-output', input: arg.input, of };
  });
}
