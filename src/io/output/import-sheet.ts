// The import-ready sheet: one row per order that passed, in the columns of the
// 千帆 批量发货 template, carrier as the display name the platform expects.
// A team whose template differs sets its column names and carrier names in the
// config; --max-rows splits a large batch into <stem>.import.part1.xlsx, part2, …

import { readdir, realpath, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ImportTable } from '../../core/validate.js';
import { sweepStaleTempFiles, writeFileAtomic, type AtomicWriteOptions } from '../atomic-write.js';
import { OutputError } from '../errors.js';
import { DEFAULT_TEMPLATE, IMPORT_SHEET_NAME, type ImportTemplate } from './import-template.js';
import { writeTextSheets } from './text-sheet.js';
import { importSheetName, outputName } from './output-names.js';

const WIDTHS = [24, 14, 24];

/** The rows one at a time: the writer takes any iterable, so no array of a million rows is built. */
function* importRows(lines: ImportTable, template: ImportTemplate): Generator<readonly string[]> {
  for (let index = 0; index < lines.length; index++) {
    const carrier = template.carrierNames[lines.carrierIdAt(index)] ?? lines.carrierNameAt(index);
    yield [lines.orderIdAt(index), carrier, lines.trackingNumberAt(index)];
  }
}

export async function writeImportSheet(path: string, lines: ImportTable, template: ImportTemplate = DEFAULT_TEMPLATE): Promise<void> {
  await writeTextSheets(path, [
    {
      name: IMPORT_SHEET_NAME,
      header: template.header,
      rows: importRows(lines, template),
      widths: WIDTHS,
    },
  ]);
}

export interface ImportFilesOptions {
  template?: ImportTemplate;
  /** At most this many orders per file; unlimited when undefined. */
  maxRows?: number;
}

/** The import files of a run: `<stem>.import.xlsx`, or numbered parts when the orders do not fit one file. */
export function planImportFiles(stem: string, lines: ImportTable, maxRows: number | undefined): { path: string; lines: ImportTable }[] {
  if (maxRows === undefined || lines.length <= maxRows) return [{ path: importSheetName(stem), lines }];
  const parts: { path: string; lines: ImportTable }[] = [];
  for (let start = 0; start < lines.length; start += maxRows) {
    parts.push({ path: importSheetName(stem, parts.length + 1), lines: lines.slice(start, start + maxRows) });
  }
  return parts;
}

/** Writes the import file(s) atomically (or stages them in the guard's batch) and returns their paths in order. */
export async function writeImportFiles(stem: string, lines: ImportTable, options: ImportFilesOptions, guard: AtomicWriteOptions): Promise<string[]> {
  const plan = planImportFiles(stem, lines, options.maxRows);
  for (const part of plan) await writeFileAtomic(part.path, (tmp) => writeImportSheet(tmp, part.lines, options.template), guard);
  return plan.map((part) => part.path);
}

/**
 * Removes the outputs an earlier run of the same input left and this run did not write
 * again: a script that uploads every `<stem>.import*.xlsx` must not pick up a stale part3
 * from yesterday's larger batch, and a `<stem>.report.xlsx` must not stay beside today's
 * `<stem>.report.csv` (--report-format changed), describing older data. Call it once the
 * new files are in place, with every path this run wrote.
 */
export async function removeStaleOutputs(stem: string, writtenPaths: readonly string[], inputs: readonly string[], now = Date.now()): Promise<void> {
  const written = new Set(writtenPaths.map((path) => basename(path)));
  const name = basename(stem);
  const ours = (entry: string): boolean => {
    const output = outputName(entry);
    return output !== undefined && output.replaced && output.stem === name;
  };
  const real = (path: string) => realpath(path).catch(() => resolve(path));
  const inputPaths = new Set(await Promise.all(inputs.map(real)));
  const names = await readdir(dirname(stem)).catch(() => [] as string[]);
  // Temp files a killed run left for outputs this run did not write again (a part6 of a
  // larger batch): writing a target sweeps only its own (atomic-write.ts).
  await sweepStaleTempFiles(dirname(stem), names, (target) => ours(target) && !written.has(target), now);
  for (const entry of names) {
    const path = join(dirname(stem), entry);
    // Never an input, whatever its name: `orders.import.xlsx` may be what the user asked to check.
    if (!ours(entry) || written.has(entry) || inputPaths.has(await real(path))) continue;
    // A stale import part could be uploaded: not removing it fails the file. A stale report
    // (the other --report-format, perhaps open in Excel) is only removed when it can be:
    // this run's outputs are in place and right.
    const isImport = entry.startsWith(`${name}.import`);
    await rm(path, { force: true }).catch((error: unknown) => {
      if (!isImport) return;
      throw new OutputError(
        { zh: '删不掉上次留下的旧导入表（可能正在 Excel/WPS 中打开），请关闭或手动删除后重试', en: 'Cannot remove an import file left by an earlier run (open in Excel/WPS?); close or delete it and try again' },
        path,
        { cause: error },
      );
    });
  }
}
