import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runReportSchema, type FileReport } from '../../src/cli/report-schema.js';
import { countDataRows, readWorkbook, ship, workspace } from '../helpers/cli.js';

function json(args: string[], cwd: string) {
  const run = ship(['validate', ...args, '--format', 'json'], { cwd });
  return { ...run, report: runReportSchema.parse(JSON.parse(run.stdout)) };
}

function first(files: FileReport[]): FileReport {
  const [file] = files;
  if (file === undefined) throw new Error('no file in the report');
  return file;
}

describe('ship validate on the bundled sample export', () => {
  const dir = workspace('sample-qianfan-export.xlsx');
  const input = join(dir, 'sample-qianfan-export.xlsx');
  const { status, report, stderr } = json([input], dir);
  const file = first(report.files);

  it('exits 1 because the sample has rejected orders, with a JSON document only on stdout', () => {
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(report.ok).toBe(false);
    expect(file.sheet).toBe('包裹详情');
    expect(file.headerRow).toBe(1);
  });

  it('counts every data row exactly once', async () => {
    const { total, imported, rejected, skipped } = file.rows;
    expect(total).toBe(await countDataRows(input));
    expect(imported + rejected + skipped).toBe(total);
    expect(imported).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThan(0);
  });

  it('finds every kind of problem the sample was built with, at the right place', () => {
    const codes = new Set(file.findings.map((f) => f.code));
    for (const code of [
      'status-not-pending', 'summary-row', 'order-id-format', 'missing-shipping-info', 'missing-carrier', 'missing-tracking-number',
      'unknown-carrier', 'tracking-number-cell', 'tracking-number-damaged', 'tracking-scientific-notation', 'formula-like-value',
      'tracking-format', 'tracking-check-digit', 'tracking-package-barcode', 'tracking-legacy-format', 'order-multiple-tracking-numbers',
      'order-rejected-with-sibling', 'duplicate-tracking-number', 'merged-shipment',
    ]) {
      expect(codes, code).toContain(code);
    }
    const sfUnderZto = file.findings.find((f) => f.code === 'tracking-format' && f.value?.startsWith('SF') === true);
    expect(sfUnderZto?.column).toBe('快递单号');
    expect(sfUnderZto?.hint).toContain('顺丰速运');
  });

  it('writes an import sheet of text cells, one row per imported order, with platform carrier names', async () => {
    const [sheet] = await readWorkbook(join(dir, 'sample-qianfan-export.import.xlsx'));
    expect(sheet?.rows[0]).toEqual(['订单号', '快递公司', '快递单号']);
    const lines = sheet?.rows.slice(1) ?? [];
    expect(lines).toHaveLength(file.orders.imported);
    expect([...(sheet?.types ?? [])]).toEqual([ExcelJS.ValueType.String]);
    expect(new Set(lines.map((l) => l[0])).size).toBe(lines.length);
    for (const [orderId, carrier, number] of lines) {
      expect(orderId).toMatch(/^P\d{18}$/);
      expect(['顺丰速运', '中通速递', '圆通速递', '韵达速递', '申通快递', '极兔速递', '京东快递', 'EMS', '邮政快递包裹', '德邦快递']).toContain(carrier);
      expect(number).toMatch(/^[0-9A-Z]+$/);
    }
    // Normalized on the way: lower case and spaces, full-width digits.
    expect(lines.map((l) => l[2])).toContain('SF1385628716739');
  });

  it('writes a report with one row per finding, and every row not imported is in it', async () => {
    // The findings are the second sheet of the report workbook, after the summary (test/e2e/report-workbook.test.ts).
    const sheet = (await readWorkbook(join(dir, 'sample-qianfan-export.report.xlsx'))).find((s) => s.name === '问题');
    expect(sheet?.rows[0]?.slice(0, 8)).toEqual(['行号', '订单号', '列', '原值', '级别', '代码', '说明', '建议']);
    const body = sheet?.rows.slice(1) ?? [];
    expect(body).toHaveLength(file.findings.length);
    const reportedRows = new Set(body.filter((r) => r[8] !== '可导入').map((r) => Number(r[0])));
    expect(reportedRows.size).toBe(file.rows.rejected + file.rows.skipped);
    // The formula-like value is echoed, but neutralized so it cannot run when the report is opened.
    const formula = body.find((r) => r[5] === 'formula-like-value');
    expect(formula?.[3]?.startsWith("'=")).toBe(true);
  });
});

