// Files ship can read although they are not what Excel writes: WPS namespace prefixes,
// the 千帆 export's inline strings and wrong <dimension>, pivot caches, merged and error
// cells, GBK and Douyin-style CSVs. For each: no row lost (rows.total is the number of
// data rows in the file) and no number changed (the import sheet holds the input's numbers).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReportSchema, type FileReport } from '../../src/cli/report-schema.js';
import { readWorkbook, ROOT, ship, workspace } from '../helpers/cli.js';

interface Expected {
  sheet: string | null;
  sheetsIgnored: string[];
  headerRow: number;
  dataRows: number;
  exit: 0 | 1;
  /** Order id → tracking number, exactly as the input holds them. */
  imports: Record<string, string>;
  errors?: Record<string, number[]>;
  warnings?: Record<string, number[]>;
}

const EXPECTED = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'broken', 'expected.json'), 'utf8')) as Record<string, Expected>;
const NAMES = Object.keys(EXPECTED);

function stemOf(name: string): string {
  return name.replace(/\.[^.]+$/, '');
}

function rowsOf(file: FileReport, code: string): number[] {
  return [...new Set(file.findings.filter((f) => f.code === code).map((f) => f.row))].sort((a, b) => a - b);
}

describe('messy but readable files, all in one run', () => {
  const dir = workspace(...NAMES.map((name) => `broken/${name}`));
  const run = ship(['validate', ...NAMES, '--format', 'json'], { cwd: dir });
  const report = runReportSchema.parse(JSON.parse(run.stdout));
  const fileFor = (name: string): FileReport => {
    const file = report.files.find((f) => f.input === name);
    if (file === undefined) throw new Error(`${name} is not in the report`);
    return file;
  };

  it('reads every one of them (exit 1 because some have rejected rows, never 2)', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(report.files.map((f) => f.error)).toEqual(NAMES.map(() => null));
  });

  it.each(NAMES)('%s: the sheet, the header row and every data row are accounted for', (name) => {
    const file = fileFor(name);
    const facts = EXPECTED[name];
    expect(file.sheet).toBe(facts?.sheet);
    expect(file.sheetsIgnored).toEqual(facts?.sheetsIgnored);
    expect(file.headerRow).toBe(facts?.headerRow);
    expect(file.rows.total).toBe(facts?.dataRows);
    expect(file.rows.imported + file.rows.rejected + file.rows.skipped).toBe(file.rows.total);
    // The exit code this file alone would give.
    expect(file.orders.rejected > 0 ? 1 : 0).toBe(facts?.exit);
  });

  it.each(NAMES)('%s: the import sheet holds the input numbers, unchanged, as text', async (name) => {
    const [sheet] = await readWorkbook(join(dir, `${stemOf(name)}.import.xlsx`));
    const lines = sheet?.rows.slice(1) ?? [];
    expect(Object.fromEntries(lines.map(([orderId, , number]) => [orderId, number]))).toEqual(EXPECTED[name]?.imports);
    expect([...(sheet?.types ?? [])].every((type) => type === 3)).toBe(true); // ExcelJS.ValueType.String
  });

  it.each(NAMES)('%s: the findings the file was built with, on the rows it was built with', (name) => {
    const file = fileFor(name);
    const { errors = {}, warnings = {} } = EXPECTED[name] ?? {};
    for (const [code, rows] of Object.entries({ ...errors, ...warnings })) expect(rowsOf(file, code), code).toEqual(rows);
    const expectedWarnings = new Set(Object.keys(warnings));
    const otherWarnings = file.findings.filter((f) => f.severity === 'warning' && !expectedWarnings.has(f.code));
    expect(otherWarnings).toEqual([]);
  });

  it('names the merged range and its column, and says the other rows read as empty', () => {
    const merged = fileFor('merged-tracking-cells.xlsx').findings.filter((f) => f.code === 'merged-cells');
    expect(merged.map((f) => [f.row, f.column, f.value])).toEqual([
      [4, '快递单号', 'G4:G5'],
      [6, '快递单号', 'G6:G7'],
    ]);
    expect(merged[1]?.message).toBe('合并单元格 G6:G7：值只算在第一行，合并范围内的其他行读作空白');
    expect(merged[1]?.orderId).toBe('P794500000000000004');
  });

  it('reports #N/A in 订单号, 快递单号, 快递公司 and 订单状态 as errors, and in a recipient column as a warning', () => {
    const findings = fileFor('error-cells-na.xlsx').findings.filter((f) => f.code.startsWith('error-cell'));
    expect(findings.map((f) => [f.row, f.code, f.column, f.value])).toEqual([
      [2, 'error-cell', '订单号', '#N/A'],
      [3, 'error-cell', '快递单号', '#N/A'],
      [4, 'error-cell-ignored', '收件人电话', '#N/A'],
      [6, 'error-cell', '快递公司', '#N/A'],
      [7, 'error-cell', '订单状态', '#REF!'],
    ]);
  });
});

