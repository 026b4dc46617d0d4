// The terminal summary: what was read, what happened to every row, the
// problems by kind, and where the outputs are.

import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { relative } from 'node:path';
import type { Severity } from '../../core/finding.js';
import { truncateToWidth } from '../../core/display-width.js';
import { SEVERITY_LABEL, type Lang } from '../../core/messages.js';
import type { FileReport, RunReport } from '../report-schema.js';
import { failsRun, shownWith } from '../exit-codes.js';
import { codeTitle, plural, severityOf } from './finding-text.js';
import { terminalSafe } from './terminal-text.js';

interface Words {
  sheet: (name: string, row: number) => string;
  ignored: (names: string) => string;
  counts: (r: FileReport) => string;
  skippedOrders: (n: number) => string;
  noRows: string;
  nothingToShip: string;
  tags: (list: string) => string;
  tagCount: (tag: string, n: number) => string;
  carrierHead: string[];
  noCarrier: string;
  firstProblems: (shown: number, total: number) => string;
  row: (n: number) => string;
  tableHead: string[];
  importPath: string;
  importParts: (files: number) => string;
  reportPath: string;
  failed: string;
  /** Between a label and what it names: full-width after Chinese. */
  colon: string;
  /** The last lines: what the run comes to, and what to do next. */
  verdict: (ok: boolean, tally: Tally) => string;
}

interface Tally {
  /** Orders rejected, and orders in the import sheets, over every file. */
  rejected: number;
  imported: number;
  files: number;
  /** Files that could not be read or written (named above with their reason). */
  failed: number;
  /** The warnings that failed the run because of --strict (0 without it). */
  warnings: number;
}

const WORDS: Record<Lang, Words> = {
  zh: {
    sheet: (name, row) => `工作表「${name}」，表头在第 ${row} 行`,
    ignored: (names) => `未读取的工作表：${names}`,
    counts: (r) =>
      `共 ${r.rows.total} 行：可导入 ${r.rows.imported} 行（${r.orders.imported} 单），未通过 ${r.rows.rejected} 行（${r.orders.rejected} 单），跳过 ${r.rows.skipped} 行`,
    skippedOrders: (n) => `跳过的行里有 ${n} 单是因为有售后申请（--skip-after-sales）`,
    noRows: '表里只有表头，没有订单行：导入表是空的，请确认导出时选对了订单状态和时间范围',
    nothingToShip: '没有待发货的订单（每一行都跳过了）：导入表是空的，请确认导出的是待发货（待配货）订单',
    tags: (list) => `订单标记：${list}`,
    tagCount: (tag, n) => `${tag} ${n} 单`,
    carrierHead: ['快递公司', '订单', '无问题', '有问题'],
    noCarrier: '（未填写）',
    firstProblems: (shown, total) => (shown < total ? `问题（前 ${shown} 条，共 ${total} 条，详见问题报告）：` : `问题（共 ${total} 条）：`),
    row: (n) => `第 ${n} 行`,
    tableHead: ['问题', '级别', '条数'],
    importPath: '导入表',
    importParts: (n) => `导入表（分成 ${n} 个文件，每个都要上传）：`,
    reportPath: '问题报告',
    failed: '无法处理',
    colon: '：',
    verdict: (ok, { rejected, imported, files, failed, warnings }) => {
      if (ok) return `✔ 校验通过，可以导入（${files} 个文件）`;
      const parts = [
        rejected > 0 ? `${rejected} 单未通过校验，没有放进导入表` : '',
        failed > 0 ? `${failed} 个文件无法处理（原因见上）` : '',
        warnings > 0 ? `有 ${warnings} 条警告（加了 --strict，警告也算未通过）` : '',
      ].filter((part) => part !== '');
      if (parts.length === 0) return '✖ 校验未通过';
      if (rejected === 0) return `✖ ${parts.join('；')}`;
      // What to do next on a line of its own: the verdict alone fits 80 columns.
      return `✖ ${parts.join('；')}\n  ${imported > 0 ? '其余订单可以先上传导入表，问题订单按问题报告改好后重新校验\n  （重新校验得到的导入表也含这些订单，已上传的不要重复上传）' : '请按问题报告改好后重新校验'}`;
    },
  },
  en: {
    sheet: (name, row) => `sheet "${name}", header on row ${row}`,
    ignored: (names) => `sheets not read: ${names}`,
    counts: (r) =>
      `${plural(r.rows.total, 'row')}: ${r.rows.imported} ready to import (${plural(r.orders.imported, 'order')}), ${r.rows.rejected} rejected (${plural(r.orders.rejected, 'order')}), ${r.rows.skipped} skipped`,
    skippedOrders: (n) => `skipped: ${plural(n, 'order')} with ${n === 1 ? 'an open after-sales request' : 'open after-sales requests'} (--skip-after-sales)`,
    noRows: 'No order rows, only a header: the import sheet is empty; check the export filters',
    nothingToShip: 'No order to ship (every row was skipped): the import sheet is empty; check that the export is of pending orders (待配货)',
    tags: (list) => `order tags: ${list}`,
    tagCount: (tag, n) => `${tag} ${n}`,
    carrierHead: ['Carrier', 'Orders', 'No problems', 'Problems'],
    noCarrier: '(none)',
    firstProblems: (shown, total) => (shown < total ? `Problems (first ${shown} of ${total}; all in the report):` : `Problems (${total}):`),
    row: (n) => `row ${n}`,
    tableHead: ['Problem', 'Level', 'Count'],
    importPath: 'import sheet',
    importParts: (n) => `import sheets (${n} files, upload each one):`,
    reportPath: 'report',
    failed: 'failed',
    colon: ': ',
    verdict: (ok, { rejected, imported, files, failed, warnings }) => {
      if (ok) return `✔ All good: ready to import (${plural(files, 'file')})`;
      const parts = [
        rejected > 0 ? `${plural(rejected, 'order')} rejected, left out of the import sheet` : '',
        failed > 0 ? `${plural(failed, 'file')} could not be processed (see above)` : '',
        warnings > 0 ? `${plural(warnings, 'warning')} (--strict makes warnings fail the run)` : '',
      ].filter((part) => part !== '');
      if (parts.length === 0) return '✖ Validation failed';
      if (rejected === 0) return `✖ ${parts.join('; ')}`;
      return `✖ ${parts.join('; ')}\n  ${imported > 0 ? 'Upload the import sheet now; fix the rest from the report and run again\n  (the new import sheet holds these orders too: do not upload them twice)' : 'Fix them from the report and run again'}`;
    },
  },
};

