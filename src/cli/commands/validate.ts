// `ship validate <file...>`: every file is checked even when an earlier one
// fails; the exit code sums up the run for scripts.

import { resolve } from 'node:path';
import type { Lang } from '../../core/messages.js';
import { ensureOutDir } from '../../io/atomic-write.js';
import { isKnownError } from '../../io/errors.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../../io/table.js';
import { makeChalk } from '../color.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadRegistry } from '../load-rules.js';
import { renderText } from '../render/text.js';
import type { FileReport, RunReport } from '../report-schema.js';
import { failedFileReport, validateFile } from './validate-file.js';

export interface ValidateOptions {
  outDir?: string;
  format: 'text' | 'json';
  /** The error report as a workbook (default) or a CSV with a UTF-8 BOM. */
  reportFormat: 'xlsx' | 'csv';
  strict: boolean;
  lang: Lang;
  now?: Date;
  sheet?: string;
  headerRow?: number;
  rules?: string;
  maxRowsRead?: number;
  maxFileMb?: number;
  maxPartMb?: number;
  maxCompressionRatio?: number;
  color: boolean;
  cwd: string;
}

export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function exitCodeOf(reports: readonly FileReport[], strict: boolean): ExitCode {
  if (reports.some((r) => r.error !== null)) return EXIT.FAILURE;
  if (reports.some((r) => r.orders.rejected > 0 || r.rows.rejected > 0)) return EXIT.INVALID;
  if (strict && reports.some((r) => r.findings.some((f) => f.severity === 'warning'))) return EXIT.INVALID;
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

export async function runValidate(files: readonly string[], options: ValidateOptions, out: Output): Promise<ExitCode> {
  const registry = await loadRegistry(options.rules);
  const outDir = options.outDir === undefined ? undefined : resolve(options.cwd, options.outDir);
  if (outDir !== undefined) await ensureOutDir(outDir);
  const inputs = files.map((file) => resolve(options.cwd, file));
  const usedStems = new Set<string>();
  const reports: FileReport[] = [];
  const read = {
    limits: limitsFrom(options),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    ...(options.headerRow === undefined ? {} : { headerRow: options.headerRow }),
  };

  for (const [i, input] of inputs.entries()) {
    const shownInput = files[i] ?? input;
    try {
      const { report } = await validateFile({ input, registry, read, lang: options.lang, reportFormat: options.reportFormat, outDir, inputs, usedStems });
      reports.push({ ...report, input: shownInput });
    } catch (error) {
      // One unreadable file must not stop a nightly batch: record it and go on.
      if (!isKnownError(error)) throw error;
      const message = error.text[options.lang];
      out.stderr(`ship: ${shownInput}: ${message}\n`);
      reports.push(failedFileReport(shownInput, message));
    }
  }

  const code = exitCodeOf(reports, options.strict);
  const run: RunReport = { schemaVersion: 1, ok: code === EXIT.OK, files: reports };
  if (options.format === 'json') {
    out.stdout(`${JSON.stringify(run, null, 2)}\n`);
  } else {
    out.stdout(renderText(run, { lang: options.lang, chalk: makeChalk(options.color), cwd: options.cwd }));
  }
  return code;
}
