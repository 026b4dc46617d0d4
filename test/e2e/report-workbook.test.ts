// The report a merchant fixes from: <stem>.report.xlsx has a summary (汇总), the findings
// (问题) and a marked copy of the input (包裹详情). Fixing a cell in the copy and checking
// the report again must check the fixed copy: the fixed order imports, nothing else changes.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { FileReport } from '../../src/cli/report-schema.js';
import { openWithExcelJs, readWorkbook, ship, validateJson, workspace } from '../helpers/cli.js';
import { unzip } from '../helpers/unzip.js';

const SAMPLE = 'sample-qianfan-export.xlsx';
const REPORT = 'sample-qianfan-export.report.xlsx';
const RED_ROW = 'FFFFE5E5';
const YELLOW_ROW = 'FFFFF5D6';
const RED_MARK = 'FFFFC7CE';
const YELLOW_MARK = 'FFFFEB9C';

function validate(file: string, cwd: string, ...args: string[]): { status: number | null; file: FileReport } {
  const run = validateJson([file, ...args], { cwd });
  expect(run.stderr).toBe('');
  return run;
}

function fillOf(cell: ExcelJS.Cell): string {
  const fill = cell.fill;
  return fill?.type === 'pattern' && fill.pattern === 'solid' ? (fill.fgColor?.argb ?? '?') : 'none';
}

/** Cell values as text, without the empty cells at the end (the copy leaves empty cells out). */
function texts(values: unknown[]): string[] {
  const out = Array.from(values, (v) => (v === undefined || v === null ? '' : typeof v === 'object' && 'error' in v ? String(v.error) : String(v)));
  while (out.at(-1) === '') out.pop();
  return out;
}

/** Every row of a sheet as text, the empty ones included. */
function sheetText(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) rows.push(texts((sheet.getRow(r).values as unknown[]).slice(1)));
  return rows;
}

/** A finding as it must be the same in both runs. */
const key = (f: FileReport['findings'][number]) => JSON.stringify([f.row, f.code, f.column, f.value, f.orderId, f.message, f.hint]);

