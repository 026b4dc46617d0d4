// The merchant's loop: fix the report, check the report again. The report's 问题 sheet (and
// the CSV report) names 订单号, 快递公司 and 快递单号 too; read as an order sheet, every
// finding in it, shipped orders and damaged numbers included, would pass for an order.
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openWithExcelJs, ship, validateJson, workspace } from '../helpers/cli.js';

const SAMPLE = 'sample-qianfan-export.xlsx';
const REPORT = 'sample-qianfan-export.report.xlsx';

describe('checking a report again', () => {
  it('reads the copy of the input when the merchant renamed its sheet, not the findings list', async () => {
    const dir = workspace(SAMPLE);
    const first = validateJson([SAMPLE], { cwd: dir }).file;
    const workbook = await openWithExcelJs(join(dir, REPORT));
    const copy = workbook.worksheets.find((sheet) => sheet.name === '包裹详情')!;
    copy.name = '已改';
    await workbook.xlsx.writeFile(join(dir, 'renamed.xlsx'));
    const again = validateJson(['renamed.xlsx'], { cwd: dir }).file;
    expect(again.sheet).toBe('已改');
    expect(again.rows).toEqual(first.rows);
    expect(again.orders).toEqual(first.orders);
  });

  // The previous version called the 校验结果 column of 问题 处理, and said 已导入 / 未导入 where it now says 可导入 / 未通过.
  it('reads a report written by the previous version (处理 header, 已导入 / 未导入 values) as it reads a new one', async () => {
    const dir = workspace(SAMPLE);
    const first = validateJson([SAMPLE], { cwd: dir }).file;
    const workbook = await openWithExcelJs(join(dir, REPORT));
    const findings = workbook.getWorksheet('问题')!;
    expect(findings.getCell('I1').value).toBe('校验结果');
    findings.getCell('I1').value = '处理';
    const copy = workbook.getWorksheet('包裹详情')!;
    const old: Record<string, string> = { 可导入: '已导入', 未通过: '未导入' };
    copy.eachRow((row) => {
      const cell = row.getCell(1);
      if (typeof cell.value === 'string' && old[cell.value] !== undefined) cell.value = old[cell.value]!;
    });
    // Renamed, so the sheet is found by its header and the old findings list must be told apart by its own.
    copy.name = '已改';
    await workbook.xlsx.writeFile(join(dir, 'old.xlsx'));
    const again = validateJson(['old.xlsx'], { cwd: dir }).file;
    expect(again.sheet).toBe('已改');
    expect(again.rows).toEqual(first.rows);
    expect(again.orders).toEqual(first.orders);
    expect(again.findings.map((f) => [f.row, f.code])).toEqual(first.findings.map((f) => [f.row, f.code]));
  });

  it('refuses a report written without the copy, and the CSV report, naming what they are (exit 2)', () => {
    const dir = workspace(SAMPLE);
    expect(ship(['validate', SAMPLE, '--no-report-copy'], { cwd: dir }).status).toBe(1);
    const noCopy = ship(['validate', REPORT, '--lang', 'en'], { cwd: dir });
    expect(noCopy.status).toBe(2);
    expect(noCopy.stderr).toContain('without the copy of the input');
    expect(ship(['validate', SAMPLE, '--report-format', 'csv'], { cwd: dir }).status).toBe(1);
    const csv = ship(['validate', 'sample-qianfan-export.report.csv', '--lang', 'en'], { cwd: dir });
    expect(csv.status).toBe(2);
    expect(csv.stderr).toContain('findings list of a ship report');
  });

  it.each([
    ['cleared the 校验结果 header', (sheet: ExcelJS.Worksheet) => void (sheet.getCell('A1').value = null)],
    ['deleted the 校验结果 column', (sheet: ExcelJS.Worksheet) => sheet.spliceColumns(1, 1)],
  ])('does not add the three columns again when the merchant %s', async (_, edit) => {
    const dir = workspace(SAMPLE);
    ship(['validate', SAMPLE], { cwd: dir });
    const workbook = await openWithExcelJs(join(dir, REPORT));
    const copy = workbook.getWorksheet('包裹详情')!;
    const firstHeader = (copy.getRow(1).values as unknown[]).slice(1);
    edit(copy);
    await workbook.xlsx.writeFile(join(dir, 'edited.xlsx'));
    const again = validateJson(['edited.xlsx'], { cwd: dir }).file;
    expect(again.rows).toEqual(validateJson([SAMPLE], { cwd: workspace(SAMPLE) }).file.rows);
    const next = (await openWithExcelJs(join(dir, 'edited.report.xlsx'))).getWorksheet('包裹详情')!;
    expect((next.getRow(1).values as unknown[]).slice(1)).toEqual(firstHeader);
  });
});