describe('choosing the sheet and the header row', () => {
  const qianfan = 'qianfan-inline-strings-wrong-dimension-pivot.xlsx';

  it('--sheet reads the named sheet, and says which one when it lacks the columns', () => {
    const dir = workspace(`broken/${qianfan}`);
    const forced = ship(['validate', qianfan, '--sheet', '包裹详情', '--format', 'json'], { cwd: dir });
    expect(runReportSchema.parse(JSON.parse(forced.stdout)).files[0]?.sheet).toBe('包裹详情');
    const pivot = ship(['validate', qianfan, '--sheet', '订单汇总'], { cwd: dir });
    expect(pivot.status).toBe(2);
    expect(pivot.stderr).toContain('工作表「订单汇总」找不到必需的列');
    const missing = ship(['validate', qianfan, '--sheet', '发货', '--lang', 'en'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('No sheet named "发货". Sheets in the file: 订单汇总, 包裹详情');
  });

  it('--header-row reads the header where it is told, and fails clearly where there is none', () => {
    const dir = workspace('erp-title-rows-and-aliases.xlsx');
    const right = ship(['validate', 'erp-title-rows-and-aliases.xlsx', '--header-row', '3', '--format', 'json'], { cwd: dir });
    const file = runReportSchema.parse(JSON.parse(right.stdout)).files[0];
    expect(right.status).toBe(0);
    expect([file?.sheet, file?.headerRow]).toEqual(['发货单', 3]);
    const written = readdirSync(dir).sort();
    const wrong = ship(['validate', 'erp-title-rows-and-aliases.xlsx', '--header-row', '1', '--sheet', '发货单'], { cwd: dir });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('工作表「发货单」找不到必需的列');
    expect(readdirSync(dir).sort()).toEqual(written);
  });
});

describe('the CSV report (--report-format csv)', () => {
  it('has a UTF-8 BOM, CRLF line ends, the columns of the xlsx report and neutralized values', () => {
    const dir = workspace('sample-qianfan-export.xlsx');
    const run = ship(['validate', 'sample-qianfan-export.xlsx', '--report-format', 'csv', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(1);
    const file = runReportSchema.parse(JSON.parse(run.stdout)).files[0];
    expect(file?.outputs.report).toBe(join(dir, 'sample-qianfan-export.report.csv'));
    expect(readdirSync(dir).sort()).toEqual(['sample-qianfan-export.import.xlsx', 'sample-qianfan-export.report.csv', 'sample-qianfan-export.xlsx']);
    const bytes = readFileSync(join(dir, 'sample-qianfan-export.report.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('行号,订单号,列,原值,级别,代码,说明,建议,校验结果,快递公司,快递单号,收件人姓名');
    expect(lines.at(-1)).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(lines.length - 2).toBe(file?.findings.length);
    // A formula-like tracking number from the sample is echoed with a leading apostrophe.
    const formula = file?.findings.find((f) => f.code === 'formula-like-value');
    expect(formula?.value).toMatch(/^[=+\-@＝＋－＠]/);
    expect(text).toContain(`,"'${(formula?.value ?? '').replace(/"/g, '""')}",`);
    expect(text).not.toMatch(/(^|,)[=+\-@＝＋－＠]/m);
  });
});

describe('outputs that cannot be written', () => {
  it('exits 2 saying what to do, and writes neither the import sheet nor the report', () => {
    const dir = workspace('all-importable.xlsx');
    mkdirSync(join(dir, 'all-importable.report.xlsx'));
    const run = ship(['validate', 'all-importable.xlsx'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('输出路径已被一个同名文件夹占用');
    expect(readdirSync(dir).sort()).toEqual(['all-importable.report.xlsx', 'all-importable.xlsx']);
  });

  it('keeps the previous import sheet when the new report cannot be written', () => {
    const dir = workspace('all-importable.xlsx');
    writeFileSync(join(dir, 'all-importable.import.xlsx'), 'yesterday');
    mkdirSync(join(dir, 'all-importable.report.xlsx'));
    const run = ship(['validate', 'all-importable.xlsx', '--lang', 'en'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('A folder already exists where the output file should go');
    expect(readFileSync(join(dir, 'all-importable.import.xlsx'), 'utf8')).toBe('yesterday');
    expect(readdirSync(dir).sort()).toEqual(['all-importable.import.xlsx', 'all-importable.report.xlsx', 'all-importable.xlsx']);
  });
});