// No rule between body rows: the table stays short enough to read at a glance.
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** From the counts, not the list: --max-errors shortens the list but every finding is counted. */
function countsByCode(report: FileReport, options: TextOptions): { code: string; severity: Severity; count: number }[] {
  return Object.entries(report.counts.byCode)
    .map(([code, count]) => ({ code, severity: severityOf(code), count }))
    .filter((entry) => shownWith(entry.severity, options))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count || a.code.localeCompare(b.code));
}

/** Problems listed one per line under the tables; the rest are in the report. */
const LISTED_PROBLEMS = 20;

export interface TextOptions {
  lang: Lang;
  chalk: ChalkInstance;
  cwd: string;
  /** Terminal width the lines are fitted to (80 when not a terminal). */
  columns?: number;
  /** Only what fails the run: files that pass, what does not fail it, and the success line are left out. */
  quiet?: boolean;
  /** --strict: warnings fail the run too, so --quiet keeps them. */
  strict?: boolean;
}


function paint(chalk: ChalkInstance, severity: Severity, text: string): string {
  return severity === 'error' ? chalk.red(text) : severity === 'warning' ? chalk.yellow(text) : chalk.dim(text);
}

/** A path as printed: relative to the current folder when inside it, and terminal-safe (a file name can hold controls). */
function shortPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return terminalSafe(rel === '' || rel.startsWith('..') ? path : rel);
}

function renderFile(report: FileReport, options: TextOptions): string[] {
  const { lang, chalk } = options;
  const words = WORDS[lang];
  const lines = [chalk.bold(shortPath(report.input, options.cwd))];
  if (report.error !== null) return [...lines, `  ${chalk.red(words.failed)}${words.colon}${terminalSafe(report.error)}`];
  if (report.sheet !== null && report.headerRow !== null) lines.push(`  ${words.sheet(terminalSafe(report.sheet), report.headerRow)}`);
  const ignored = report.sheetsIgnored;
  if (ignored.length > 0) lines.push(`  ${chalk.dim(words.ignored(terminalSafe(ignored.join(lang === 'zh' ? '、' : ', '))))}`);
  lines.push(`  ${words.counts(report)}`);
  if (report.orders.skipped > 0) lines.push(`  ${words.skippedOrders(report.orders.skipped)}`);
  // Not a failure (a day without pending orders is real), but an empty import sheet should not pass unremarked.
  if (report.rows.total === 0) lines.push(`  ${words.noRows}`);
  else if (report.rows.skipped === report.rows.total && report.orders.skipped === 0) lines.push(`  ${words.nothingToShip}`);
  const tags = Object.entries(report.tags).map(([tag, n]) => words.tagCount(tag, n));
  if (tags.length > 0) lines.push(`  ${words.tags(tags.join(lang === 'zh' ? '，' : ', '))}`);
  const width = Math.max(60, options.columns ?? 80);
  lines.push(...indent(carrierTable(report, options)), ...indent(codeTable(report, options)), ...problemList(report, options, width));
  // Every part when --max-rows split the import: a merchant uploads each one.
  const parts = report.outputs.importParts;
  if (parts.length > 1) lines.push(`  ${words.importParts(parts.length)}`, ...parts.map((part) => `    ${shortPath(part, options.cwd)}`));
  else if (parts.length === 1) lines.push(`  ${words.importPath}${words.colon}${shortPath(parts[0]!, options.cwd)}`);
  if (report.outputs.report !== null) lines.push(`  ${words.reportPath}${words.colon}${shortPath(report.outputs.report, options.cwd)}`);
  return lines;
}

