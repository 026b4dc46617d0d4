// Runs the built CLI the way a user or a script does: a child process with a
// minimal environment and no colour.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { runReportSchema, type FileReport } from '../../src/cli/report-schema.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'ship.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The time validate runs are judged at unless a test gives --now: before every ship-by
 * time in fixtures/, so fixture findings do not depend on the day the tests run.
 */
export const FIXTURE_NOW = '2026-11-19T00:00:00+08:00';

export function ship(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}): CliRun {
  const judged = args[0] === 'validate' && !args.includes('--now') ? [...args, '--now', FIXTURE_NOW] : args;
  const result = spawnSync(process.execPath, [BIN, ...judged], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `ship validate … --format json` on one file: the run, and that file's report checked against the schema. */
export function validateJson(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun & { file: FileReport } {
  const run = ship(['validate', ...args, '--format', 'json'], options);
  const [file] = runReportSchema.parse(JSON.parse(run.stdout)).files;
  if (file === undefined) throw new Error(`no file in the report: ${run.stderr}`);
  return { ...run, file };
}

/** A workbook opened with exceljs, independently of ship's own reader. */
export async function openWithExcelJs(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** A fresh folder with a copy of the named fixtures, so runs never write into fixtures/. */
export function workspace(...fixtures: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ship-e2e-'));
  for (const name of fixtures) copyFileSync(join(ROOT, 'fixtures', name), join(dir, basename(name)));
  return dir;
}

export interface SheetContent {
  name: string;
  rows: string[][];
  /** exceljs value types of every data cell (header excluded). */
  types: Set<ExcelJS.ValueType>;
}

/** Reads a written workbook back with exceljs, independently of ship's own reader. */
export async function readWorkbook(path: string): Promise<SheetContent[]> {
  const workbook = await openWithExcelJs(path);
  return workbook.worksheets.map((worksheet) => {
    const rows: string[][] = [];
    const types = new Set<ExcelJS.ValueType>();
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: string[] = [];
      for (let c = 1; c <= worksheet.columnCount; c += 1) {
        const cell = row.getCell(c);
        if (rowNumber > 1 && cell.value !== null) types.add(cell.type);
        values.push(cell.value === null ? '' : String(cell.value));
      }
      rows.push(values);
    });
    return { name: worksheet.name, rows, types };
  });
}

/** The data rows (non-empty rows below the header on row 1) of the first sheet of an input fixture. */
export async function countDataRows(path: string, headerRow = 1): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  let count = 0;
  workbook.worksheets[0]?.eachRow({ includeEmpty: false }, (_row, rowNumber) => {
    if (rowNumber > headerRow) count += 1;
  });
  return count;
}
