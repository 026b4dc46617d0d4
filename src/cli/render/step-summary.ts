// The Markdown that --format github appends to $GITHUB_STEP_SUMMARY: the counts
// per file, the problems by kind, and the listed findings, since annotations stop
// at 10. Cell values come from the spreadsheet, so every one is escaped.
// GitHub shows nothing of a step's summary once it passes 1 MiB, so the text is
// measured: the table of files first, then each file's details while they fit.

import { SEVERITY_LABEL, type Lang } from '../../core/messages.js';
import { SEVERITY_RANK, worstFirst } from '../finding-list.js';
import type { FileReport, FindingCounts, RunReport } from '../report-schema.js';
import { codeTitle, plural, repoPath, severityOf } from './finding-text.js';


/** Findings listed per file. */
export const SUMMARY_FINDINGS_PER_FILE = 50;

/**
 * Bytes (UTF-8) a step's summary may hold, with what earlier commands of the step wrote:
 * GitHub drops the whole summary above 1 MiB (1,048,576 bytes). This leaves a margin.
 */
export const SUMMARY_MAX_BYTES = 1_000_000;

/** Text for a table cell: no line breaks, and Markdown/HTML punctuation taken literally. */
export function markdownCell(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]<>|&~#]/g, (ch) => `\\${ch}`);
}


const WORDS = {
  zh: {
    heading: (ok: boolean) => (ok ? '## ship validate：✔ 全部可以导入' : '## ship validate：✖ 未通过'),
    fileHead: ['文件', '共计行', '可导入', '未通过', '跳过', '错误', '警告', '导入表'],
    orders: (n: number) => `${n} 单`,
    failed: '无法校验',
    kindsHead: ['问题', '级别', '代码', '数量'],
    findingsHead: ['行', '列', '级别', '代码', '说明'],
    counts: (c: FindingCounts) => `${c.error} 个错误、${c.warning} 个警告、${c.info} 条提示`,
    listed: (shown: number, total: number, counts: string) =>
      shown < total ? `前 ${shown} 条问题（共 ${total} 条：${counts}；错误在前，完整列表见问题报告）` : `全部 ${total} 条问题（${counts}）`,
    left: (rows: number, details: number) =>
      `任务摘要不能超过 1 MiB（超过时 GitHub 整个不显示）：${[rows > 0 ? `${rows} 个文件没有列入上表` : '', details > 0 ? `${details} 个文件的问题明细没有列出` : ''].filter((part) => part !== '').join('，')}；完整列表见各文件的问题报告（与导入表在同一文件夹）。`,
  },
  en: {
    heading: (ok: boolean) => (ok ? '## ship validate: ✔ ready to import' : '## ship validate: ✖ failed'),
    fileHead: ['File', 'Rows', 'Ready to import', 'Rejected', 'Skipped', 'Errors', 'Warnings', 'Import sheet'],
    orders: (n: number) => `${n} orders`,
    failed: 'could not be checked',
    kindsHead: ['Problem', 'Level', 'Code', 'Count'],
    findingsHead: ['Row', 'Column', 'Level', 'Code', 'Message'],
    counts: (c: FindingCounts) => `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info`,
    listed: (shown: number, total: number, counts: string) =>
      shown < total ? `First ${shown} of ${total} findings (${counts}; errors first, the report lists them all)` : `All ${total} findings (${counts})`,
    left: (rows: number, details: number) =>
      `GitHub shows none of a job summary over 1 MiB, so ${[rows > 0 ? `${plural(rows, 'file')} ${rows === 1 ? 'is' : 'are'} not in the table` : '', details > 0 ? `the details of ${plural(details, 'file')} are left out` : ''].filter((part) => part !== '').join(' and ')}; each file's report (next to its import sheet) lists every finding.`,
  },
};

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map(tableRow)];
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function fileRow(report: FileReport, lang: Lang, cwd: string): string[] {
  const words = WORDS[lang];
  const name = markdownCell(repoPath(report.input, cwd));
  if (report.error !== null) return [name, '', '', '', '', '1', '', `${words.failed}: ${markdownCell(report.error)}`];
  const imports = report.outputs.importParts.map((path) => markdownCell(repoPath(path, cwd))).join('<br>');
  return [
    name,
    String(report.rows.total),
    `${report.rows.imported} (${words.orders(report.orders.imported)})`,
    `${report.rows.rejected} (${words.orders(report.orders.rejected)})`,
    String(report.rows.skipped),
    String(report.counts.error),
    String(report.counts.warning),
    imports,
  ];
}

