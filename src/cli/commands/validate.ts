// `ship validate <file|glob...>`: every file is checked even when an earlier one
// fails; the exit code sums up the run for scripts. stdout carries only the chosen
// format; per-file failures and progress go to stderr.

import { resolve } from 'node:path';
import type { Lang } from '../../core/messages.js';
import { ensureOutDir } from '../../io/atomic-write.js';
import { isKnownError } from '../../io/errors.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../../io/table.js';
import { makeChalk } from '../color.js';
import { checkCarrierNames, configSource, loadSettings } from '../config.js';
import { EXIT, failsRun, type ExitCode } from '../exit-codes.js';
import { limitFindings } from '../finding-list.js';
import { expandInputs } from '../inputs.js';
import { loadRegistry } from '../load-rules.js';
import { createProgress } from '../progress.js';
import { renderGithub } from '../render/github.js';
import { renderJson } from '../render/json.js';
import { orderCases, renderJunit, type JunitFile } from '../render/junit.js';
import { SUMMARY_FINDINGS_PER_FILE } from '../render/step-summary.js';
import { terminalSafe } from '../render/terminal-text.js';
import { renderText } from '../render/text.js';
import type { FileReport, RunReport } from '../report-schema.js';
import { appendStepSummary } from '../step-summary-file.js';
import { writeStreamed, type Stdout } from '../streamed-stdout.js';
import { failedFileReport, validateFile } from './validate-file.js';

import type { OutputFormat } from '../options.js';
export type { OutputFormat };

const EMPTY_ARGUMENT: Record<Lang, string> = {
  zh: '文件名是空的（脚本里的变量可能没有值）',
  en: 'The file name is empty (a variable in the script may be unset)',
};

// Said on stderr (not a failure): the merchant's edits are in the copy, not in the new report.
const KEPT_REPORT: Record<Lang, (path: string) => string> = {
  zh: (path) => `上次的问题报告可能改过（被其他程序保存过，或已无法判断），先另存为 ${path} 再写新的；如果在里面改过表，请校验那个文件`,
  en: (path) => `the previous report may have been edited (saved by another program, or no longer possible to tell); it was kept as ${path} before the new one was written: if you fixed rows in it, check that file`,
};