const indent = (block: string[]): string[] => block.map((line) => `  ${line}`);

// A carrier cell can hold anything (a pasted paragraph): the table stays inside the terminal.
const CARRIER_WIDTH = 24;

function carrierTable(report: FileReport, { lang, chalk }: TextOptions): string[] {
  if (report.carriers.length === 0) return [];
  const table = new Table({ head: WORDS[lang].carrierHead, style: { head: [], border: [] }, chars: COMPACT, colAligns: ['left', 'right', 'right', 'right'] });
  for (const c of report.carriers) {
    table.push([c.carrier === '' ? chalk.dim(WORDS[lang].noCarrier) : truncateToWidth(terminalSafe(c.carrier), CARRIER_WIDTH), String(c.orders), String(c.ok), c.problems > 0 ? chalk.yellow(String(c.problems)) : '0']);
  }
  return table.toString().split('\n');
}

function codeTable(report: FileReport, options: TextOptions): string[] {
  const { lang, chalk } = options;
  const rows = countsByCode(report, options);
  if (rows.length === 0) return [];
  const table = new Table({ head: WORDS[lang].tableHead, style: { head: [], border: [] }, chars: COMPACT, colAligns: ['left', 'left', 'right'] });
  for (const { code, severity, count } of rows) {
    table.push([paint(chalk, severity, codeTitle(code, lang)), paint(chalk, severity, SEVERITY_LABEL[lang][severity]), String(count)]);
  }
  return table.toString().split('\n');
}

/** The first problems in row order, one line each, cut to the terminal width. Skipped rows are not problems. */
function problemList(report: FileReport, options: TextOptions, width: number): string[] {
  const { lang, chalk } = options;
  const words = WORDS[lang];
  const problems = report.findings.filter((f) => f.severity !== 'info' && shownWith(f.severity, options));
  if (problems.length === 0) return [];
  const total = report.counts.error + (shownWith('warning', options) ? report.counts.warning : 0);
  const shown = problems.slice(0, LISTED_PROBLEMS);
  return [
    `  ${words.firstProblems(shown.length, Math.max(total, problems.length))}`,
    ...shown.map((f) => {
      // English labels differ in length (error, warning): padded, the messages line up as the Chinese ones do.
      const label = lang === 'zh' ? SEVERITY_LABEL.zh[f.severity] : SEVERITY_LABEL.en[f.severity].padEnd(7);
      const head = `    ${words.row(f.row).padEnd(lang === 'zh' ? 7 : 8)} ${label}  `;
      return paint(chalk, f.severity, truncateToWidth(`${head}${terminalSafe(f.message)}`, width - 1));
    }),
  ];
}

function failed(report: FileReport, options: TextOptions): boolean {
  return report.error !== null || report.counts.error > 0 || (failsRun('warning', options.strict === true) && report.counts.warning > 0);
}

export function renderText(run: RunReport, options: TextOptions): string {
  if (options.quiet === true && run.ok) return '';
  const shown = options.quiet === true ? run.files.filter((report) => failed(report, options)) : run.files;
  const blocks = shown.map((report) => renderFile(report, options).join('\n'));
  const total = (count: (report: FileReport) => number) => run.files.reduce((sum, report) => sum + count(report), 0);
  const verdict = WORDS[options.lang].verdict(run.ok, {
    rejected: total((report) => report.orders.rejected),
    imported: total((report) => report.orders.imported),
    files: run.files.length,
    failed: total((report) => (report.error !== null ? 1 : 0)),
    warnings: failsRun('warning', options.strict === true) ? total((report) => report.counts.warning) : 0,
  });
  blocks.push(run.ok ? options.chalk.green(verdict) : options.chalk.red(verdict));
  return `${blocks.join('\n\n')}\n`;
}
