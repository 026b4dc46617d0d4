// One finding as one line of text, the way the CI outputs (GitHub annotations,
// the step summary, JUnit) say it: where (Excel row and column), what, what to do.

import { isAbsolute, relative, sep } from 'node:path';
import { FINDING_SEVERITY, type FindingCode, type Severity } from '../../core/finding.js';
import { CODE_TITLE, type Lang } from '../../core/messages.js';
import type { FindingJson } from '../report-schema.js';

export function codeTitle(code: string, lang: Lang): string {
  return (CODE_TITLE as Partial<Record<string, Record<Lang, string>>>)[code as FindingCode]?.[lang] ?? code;
}

/** The severity of a code; a code this version does not know counts as an error. */
export function severityOf(code: string): Severity {
  return (FINDING_SEVERITY as Partial<Record<string, Severity>>)[code] ?? 'error';
}

/** "行 20（快递单号）" / "row 20 (Tracking No.)": the row is the one Excel shows at the left. */
export function rowLabel(found: Pick<FindingJson, 'row' | 'column'>, lang: Lang): string {
  const column = found.column === null || found.column === '' ? '' : lang === 'zh' ? `（${found.column}）` : ` (${found.column})`;
  return lang === 'zh' ? `行 ${found.row}${column}` : `row ${found.row}${column}`;
}

/** "行 20（快递单号）：单号……不符合……。请……" */
export function findingSentence(found: FindingJson, lang: Lang): string {
  const hint = found.hint === '' ? '' : lang === 'zh' ? `。${found.hint}` : `. ${found.hint}`;
  return `${rowLabel(found, lang)}${lang === 'zh' ? '：' : ': '}${found.message}${hint}`;
}

/**
 * The input as CI tools want it: relative to the working folder (the repository root
 * in a GitHub workflow), with forward slashes. Paths outside it are left as given.
 */
export function repoPath(input: string, cwd: string): string {
  const rel = isAbsolute(input) ? relative(cwd, input) : input;
  const shown = rel === '' || rel.startsWith('..') ? input : rel;
  return shown.split(sep).join('/');
}

/** An English count and its noun: `1 order`, `2 orders`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