describe('ship validate exit codes', () => {
  it('exits 0 when every order can be imported', () => {
    const dir = workspace('all-importable.xlsx');
    const { status, report } = json(['all-importable.xlsx'], dir);
    expect(status).toBe(0);
    expect(report.ok).toBe(true);
    expect(first(report.files).findings).toEqual([]);
    expect(first(report.files).orders).toEqual({ imported: 4, rejected: 0, skipped: 0 });
  });

  it('exits 0 with warnings only, and 1 with --strict', () => {
    const dir = workspace('merged-shipment-warning-only.xlsx');
    expect(ship(['validate', 'merged-shipment-warning-only.xlsx'], { cwd: dir }).status).toBe(0);
    expect(ship(['validate', 'merged-shipment-warning-only.xlsx', '--strict'], { cwd: dir }).status).toBe(1);
  });

  it('exits 2 naming the missing column and the headers it found, and writes nothing', () => {
    const dir = workspace('missing-tracking-column.xlsx');
    const run = ship(['validate', 'missing-tracking-column.xlsx'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('快递单号');
    expect(run.stderr).toContain('订单状态');
    expect(readdirSync(dir)).toEqual(['missing-tracking-column.xlsx']);
  });

  it('exits 2 for a file that does not exist, and 2 for an unknown option', () => {
    const missing = ship(['validate', 'no-such-file.xlsx']);
    expect(missing.status).toBe(2);
    expect(missing.stdout + missing.stderr).toContain('no-such-file.xlsx');
    const usage = ship(['validate', '--frobnicate', 'x.xlsx']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--frobnicate');
    expect(ship(['validate']).status).toBe(2);
  });

  it('keeps going after an unreadable file and still exits 2', () => {
    const dir = workspace('all-importable.xlsx');
    const { status, report } = json(['missing.xlsx', 'all-importable.xlsx'], dir);
    expect(status).toBe(2);
    expect(report.files.map((f) => f.error === null)).toEqual([false, true]);
    expect(existsSync(join(dir, 'all-importable.import.xlsx'))).toBe(true);
  });

  it('exits 0 for --help and --version', () => {
    expect(ship(['--help']).status).toBe(0);
    expect(ship(['validate', '--help']).stdout).toContain('--out-dir');
    expect(ship(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('ship validate inputs and outputs', () => {
  it('finds the header below title rows, by aliases, on the sheet that has it', () => {
    const dir = workspace('erp-title-rows-and-aliases.xlsx');
    const { status, report } = json(['erp-title-rows-and-aliases.xlsx'], dir);
    const file = first(report.files);
    expect(status).toBe(0);
    expect(file.sheet).toBe('发货单');
    expect(file.sheetsIgnored).toEqual(['说明']);
    expect(file.headerRow).toBe(3);
    expect(file.orders.imported).toBe(2);
  });

  it('reads a CSV with English headers and keeps 00123 as text', () => {
    const dir = workspace('english-headers.csv');
    const { report } = json(['english-headers.csv'], dir);
    const file = first(report.files);
    expect(file.orders.imported).toBe(2);
    const bad = file.findings.find((f) => f.value === '00123');
    expect(bad?.code).toBe('tracking-format');
    expect(bad?.column).toBe('Tracking No.');
  });

  it('writes into --out-dir, creating it, and leaves no temporary files', () => {
    const dir = workspace('all-importable.xlsx');
    const run = ship(['validate', 'all-importable.xlsx', '--out-dir', 'out/today'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(readdirSync(join(dir, 'out', 'today')).sort()).toEqual(['all-importable.import.xlsx', 'all-importable.report.xlsx']);
    expect(readdirSync(dir).sort()).toEqual(['all-importable.xlsx', 'out']);
  });

  it('prints a Chinese summary by default and English with --lang en', () => {
    const dir = workspace('sample-qianfan-export.xlsx');
    const zh = ship(['validate', 'sample-qianfan-export.xlsx'], { cwd: dir });
    expect(zh.stdout).toMatch(/共 \d+ 行：可导入 \d+ 行/);
    expect(zh.stdout).toContain('单号与快递公司不符');
    expect(zh.stdout).toContain('sample-qianfan-export.report.xlsx');
    expect(zh.stdout).not.toMatch(/\u001b\[/);
    const en = ship(['validate', 'sample-qianfan-export.xlsx', '--lang', 'en', '--format', 'json'], { cwd: dir });
    const file = first(runReportSchema.parse(JSON.parse(en.stdout)).files);
    expect(file.findings.find((f) => f.code === 'unknown-carrier')?.message).toMatch(/^Unknown carrier/);
  });
});