function hasDetails(report: FileReport): boolean {
  return report.error === null && report.counts.error + report.counts.warning + report.counts.info > 0;
}


function fileDetails(report: FileReport, lang: Lang, cwd: string): string[] {
  const words = WORDS[lang];
  if (!hasDetails(report)) return [];
  const total = report.counts.error + report.counts.warning + report.counts.info;
  const kinds = Object.entries(report.counts.byCode)
    .sort(([a, countA], [b, countB]) => SEVERITY_RANK[severityOf(a)] - SEVERITY_RANK[severityOf(b)] || countB - countA || (a < b ? -1 : 1))
    .map(([code, count]) => {
      return [markdownCell(codeTitle(code, lang)), SEVERITY_LABEL[lang][severityOf(code)], `\`${code}\``, String(count)];
    });
  const listed = worstFirst(report.findings, SUMMARY_FINDINGS_PER_FILE);
  const rows = listed.map((f) => [String(f.row), markdownCell(f.column ?? ''), SEVERITY_LABEL[lang][f.severity], `\`${f.code}\``, markdownCell(f.hint === '' ? f.message : lang === 'zh' ? `${f.message}（${f.hint}）` : `${f.message} (${f.hint})`)]);
  return [
    '',
    `### ${markdownCell(repoPath(report.input, cwd))}`,
    '',
    ...table(words.kindsHead, kinds),
    '',
    '<details>',
    `<summary>${markdownCell(words.listed(listed.length, total, words.counts(report.counts)))}</summary>`,
    '',
    ...table(words.findingsHead, rows),
    '',
    '</details>',
  ];
}

/** UTF-8 bytes of the lines, each with the line break after it. */
function bytes(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 1, 0);
}

/** Files with errors first, then with warnings, then the rest, each group in run order. */
function byImportance(reports: readonly FileReport[]): number[] {
  const rank = (report: FileReport): number => (report.counts.error > 0 ? 0 : report.counts.warning > 0 ? 1 : 2);
  return reports
    .map((report, index) => ({ rank: rank(report), index }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ index }) => index);
}

/**
 * The summary in at most `room` bytes of UTF-8 ('' when not even the heading fits): the
 * table of files, then the details of as many files as fit, those with errors first,
 * and a line that says what was left out and where to find it.
 */
export function renderStepSummary(run: RunReport, options: { lang: Lang; cwd: string; room?: number }): string {
  const { lang, cwd, room = SUMMARY_MAX_BYTES } = options;
  const words = WORDS[lang];
  const head = [words.heading(run.ok), '', ...table(words.fileHead, [])];
  // The note's counts are known only at the end: room is kept for the longest it can be.
  const longestNote = ['', words.left(run.files.length, run.files.length)];
  // The text ends in a blank line: one more line break.
  let left = room - bytes(head) - bytes(longestNote) - 1;
  if (left < 0) return '';
  const rows: string[] = [];
  for (const report of run.files) {
    const row = tableRow(fileRow(report, lang, cwd));
    if (bytes([row]) > left) break;
    rows.push(row);
    left -= bytes([row]);
  }
  const inTable = run.files.slice(0, rows.length);
  const sections = inTable.map((report) => fileDetails(report, lang, cwd));
  const shown = new Set<number>();
  for (const index of byImportance(inTable)) {
    const size = bytes(sections[index] ?? []);
    if (size > left) continue;
    shown.add(index);
    left -= size;
  }
  const detailsLeft = run.files.filter(hasDetails).length - inTable.filter((report, index) => shown.has(index) && hasDetails(report)).length;
  const rowsLeft = run.files.length - rows.length;
  const lines = [...head, ...rows, ...sections.flatMap((section, index) => (shown.has(index) ? section : []))];
  if (rowsLeft > 0 || detailsLeft > 0) lines.push('', words.left(rowsLeft, detailsLeft));
  return `${lines.join('\n')}\n\n`;
}
