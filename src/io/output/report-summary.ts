// The first sheet of the report (汇总): what was read and what became of it, in blocks a
// merchant reads top to bottom: the file, rows and orders, orders per carrier, problems per
// code, the orders already late, the watched 订单标记 tags, and how to check again after
// fixing. Each block starts with a bold row: its title, then the names of its columns.

import { FINDING_SEVERITY, type FindingCode, type Severity } from '../../core/finding.js';
import { CODE_TITLE, SEVERITY_LABEL, type Lang } from '../../core/messages.js';
import type { ValidationResult } from '../../core/validate.js';
import { neutralize } from './neutralize.js';
import type { CellValue, SheetLine } from './sheet-rows.js';
import type { TextSheet } from './text-sheet.js';
import { importSheetName } from './output-names.js';

export interface SummaryContext {
  result: ValidationResult;
  lang: Lang;
  /** The input's file name, the sheet read (xlsx) and its header row. */
  input: string;
  sheet: string | undefined;
  headerRow: number;
  /** The report's file name, for the "check again" line. */
  report: string;
  /** The names of the other sheets; no copy sheet when the input is longer than Excel allows. */
  findingsSheet: string;
  copySheet: string | undefined;
  /** Why there is no copy: the input is longer than Excel allows, or --no-report-copy. */
  noCopyReason?: 'too-long' | 'too-wide' | 'not-asked';
}

/** How many late orders the summary lists; the rest are in the 问题 sheet. */
export const OVERDUE_LISTED = 20;

const TEXT = {
  zh: {
    title: 'ship 校验汇总', file: '文件', input: '输入文件', sheet: '工作表', csv: '（CSV 文件）', headerRow: '表头所在行',
    sheets: (findings: string, copy: string) => `「${findings}」表每个问题一行；「${copy}」表是原表的副本，行号与原表相同：有错误的行标红，只有警告的行标黄，出问题的单元格加粗标出`,
    again: (copy: string, report: string, reimport: string) =>
      `在「${copy}」表里改好标出的单元格并保存，再运行：ship validate ${report}，然后上传新生成的 ${reimport}（其中也有这次已可导入的订单，已上传过的不要重复上传）`,
    noCopy: (findings: string) => `「${findings}」表每个问题一行。原表超过 Excel 的 1048576 行上限，没有写出原表的副本：请在原表里修改后重新校验`,
    tooWide: (findings: string) => `「${findings}」表每个问题一行。原表用到了最后几列（XFB–XFD），副本在前面加 3 列说明后会超出 Excel 的 16384 列上限，所以没有写出原表的副本：请在原表里修改后重新校验`,
    notAsked: (findings: string) => `「${findings}」表每个问题一行。按 --no-report-copy 没有写出原表的副本：请在原表里修改后重新校验`,
    next: '改完之后',
    counts: '行数与订单数', rows: '行', orders: '订单', pendingOrders: '待发货订单', total: '共计', imported: '可导入', rejected: '未通过', skipped: '已跳过',
    carriers: '按快递公司', ok: '无问题', problems: '有问题', noCarrier: '（未填写）',
    codes: '按问题', level: '级别', code: '代码',
    overdue: '已超过发货时限的订单', row: '行号', deadline: '发货时限', more: (n: number) => `……另有 ${n} 单，见「问题」表`,
    tags: '订单标记', none: '（无）',
  },
  en: {
    title: 'ship summary', file: 'File', input: 'Input file', sheet: 'Sheet', csv: '(CSV file)', headerRow: 'Header row',
    sheets: (findings: string, copy: string) => `"${findings}" lists one problem per row; "${copy}" is a copy of the input on the same rows: rows with errors in red, rows with only warnings in yellow, the cells at fault in bold`,
    again: (copy: string, report: string, reimport: string) =>
      `Fix the marked cells in "${copy}", save, and run: ship validate ${report}; then upload the new ${reimport} (it also holds the orders ready to import this time: do not upload again those already uploaded)`,
    noCopy: (findings: string) => `"${findings}" lists one problem per row. The input is longer than Excel's 1048576 rows, so it is not copied: fix the input and check it again`,
    tooWide: (findings: string) => `"${findings}" lists one problem per row. The input uses its last columns (XFB–XFD); with the 3 columns the copy adds in front it would pass Excel's 16384 columns, so it is not copied: fix the input and check it again`,
    notAsked: (findings: string) => `"${findings}" lists one problem per row. --no-report-copy: the input is not copied; fix the input and check it again`,
    next: 'Then',
    counts: 'Rows and orders', rows: 'Rows', orders: 'Orders', pendingOrders: 'Orders to ship', total: 'Total', imported: 'Ready to import', rejected: 'Rejected', skipped: 'Skipped',
    carriers: 'By carrier', ok: 'No problems', problems: 'Problems', noCarrier: '(none)',
    codes: 'By problem', level: 'Level', code: 'Code',
    overdue: 'Orders past their ship-by time', row: 'Row', deadline: 'Ship by', more: (n: number) => `… and ${n} more, see "Findings"`,
    tags: 'Order tags', none: '(none)',
  },
} as const;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const num = (value: number): CellValue => ({ text: String(value), type: 'number' });
const title = (cells: readonly string[]): SheetLine => ({ cells, style: 'header' });
const BLANK: SheetLine = [];

