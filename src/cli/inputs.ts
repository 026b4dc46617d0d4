// The files a run reads. Arguments may be globs (`exports/*.xlsx`, `**/*.csv`):
// the shell usually expands them, but cmd.exe, PowerShell and quoted arguments in
// scripts do not, so ship expands `*`, `?` and `**` itself. Node 20 has no fs.glob.
// Matches are sorted (by UTF-16 code units, the same on every machine) and each
// file is read once even when several arguments name it.

import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileKey, pathKey } from '../io/file-identity.js';
import { allocateStem, outputName } from '../io/output/output-names.js';
import { IMPORT_SHEET_NAME } from '../io/output/import-template.js';
import { isImportSheet } from '../io/output/ship-written.js';

export type InputArgument =
  /** A file to read, as it will be shown: the argument, or the pattern's folder plus the match. */
  | { kind: 'file'; input: string }
  /**
   * A pattern that matched no file, or only files ship wrote (`onlyOutputs`): the run
   * goes on with the others and exits 2, as a folder without an export to check.
   */
  | { kind: 'no-match'; pattern: string; onlyOutputs?: boolean }
  /** An import sheet or report ship wrote, for `of` when it is an input of the run: left out (leftOut). */
  | { kind: 'own-output'; input: string; of?: string };

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
 * For each of `files` (resolved, in run order) named like an output ship writes for
 * another of them, that input. Outputs go beside their input, or into --out-dir (`outDir`),
 * under the stems allocateStem() gives (a.xlsx and a.csv: a and a-2). Every file owns
 * stems, reports too: re-checking a.report.xlsx writes a.report.import.xlsx.
 */
function ownersOf(files: readonly string[], outDir: string | undefined): Map<string, string> {
  const ownerByStem = new Map<string, string>();
  // This run's stems, and those of an earlier run without --out-dir (beside each input).
  for (const folder of outDir === undefined ? [undefined] : [outDir, undefined]) {
    const used = new Set<string>();
    for (const input of files) ownerByStem.set(pathKey(allocateStem(input, folder, used)), input);
  }
  const owners = new Map<string, string>();
  for (const file of files) {
    const output = outputName(basename(file));
    const owner = output === undefined ? undefined : ownerByStem.get(pathKey(resolve(dirname(file), output.stem)));
    if (owner !== undefined && owner !== file) owners.set(file, owner);
  }
  return owners;
}

/**
 * Whether `file`, named like a ship output, is left out of the run. A second nightly run
 * over `exports/*.xlsx` meets the outputs of the first: read as exports they would give
 * `a.import.import.xlsx`, and a.xlsx itself would be refused, its outputs being inputs
 * that must not be overwritten. A pattern leaves out every such file, with or without its
 * export (a report left behind when the export was archived would give a second import
 * sheet for orders already uploaded); a file named on the command line (or by the shell)
 * only when it is the output of another input. A file named like an import sheet that is
 * none (a merchant's export saved under that name; isImportSheet) is always read, and
 * so guarded: ship refuses to write over it.
 */
async function leftOut(file: string, owner: string | undefined, fromPattern: boolean): Promise<boolean> {
  const output = outputName(basename(file));
  if (output === undefined || (owner === undefined && !fromPattern)) return false;
  const importSheet = output.replaced && !basename(file).includes('.report.');
  return !importSheet || (await isImportSheet(file, IMPORT_SHEET_NAME));
}

/**
 * Expands the arguments in order. An argument that names an existing file is taken
 * as it is, even if its name contains `*` or `?`. Duplicates (the same file through
 * two arguments, a symlink or a hard link) are dropped, keeping the first. ship's own
 * outputs are set apart as 'own-output' (leftOut() says which).
 */
export async function expandInputs(args: readonly string[], cwd: string, outDir?: string): Promise<InputArgument[]> {
  const result: InputArgument[] = [];
  // The pattern each input was found by (none for a name given as it is).
  const patternOf = new Map<string, string>();
  const inputByKey = new Map<string, string>();
  const add = async (input: string, pattern?: string): Promise<void> => {
    const key = await fileKey(resolve(cwd, input));
    const first = inputByKey.get(key);
    if (first !== undefined) {
      // Named on its own as well: checked as a name given is, whichever argument came first.
      if (pattern === undefined) patternOf.delete(first);
      return;
    }
    inputByKey.set(key, input);
    result.push({ kind: 'file', input });
    if (pattern !== undefined) patternOf.set(input, pattern);
  };
  for (const argument of args) {
    if (!isPattern(argument) || (await kindOf(argument, cwd)) === 'file') {
      await add(argument);
      continue;
    }
    const matches = await expandPattern(argument, cwd);
    if (matches.length === 0) result.push({ kind: 'no-match', pattern: argument });
    for (const match of matches) await add(match, argument);
  }
  const files = result.flatMap((arg) => (arg.kind === 'file' ? [resolve(cwd, arg.input)] : []));
  const owners = ownersOf(files, outDir === undefined ? undefined : resolve(cwd, outDir));
  const expanded: InputArgument[] = [];
  const checkedBy = new Set<string>();
  const leftOutBy = new Set<string>();
  for (const arg of result) {
    const of = arg.kind === 'file' ? owners.get(resolve(cwd, arg.input)) : undefined;
    const pattern = arg.kind === 'file' ? patternOf.get(arg.input) : undefined;
    if (arg.kind !== 'file' || !(await leftOut(resolve(cwd, arg.input), of, pattern !== undefined))) {
      expanded.push(arg);
      if (pattern !== undefined) checkedBy.add(pattern);
      continue;
    }
    expanded.push({ kind: 'own-output', input: arg.input, ...(of === undefined ? {} : { of }) });
    if (pattern !== undefined) leftOutBy.add(pattern);
  }
  // A pattern that found only ship's outputs found no export: as a folder with nothing to check.
  for (const pattern of leftOutBy) if (!checkedBy.has(pattern)) expanded.push({ kind: 'no-match', pattern, onlyOutputs: true });
  return expanded;
}