describe('the report workbook of the sample export', async () => {
  const dir = workspace(SAMPLE);
  const { file } = validate(SAMPLE, dir);
  const report = await openWithExcelJs(join(dir, REPORT));
  const input = await openWithExcelJs(join(dir, SAMPLE));
  const copy = report.getWorksheet('包裹详情')!;
  const original = input.getWorksheet('包裹详情')!;
  const header = (copy.getRow(1).values as unknown[]).slice(1).map(String);
  const columnOf = (name: string) => header.indexOf(name) + 1;

  it('has a summary, the findings and the copy, in that order', () => {
    expect(report.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '问题', '包裹详情']);
  });

  it('sums up the file, the counts, the carriers, the problems and the tags', () => {
    const rows = sheetText(report.getWorksheet('汇总')!);
    const block = (title: string) => {
      const rest = rows.slice(rows.findIndex((r) => r[0] === title) + 1);
      const end = rest.findIndex((r) => r.length === 0);
      return end < 0 ? rest : rest.slice(0, end);
    };
    expect(rows).toContainEqual(expect.arrayContaining(['输入文件', SAMPLE]));
    expect(rows).toContainEqual(expect.arrayContaining(['工作表', '包裹详情']));
    expect(rows.find((r) => r[0] === '改完之后')?.[1]).toContain(`ship validate ${REPORT}，然后上传新生成的 ${REPORT.replace(/\.xlsx$/, '.import.xlsx')}`);
    expect(rows.find((r) => r[0] === '行数与订单数')?.slice(0, 3)).toEqual(['行数与订单数', '行', '待发货订单']);
    const counts = block('行数与订单数');
    expect(counts.map((r) => r.slice(0, 3))).toEqual([
      ['共计', String(file.rows.total), String(file.orders.imported + file.orders.rejected + file.orders.skipped)],
      ['可导入', String(file.rows.imported), String(file.orders.imported)],
      ['未通过', String(file.rows.rejected), String(file.orders.rejected)],
      ['已跳过', String(file.rows.skipped), String(file.orders.skipped)],
    ]);
    const carriers = block('按快递公司');
    expect(carriers.map((r) => r.slice(0, 4))).toEqual(file.carriers.map((c) => [c.carrier === '' ? '（未填写）' : c.carrier, String(c.orders), String(c.ok), String(c.problems)]));
    const codes = block('按问题');
    expect(codes.map((r) => r[3]).sort()).toEqual(Object.keys(file.counts.byCode).sort());
    expect(codes.find((r) => r[3] === 'tracking-format')?.slice(0, 3)).toEqual(['单号与快递公司不符', '错误', '1']);
    expect(codes.find((r) => r[3] === 'status-not-pending')?.slice(1, 3)).toEqual(['提示', String(file.counts.byCode['status-not-pending'])]);
    expect(block('订单标记').map((r) => r.slice(0, 2))).toEqual(Object.entries(file.tags).map(([tag, n]) => [tag, String(n)]));
    expect(block('已超过发货时限的订单')).toEqual([['（无）']]);
    expect(report.getWorksheet('汇总')!.getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it('keeps one row per finding in 问题', async () => {
    const [, findings] = await readWorkbook(join(dir, REPORT));
    expect(findings!.rows[0]?.slice(0, 9)).toEqual(['行号', '订单号', '列', '原值', '级别', '代码', '说明', '建议', '校验结果']);
    expect(findings!.rows.slice(1).map((r) => [Number(r[0]), r[5]])).toEqual(file.findings.map((f) => [f.row, f.code]));
  });

  it('copies every column and row of the input on the same rows, after 校验结果 / 问题 / 建议', () => {
    expect(header.slice(0, 3)).toEqual(['校验结果', '问题', '建议']);
    expect(header.slice(3)).toEqual((original.getRow(1).values as unknown[]).slice(1).map(String));
    expect(copy.rowCount).toBe(original.rowCount);
    for (let r = 1; r <= original.rowCount; r++) {
      const want = (original.getRow(r).values as unknown[]).slice(1);
      const got = (copy.getRow(r).values as unknown[]).slice(4);
      expect(texts(got), `row ${r}`).toEqual(texts(want));
    }
    expect(copy.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(copy.autoFilter).toBe(`A1:${copy.getRow(1).getCell(header.length).address.replace(/\d+$/, '')}${original.rowCount}`);
  });

  it('says per row what happened and why, red for errors, yellow for warnings only', () => {
    const errors = new Set(file.findings.filter((f) => f.severity === 'error').map((f) => f.row));
    const warnings = new Set(file.findings.filter((f) => f.severity === 'warning').map((f) => f.row));
    const skipped = new Set(file.findings.filter((f) => f.code === 'status-not-pending' || f.code === 'summary-row').map((f) => f.row));
    expect(errors.size).toBeGreaterThan(5);
    expect([...warnings].filter((row) => !errors.has(row)).length).toBeGreaterThan(2);
    for (let r = 2; r <= copy.rowCount; r++) {
      const row = copy.getRow(r);
      const outcome = errors.has(r) ? '未通过' : skipped.has(r) ? '已跳过' : '可导入';
      expect(row.getCell(1).value, `row ${r}`).toBe(outcome);
      const fill = errors.has(r) ? RED_ROW : warnings.has(r) ? YELLOW_ROW : 'none';
      expect([1, 2, 3, columnOf('省')].map((c) => fillOf(row.getCell(c))), `row ${r}`).toEqual([fill, fill, fill, fill]);
      const messages = file.findings.filter((f) => f.row === r).map((f) => f.message);
      expect(row.getCell(2).value ?? '', `row ${r}`).toBe(messages.join('；'));
    }
    const sibling = file.findings.find((f) => f.code === 'order-rejected-with-sibling')!;
    expect(copy.getRow(sibling.row).getCell(2).value).toContain('同一订单');
  });

  it('marks the cell each error and warning is about', () => {
    const marked = file.findings.filter((f) => f.severity !== 'info' && f.column !== null);
    expect(marked.length).toBeGreaterThan(10);
    for (const found of marked) {
      const cell = copy.getRow(found.row).getCell(columnOf(found.column!));
      const error = file.findings.some((f) => f.row === found.row && f.column === found.column && f.severity === 'error');
      expect(fillOf(cell), `${found.code} row ${found.row}`).toBe(error ? RED_MARK : YELLOW_MARK);
      expect(cell.font).toMatchObject({ bold: true, color: { argb: error ? 'FF9C0006' : 'FF9C5700' } });
    }
    const tracking = columnOf('快递单号');
    const ok = file.findings.find((f) => f.code === 'order-rejected-with-sibling')!;
    expect(fillOf(copy.getRow(ok.row).getCell(tracking))).toBe(RED_ROW);
  });
});

describe('fixing the report and checking it again', () => {
  it('checks the fixed copy: the fixed order imports and every other finding stays the same', async () => {
    const dir = workspace(SAMPLE);
    const first = validate(SAMPLE, dir).file;
    const wrong = first.findings.find((f) => f.code === 'tracking-format' && f.value?.startsWith('SF') === true)!;
    expect(first.findings.filter((f) => f.row === wrong.row).map((f) => f.code)).toEqual(['tracking-format']);

    // The merchant fixes the carrier in Excel: here exceljs reads the report and saves it again.
    const workbook = await openWithExcelJs(join(dir, REPORT));
    const copy = workbook.getWorksheet('包裹详情')!;
    const header = (copy.getRow(1).values as unknown[]).map(String);
    copy.getRow(wrong.row).getCell(header.indexOf('快递公司')).value = '顺丰速运';
    await workbook.xlsx.writeFile(join(dir, REPORT));

    const { status, file: second } = validate(REPORT, dir);
    expect(status).toBe(1);
    expect(second.sheet).toBe('包裹详情');
    expect(second.sheetsIgnored).toEqual(['汇总', '问题']);
    expect(second.headerRow).toBe(1);
    expect(second.findings.map(key)).toEqual(first.findings.filter((f) => f.row !== wrong.row).map(key));
    expect(second.rows).toEqual({ ...first.rows, imported: first.rows.imported + 1, rejected: first.rows.rejected - 1 });
    expect(second.orders).toEqual({ ...first.orders, imported: first.orders.imported + 1, rejected: first.orders.rejected - 1 });
    const [imports] = await readWorkbook(join(dir, 'sample-qianfan-export.report.import.xlsx'));
    expect(imports!.rows).toContainEqual([wrong.orderId, '顺丰速运', wrong.value]);
  });

  it('reads an unchanged report exactly as it read the input, whatever the input was', () => {
    const inputs = [SAMPLE, 'sample-qianfan-export.csv', 'erp-title-rows-and-aliases.xlsx', 'broken/error-cells-na.xlsx', 'broken/douyin-style-tab-and-equals.csv'];
    const dir = workspace(...inputs);
    for (const path of inputs) {
      const input = basename(path);
      const stem = input.replace(/\.(xlsx|csv)$/, '');
      // Each input in a folder of its own: the two samples share a stem.
      const out = join(dir, `out-${input}`);
      mkdirSync(out);
      const first = validate(input, dir, '--out-dir', out).file;
      const second = validate(join(out, `${stem}.report.xlsx`), dir, '--out-dir', out).file;
      expect(second.headerRow, input).toBe(first.headerRow);
      expect(second.findings.map(key), input).toEqual(first.findings.map(key));
      expect(second.rows, input).toEqual(first.rows);
      const imports = (name: string) => readFileSync(join(out, name));
      expect(imports(`${stem}.report.import.xlsx`).equals(imports(`${stem}.import.xlsx`)), input).toBe(true);
    }
  });

  it('keeps merged cells merged, so their warnings stay until the cells are unmerged', () => {
    const dir = workspace('broken/merged-tracking-cells.xlsx');
    const first = validate('merged-tracking-cells.xlsx', dir).file;
    const second = validate('merged-tracking-cells.report.xlsx', dir).file;
    // The copy has three columns in front: the same range is three columns to the right (G → J).
    const shifted = (ref: string) => ref.replace(/[A-Z]+/g, (col) => String.fromCharCode(col.charCodeAt(0) + 3));
    const merged = first.findings.filter((f) => f.code === 'merged-cells');
    expect(merged.length).toBeGreaterThan(0);
    expect(second.findings.filter((f) => f.code === 'merged-cells').map((f) => [f.row, f.value])).toEqual(merged.map((f) => [f.row, shifted(f.value!)]));
    expect(second.rows).toEqual(first.rows);
  });

  it('replaces the added columns when the input is itself a report, instead of adding them again', async () => {
    const dir = workspace(SAMPLE);
    validate(SAMPLE, dir);
    copyFileSync(join(dir, REPORT), join(dir, 'again.xlsx'));
    validate('again.xlsx', dir);
    const header = (name: string) => readWorkbook(join(dir, name)).then((sheets) => sheets[2]!.rows[0]);
    expect(await header('again.report.xlsx')).toEqual(await header(REPORT));
  });
});

describe('the report in English and with late orders', () => {
  it('names the sheets and added columns in English, and keeps 包裹详情 so a second check finds it', async () => {
    const dir = workspace(SAMPLE);
    validate(SAMPLE, dir, '--lang', 'en');
    const workbook = await openWithExcelJs(join(dir, REPORT));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Findings', '包裹详情']);
    expect((workbook.getWorksheet('包裹详情')!.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Check result', 'Problems', 'Hints']);
  });

  it('lists the late orders, the longest overdue first', async () => {
    const dir = workspace(SAMPLE);
    const { file } = validate(SAMPLE, dir, '--now', '2027-06-01T00:00:00+08:00');
    const late = file.findings.filter((f) => f.code === 'ship-overdue');
    expect(late.length).toBeGreaterThan(3);
    const rows = sheetText((await openWithExcelJs(join(dir, REPORT))).getWorksheet('汇总')!);
    const start = rows.findIndex((r) => r[0] === '已超过发货时限的订单') + 1;
    const listed = rows.slice(start, start + Math.min(late.length, 20));
    const lateOrders = new Set(late.map((f) => f.orderId));
    for (const row of listed) expect(lateOrders).toContain(row[0]);
    expect(new Set(listed.map((r) => r[0])).size).toBe(listed.length);
    if (late.length > 20) expect(rows[start + 20]?.[0]).toContain(`另有 ${late.length - 20} 单`);
    else expect(rows[start + late.length]).toEqual([]);
    const deadlines = listed.map((r) => r[2]!);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(deadlines[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });
});

describe('--no-report-copy', () => {
  it('writes the summary and the findings without the copy of the input, and says why in the summary', async () => {
    const dir = workspace('sample-qianfan-export.xlsx');
    const run = ship(['validate', 'sample-qianfan-export.xlsx', '--no-report-copy'], { cwd: dir });
    expect(run.status).toBe(1);
    const sheets = await readWorkbook(join(dir, 'sample-qianfan-export.report.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual(['汇总', '问题']);
    expect(sheets[0]?.rows.flat().join(' ')).toContain('--no-report-copy');
  });
});

describe('a title merged across the whole row above the header', () => {
  it('stays merged in the copy, cut at XFD instead of running past it', async () => {
    const dir = workspace();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('包裹详情');
    sheet.getCell('A1').value = '小红书待发货订单';
    sheet.mergeCells('A1:XFD1');
    sheet.addRow(['订单号', '订单状态', '快递公司', '快递单号']);
    sheet.addRow(['P792840050473100001', '待配货', '中通快递', '73104682937501']);
    await workbook.xlsx.writeFile(join(dir, 'title.xlsx'));
    expect(ship(['validate', 'title.xlsx'], { cwd: dir }).status).toBe(0);
    const copy = (await unzip(join(dir, 'title.report.xlsx'))).get('xl/worksheets/sheet3.xml') ?? '';
    expect(copy).toContain('<mergeCell ref="D1:XFD1"/>');
    expect(copy).not.toMatch(/XF[E-Z]\d|XG[A-Z]\d/);
  });
});