/** Rows per code (a row with two findings of one code counts once), most serious first. */
function codeRows(result: ValidationResult): { code: FindingCode; rows: number }[] {
  const counts = new Map<FindingCode, { rows: number; last: number }>();
  for (const found of result.findings) {
    const count = counts.get(found.code) ?? { rows: 0, last: -1 };
    if (count.last !== found.row) count.rows += 1;
    count.last = found.row;
    counts.set(found.code, count);
  }
  return [...counts]
    .map(([code, { rows }]) => ({ code, rows }))
    .sort((a, b) => SEVERITY_RANK[FINDING_SEVERITY[a.code]] - SEVERITY_RANK[FINDING_SEVERITY[b.code]] || b.rows - a.rows || (a.code < b.code ? -1 : 1));
}

/** The late orders, the longest overdue first (deadlines are "YYYY-MM-DD HH:MM" China time, so text order is time order). */
function overdueOrders(result: ValidationResult): { row: number; orderId: string; deadline: string }[] {
  return result.findings
    .filter((found) => found.code === 'ship-overdue')
    .map((found) => ({ row: found.row, orderId: found.orderId ?? '', deadline: String(found.args.deadline ?? '') }))
    .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.row - b.row));
}

/** A file name as typed in a command: quoted when it holds a space. */
function shellWord(name: string): string {
  return /\s/.test(name) ? `"${name}"` : name;
}

/** The import sheet a check of the report writes: `X.report.xlsx` gives `X.report.import.xlsx` (output-names.ts). */
function importNameOf(report: string): string {
  return importSheetName(report.replace(/\.xlsx$/i, ''));
}

function* summaryLines(context: SummaryContext): Generator<SheetLine> {
  const t = TEXT[context.lang];
  const { result } = context;
  yield title([t.file]);
  yield [t.input, neutralize(context.input)];
  yield [t.sheet, context.sheet === undefined ? t.csv : neutralize(context.sheet)];
  yield { cells: [t.headerRow, num(context.headerRow)] };
  if (context.copySheet === undefined) {
    const reason = context.noCopyReason;
    yield [reason === 'not-asked' ? t.notAsked(context.findingsSheet) : reason === 'too-wide' ? t.tooWide(context.findingsSheet) : t.noCopy(context.findingsSheet)];
  }
  else {
    yield [t.sheets(context.findingsSheet, context.copySheet)];
    yield [t.next, neutralize(t.again(context.copySheet, shellWord(context.report), shellWord(importNameOf(context.report))))];
  }
  yield BLANK;

  const { rows, orders } = result;
  // Orders are the pending ones: a skipped row of a shipped or cancelled order is no order to ship.
  yield title([t.counts, t.rows, t.pendingOrders]);
  yield { cells: [t.total, num(rows.total), num(orders.imported + orders.rejected + orders.skipped)] };
  yield { cells: [t.imported, num(rows.imported), num(orders.imported)] };
  yield { cells: [t.rejected, num(rows.rejected), num(orders.rejected)] };
  yield { cells: [t.skipped, num(rows.skipped), num(orders.skipped)] };
  yield BLANK;

  yield title([t.carriers, t.orders, t.ok, t.problems]);
  for (const count of result.carriers) yield { cells: [count.carrier === '' ? t.noCarrier : neutralize(count.carrier), num(count.orders), num(count.ok), num(count.problems)] };
  if (result.carriers.length === 0) yield [t.none];
  yield BLANK;

  const codes = codeRows(result);
  yield title([t.codes, t.level, t.rows, t.code]);
  for (const { code, rows: count } of codes) yield { cells: [CODE_TITLE[code][context.lang], SEVERITY_LABEL[context.lang][FINDING_SEVERITY[code]], num(count), code] };
  if (codes.length === 0) yield [t.none];
  yield BLANK;

  const late = overdueOrders(result);
  yield title([t.overdue, t.row, t.deadline]);
  for (const order of late.slice(0, OVERDUE_LISTED)) yield { cells: [neutralize(order.orderId), num(order.row), order.deadline] };
  if (late.length > OVERDUE_LISTED) yield [t.more(late.length - OVERDUE_LISTED)];
  if (late.length === 0) yield [t.none];
  yield BLANK;

  const tags = Object.entries(result.tags);
  yield title([t.tags, t.orders]);
  for (const [tag, count] of tags) yield { cells: [neutralize(tag), num(count)] };
  if (tags.length === 0) yield [t.none];
}

export function summarySheet(context: SummaryContext): TextSheet {
  return { name: context.lang === 'zh' ? '汇总' : 'Summary', header: [TEXT[context.lang].title], rows: [...summaryLines(context)], widths: [30, 24, 12, 12, 30], printFitWidth: true };
}
