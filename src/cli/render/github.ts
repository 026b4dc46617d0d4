// --format github: workflow commands that GitHub Actions turns into annotations
// (`::error file=…,line=…,title=…::message`). GitHub shows at most 10 annotations of
// each kind per step and drops the rest, so at most 9 per kind are printed and the
// 10th says how many more there are; a last plain line counts everything.
// Skipped rows (info) are not annotated: there is nothing to fix in them.

import type { Lang } from '../../core/messages.js';
import type { FileReport, RunReport } from '../report-schema.js';
import { codeTitle, findingSentence, plural, repoPath } from './finding-text.js';
import { shownWith } from '../exit-codes.js';
import { terminalSafeKeepingLines } from './terminal-text.js';

/** GitHub's limit per kind and per step (actions/toolkit docs/problem-matchers.md). */
export const ANNOTATIONS_PER_KIND = 10;

type Kind = 'error' | 'warning';

interface Annotation {
  kind: Kind;
  properties: Record<string, string | number>;
  message: string;
}

/**
 * The message part: `%`, CR and LF would end or corrupt the command, and the log shows
 * escape sequences from a cell as colours and cursor moves (terminal-text.ts).
 */
export function escapeData(text: string): string {
  return terminalSafeKeepingLines(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` (ends the properties) and `,` (separates them). */
export function escapeProperty(text: string): string {
  // escapeData makes control characters visible too: a file name can hold them.
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatAnnotation({ kind, properties, message }: Annotation): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${kind}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}


const WORDS = {
  zh: {
    unreadable: '无法校验此文件',
    more: (n: number, kind: Kind) => `另有 ${n} 个${kind === 'error' ? '错误' : '警告'}未显示为注释`,
    moreBody: (summary: boolean) => `GitHub 每一步每类最多显示 ${ANNOTATIONS_PER_KIND} 个注释。完整列表见${summary ? '任务摘要和' : ''}各文件的问题报告（.report.xlsx）`,
    total: (files: number, errors: number, warnings: number, shownErrors: number, shownWarnings: number) =>
      `ship: ${files} 个文件，${errors} 个错误、${warnings} 个警告；显示为注释的：${shownErrors} 个错误、${shownWarnings} 个警告`,
  },
  en: {
    unreadable: 'file could not be checked',
    more: (n: number, kind: Kind) => `${n} more ${kind === 'error' ? 'errors' : 'warnings'} not shown as annotations`,
    moreBody: (summary: boolean) =>
      `GitHub shows at most ${ANNOTATIONS_PER_KIND} annotations of each kind per step. See ${summary ? 'the job summary and ' : ''}each file's report (.report.xlsx) for the full list`,
    total: (files: number, errors: number, warnings: number, shownErrors: number, shownWarnings: number) =>
      `ship: ${plural(files, 'file')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}; shown as annotations: ${plural(shownErrors, 'error')}, ${plural(shownWarnings, 'warning')}`,
  },
};

export interface GithubOptions {
  lang: Lang;
  cwd: string;
  /** Only what fails the run: errors, and warnings with --strict. */
  quiet: boolean;
  strict?: boolean;
  /** A step summary is being written too ($GITHUB_STEP_SUMMARY), so messages can point to it. */
  withSummary: boolean;
}

function annotationsOf(report: FileReport, options: GithubOptions): Annotation[] {
  const file = repoPath(report.input, options.cwd);
  if (report.error !== null) {
    return [{ kind: 'error', properties: { file, title: `ship: ${WORDS[options.lang].unreadable}` }, message: report.error }];
  }
  return report.findings.flatMap((found): Annotation[] => {
    if (found.severity === 'info' || !shownWith(found.severity, options)) return [];
    return [
      {
        kind: found.severity,
        // For an .xlsx, `line` is the Excel row: GitHub cannot show a binary file, but the number is the one to look for.
        properties: { file, line: found.row, title: `ship: ${codeTitle(found.code, options.lang)} (${found.code})` },
        message: findingSentence(found, options.lang),
      },
    ];
  });
}

export function renderGithub(run: RunReport, options: GithubOptions): string {
  const words = WORDS[options.lang];
  // Files that could not be checked come first: they must not be lost to the cap.
  const all = [...run.files.filter((f) => f.error !== null), ...run.files.filter((f) => f.error === null)].flatMap((report) => annotationsOf(report, options));
  // Every error and warning of the run, including those --max-errors left out of the lists.
  const totals: Record<Kind, number> = {
    error: run.files.reduce((sum, f) => sum + f.counts.error + (f.error === null ? 0 : 1), 0),
    warning: !shownWith('warning', options) ? 0 : run.files.reduce((sum, f) => sum + f.counts.warning, 0),
  };
  const shown: Record<Kind, number> = { error: 0, warning: 0 };
  const lines: string[] = [];
  const tail: string[] = [];
  for (const kind of ['error', 'warning'] as const) {
    const ofKind = all.filter((a) => a.kind === kind);
    const overflow = totals[kind] > ANNOTATIONS_PER_KIND || ofKind.length > ANNOTATIONS_PER_KIND;
    const room = overflow ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND;
    shown[kind] = Math.min(room, ofKind.length);
    const hidden = Math.max(totals[kind], ofKind.length) - shown[kind];
    if (hidden > 0) {
      tail.push(formatAnnotation({ kind, properties: { title: `ship: ${words.more(hidden, kind)}` }, message: words.moreBody(options.withSummary) }));
    }
  }
  const taken: Record<Kind, number> = { error: 0, warning: 0 };
  for (const annotation of all) {
    if (taken[annotation.kind] >= shown[annotation.kind]) continue;
    taken[annotation.kind] += 1;
    lines.push(formatAnnotation(annotation));
  }
  lines.push(...tail, words.total(run.files.length, totals.error, totals.warning, shown.error, shown.warning));
  return `${lines.join('\n')}\n`;
}