export interface ValidateOptions {
  outDir?: string;
  format: OutputFormat;
  /** The error report as a workbook (default) or a CSV with a UTF-8 BOM. */
  reportFormat: 'xlsx' | 'csv';
  /** The report workbook carries a marked copy of the input; --no-report-copy turns it off for big files. */
  reportCopy: boolean;
  strict: boolean;
  /** Errors only, in the text and github formats. */
  quiet: boolean;
  /** List at most this many findings per file (JSON, text, annotations); all are counted. */
  maxErrors?: number;
  /** At most this many orders per import file; overrides the config. */
  maxRows?: number;
  lang: Lang;
  /** The time deadlines are judged against: --now, else the clock when the run started. */
  now: Date;
  /** Ship-by = 支付时间 + these hours when the export has no 承诺发货时间 (flag, else config, else 48). */
  deadlineHours?: number;
  /** Orders due within these hours are announced (flag, else config, else 12). */
  dueSoon?: number;
  skipAfterSales: boolean;
  sheet?: string;
  headerRow?: number;
  rules?: string;
  /** --config <file>; `false` for --no-config. */
  config?: string | false;
  maxRowsRead?: number;
  maxFileMb?: number;
  maxPartMb?: number;
  maxCompressionRatio?: number;
  color: boolean;
  /** Show which file is being read (only ever true on an interactive stderr). */
  progress: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface Output extends Stdout {
  stderr: (text: string) => void;
}

function exitCodeOf(reports: readonly FileReport[], strict: boolean): ExitCode {
  if (reports.some((r) => r.error !== null)) return EXIT.FAILURE;
  if (reports.some((r) => r.orders.rejected > 0 || r.rows.rejected > 0)) return EXIT.INVALID;
  if (failsRun('warning', strict) && reports.some((r) => r.counts.warning > 0)) return EXIT.INVALID;
  return EXIT.OK;
}

const MIB = 1024 * 1024;

function limitsFrom(options: ValidateOptions): ReadLimits {
  return {
    ...DEFAULT_READ_LIMITS,
    ...(options.maxRowsRead === undefined ? {} : { maxRows: options.maxRowsRead }),
    ...(options.maxFileMb === undefined ? {} : { maxFileBytes: options.maxFileMb * MIB }),
    ...(options.maxPartMb === undefined ? {} : { maxPartBytes: options.maxPartMb * MIB }),
    ...(options.maxCompressionRatio === undefined ? {} : { maxCompressionRatio: options.maxCompressionRatio }),
  };
}

const NO_MATCH = {
  zh: (pattern: string) => `没有文件匹配「${pattern}」；请检查文件夹和文件名`,
  en: (pattern: string) => `No file matches "${pattern}"; check the folder and the file names`,
};

const ONLY_OUTPUTS = {
  zh: (pattern: string) => `「${pattern}」只匹配到 ship 写出的导入表/问题报告，没有要校验的订单表；请检查文件夹（要复查改过的报告，请单独校验它）`,
  en: (pattern: string) => `"${pattern}" matches only import sheets/reports ship wrote, no export to check; check the folder (to re-check an edited report, validate it on its own)`,
};

const OWN_OUTPUTS_LEFT_OUT = {
  zh: (names: string) => `跳过 ship 写出的导入表/问题报告：${names}（要复查改过的报告，请单独校验它）`,
  en: (names: string) => `Skipped the import sheets/reports ship wrote: ${names} (to re-check an edited report, validate it on its own)`,
};

// research/xhs-platform.md §4.1: the industry default when an order has no ship-by time; not confirmed for 小红书.
const DEFAULT_DEADLINE_HOURS = 48;
const DEFAULT_DUE_SOON_HOURS = 12;

/**
 * How many findings of each severity a file's output lists, the first in row order:
 * JSON every one, or --max-errors (errors first, which the first --max-errors of each
 * severity cover); JUnit every one, whatever --max-errors says (junit.ts: a failing
 * order must not pass for lack of its reason); the terminal, annotations and the job
 * summary at most the job summary's 50 (text 20, annotations 9 across the run).
 */
function findingsListed(options: ValidateOptions): number | undefined {
  if (options.format === 'junit') return undefined;
  if (options.format === 'json') return options.maxErrors;
  return Math.min(options.maxErrors ?? SUMMARY_FINDINGS_PER_FILE, SUMMARY_FINDINGS_PER_FILE);
}

/** The first few names, and how many more. */
function listed(names: readonly string[], shown = 3): string {
  const head = names.slice(0, shown).join(', ');
  return names.length > shown ? `${head} … (+${names.length - shown})` : head;
}

export async function runValidate(args: readonly string[], options: ValidateOptions, out: Output): Promise<ExitCode> {
  const { cwd, lang } = options;
  const settings = await loadSettings(configSource(options));
  const registry = await loadRegistry(options.rules ?? settings.rules);
  checkCarrierNames(settings, registry);
  const outDir = options.outDir === undefined ? undefined : resolve(cwd, options.outDir);
  if (outDir !== undefined) await ensureOutDir(outDir);

  const all = await expandInputs(args, cwd, outDir);
  const leftOut = all.flatMap((arg) => (arg.kind === 'own-output' ? [arg.input] : []));
  if (leftOut.length > 0 && !options.quiet) out.stderr(`ship: ${terminalSafe(OWN_OUTPUTS_LEFT_OUT[lang](listed(leftOut)))}\n`);
  const expanded = all.filter((arg) => arg.kind !== 'own-output');
  // The outputs left out are not guarded as inputs: replacing them is what this run is for.
  const inputs = expanded.flatMap((arg) => (arg.kind === 'file' ? [resolve(cwd, arg.input)] : []));
  const usedStems = new Set<string>();
  const read = {
    limits: limitsFrom(options),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    ...(options.headerRow === undefined ? {} : { headerRow: options.headerRow }),
    ...(settings.headerAliases === undefined ? {} : { headerAliases: settings.headerAliases }),
  };
  const importFiles = { template: settings.template, maxRows: options.maxRows ?? settings.maxRows };
  const checks = {
    timing: {
      now: options.now,
      deadlineHours: options.deadlineHours ?? settings.deadlineHours ?? DEFAULT_DEADLINE_HOURS,
      dueSoonHours: options.dueSoon ?? settings.dueSoonHours ?? DEFAULT_DUE_SOON_HOURS,
    },
    skipAfterSales: options.skipAfterSales,
  };
  const progress = createProgress(out.stderr, options.progress, lang);
  const listedPerSeverity = findingsListed(options);

  const files: JunitFile[] = [];
  const fail = (input: string, message: string): void => {
    // stderr is a terminal: a file name or a damaged file's content must not drive it. The report keeps the real text.
    out.stderr(`ship: ${terminalSafe(`${input}: ${message}`)}\n`);
    files.push({ report: failedFileReport(input, message), cases: undefined });
  };
  for (const [index, arg] of expanded.entries()) {
    if (arg.kind === 'no-match') {
      progress.clear();
      fail(arg.pattern, (arg.onlyOutputs === true ? ONLY_OUTPUTS : NO_MATCH)[lang](arg.pattern));
      continue;
    }
    if (arg.input.trim() === '') {
      // An empty argument would resolve to the current folder: say what it is instead.
      progress.clear();
      fail(`'${arg.input}'`, EMPTY_ARGUMENT[lang]);
      continue;
    }
    progress.file(index, expanded.length, arg.input);
    try {
      const input = resolve(cwd, arg.input);
      const { report, result, keptReports } = await validateFile({ input, registry, read, checks, lang, reportFormat: options.reportFormat, reportCopy: options.reportCopy, onRows: (count) => progress.rows(count), outDir, inputs, usedStems, importFiles, listedPerSeverity });
      for (const kept of keptReports) {
        progress.clear();
        out.stderr(`ship: ${terminalSafe(`${arg.input}: ${KEPT_REPORT[lang](kept)}`)}\n`);
      }
      // The order cases are only kept for JUnit: they hold a record per row.
      files.push({ report: { ...report, input: arg.input }, cases: options.format === 'junit' ? orderCases(result, lang) : undefined });
    } catch (error) {
      // One unreadable file must not stop a nightly batch: record it and go on.
      if (!isKnownError(error)) throw error;
      progress.clear();
      fail(arg.input, error.text[lang]);
    }
  }
  progress.clear();

  const code = exitCodeOf(
    files.map((f) => f.report),
    options.strict,
  );
  const run: RunReport = { schemaVersion: 1, ok: code === EXIT.OK, files: files.map((f) => limitFindings(f.report, options.maxErrors)) };
  await render(run, files, options, out);
  return code;
}

async function render(run: RunReport, files: readonly JunitFile[], options: ValidateOptions, out: Output): Promise<void> {
  const { lang, cwd } = options;
  switch (options.format) {
    case 'json':
      await writeStreamed(renderJson(run), out);
      return;
    case 'junit':
      await writeStreamed(renderJunit(files, { lang, cwd, strict: options.strict }), out);
      return;
    case 'github': {
      const summaryPath = options.env.GITHUB_STEP_SUMMARY;
      const withSummary = summaryPath !== undefined && summaryPath !== '';
      out.stdout(renderGithub(run, { lang, cwd, quiet: options.quiet, strict: options.strict, withSummary }));
      if (withSummary) await appendStepSummary(summaryPath, run, { lang, cwd }, out.stderr);
      return;
    }
    case 'text':
      out.stdout(renderText(run, { lang, chalk: makeChalk(options.color), cwd, quiet: options.quiet, strict: options.strict }));
  }
}
