// The Markdown that --format github appends to $GITHUB_STEP_SUMMARY: the counts
// per file, the problems by kind, and the listed findings, since annotations stop
// at 10. Cell values come from the spreadsheet, so every one is escaped.

import { SEVERITY_LABEL, type Lang } from '../../core/messages.js';
import type { FileReport, RunReport } from '../report-schema.js';
import { codeTitle, repoPath, severityOf } from './finding-text.js';

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** Findings listed per file; the summary of a step is capped at 1 MiB by GitHub. */
export const SUMMARY_FINDINGS_PER_FILE = 50;

/** Text for a table cell: no line breaks, and Markdown/HTML punctuation taken literally. */
export function markdownCell(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]<>|&~#]/g, (ch) => `\\${ch}`);
}

const WORDS = {
  zh: {
    heading: (ok: boolean) => (ok ? '## ship validate：✔ 全部可以导入' : '## ship validate：✖ 未通过'),
    fileHead: ['文件', '共计行', '导入', '未导入', '跳过', '错误', '警告', '导入表'],
    orders: (n: number) => `${n} 单`,
    failed: '无法校验',
    kindsHead: ['问题', '级别', '代码', '数量'],
    findingsHead: ['行', '列', '级别', '代码', '说明'],
    listed: (shown: number, total: number) => (shown < total ? `前 ${shown} 条问题（共 ${total} 条，完整列表见问题报告）` : `全部 ${total} 条问题`),
  },
  en: {
    heading: (ok: boolean) => (ok ? '## ship validate: ✔ ready to import' : '## ship validate: ✖ failed'),
    fileHead: ['File', 'Rows', 'Imported', 'Rejected', 'Skipped', 'Errors', 'Warnings', 'Import sheet'],
    orders: (n: number) => `${n} orders`,
    failed: 'could not be checked',
    kindsHead: ['Problem', 'Level', 'Code', 'Count'],
    findingsHead: ['Row', 'Column', 'Level', 'Code', 'Message'],
    listed: (shown: number, total: number) => (shown < total ? `First ${shown} of ${total} findings (the report lists them all)` : `All ${total} findings`),
  },
};

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((cells) => `| ${cells.join(' | ')} |`)];
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

function fileDetails(report: FileReport, lang: Lang, cwd: string): string[] {
  const words = WORDS[lang];
  const total = report.counts.error + report.counts.warning + report.counts.info;
  if (report.error !== null || total === 0) return [];
  const kinds = Object.entries(report.counts.byCode)
    .sort(([a, countA], [b, countB]) => RANK[severityOf(a)] - RANK[severityOf(b)] || countB - countA || (a < b ? -1 : 1))
    .map(([code, count]) => {
      return [markdownCell(codeTitle(code, lang)), SEVERITY_LABEL[lang][severityOf(code)], `\`${code}\``, String(count)];
    });
  const listed = report.findings.slice(0, SUMMARY_FINDINGS_PER_FILE);
  const rows = listed.map((f) => [String(f.row), markdownCell(f.column ?? ''), SEVERITY_LABEL[lang][f.severity], `\`${f.code}\``, markdownCell(f.hint === '' ? f.message : lang === 'zh' ? `${f.message}（${f.hint}）` : `${f.message} (${f.hint})`)]);
  return [
    '',
    `### ${markdownCell(repoPath(report.input, cwd))}`,
    '',
    ...table(words.kindsHead, kinds),
    '',
    '<details>',
    `<summary>${markdownCell(words.listed(listed.length, total))}</summary>`,
    '',
    ...table(words.findingsHead, rows),
    '',
    '</details>',
  ];
}

export function renderStepSummary(run: RunReport, options: { lang: Lang; cwd: string }): string {
  const { lang, cwd } = options;
  const lines = [
    WORDS[lang].heading(run.ok),
    '',
    ...table(WORDS[lang].fileHead, run.files.map((report) => fileRow(report, lang, cwd))),
    ...run.files.flatMap((report) => fileDetails(report, lang, cwd)),
  ];
  return `${lines.join('\n')}\n\n`;
}
