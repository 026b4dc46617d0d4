import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileReport } from '../../src/cli/report-schema.js';
import { displayWidth } from '../../src/core/display-width.js';
import { openWithExcelJs, readWorkbook, ship, validateJson, workspace } from '../helpers/cli.js';
import { bookParts, zipParts } from '../io/xlsx/package.js';

const AFTER_PAYMENT = '2026-11-23T10:00:00+08:00';

const validate = (args: string[], cwd: string, env?: Record<string, string>) => validateJson(args, { cwd, ...(env === undefined ? {} : { env }) });

const codes = (file: FileReport, code: string) => file.findings.filter((f) => f.code === code);

describe('deadlines, presale and after-sales on the sample export', () => {
  const dir = workspace('sample-qianfan-export.xlsx');

  it('judges --now without an offset as China time on a machine in any time zone', () => {
    const overdueAt = (tz: string) => codes(validate(['sample-qianfan-export.xlsx', '--now', '2026-11-23T10:00'], dir, { TZ: tz }).file, 'ship-overdue').map((f) => f.row);
    const china = codes(validate(['sample-qianfan-export.xlsx', '--now', AFTER_PAYMENT], dir).file, 'ship-overdue').map((f) => f.row);
    expect(china.length).toBeGreaterThan(0);
    expect(overdueAt('UTC')).toEqual(china);
    expect(overdueAt('America/Los_Angeles')).toEqual(china);
  });

  it('warns about orders past their ship-by time, judged at --now', () => {
    const { file } = validate(['sample-qianfan-export.xlsx', '--now', AFTER_PAYMENT], dir);
    const overdue = codes(file, 'ship-overdue');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((f) => f.severity === 'warning')).toBe(true);
    expect(overdue[0]?.message).toMatch(/^已超过发货时限 [\d.]+ (小时|分钟)（2026-11-2\d \d\d:\d\d，承诺发货时间）$/);
    // Before any order was paid nothing is late.
    const early = validate(['sample-qianfan-export.xlsx', '--now', '2026-11-01T00:00:00+08:00'], dir).file;
    expect(codes(early, 'ship-overdue')).toEqual([]);
  });

  it('warns about a presale order before its shipping window and an open after-sales request, and still imports them', async () => {
    const { file } = validate(['sample-qianfan-export.xlsx', '--now', AFTER_PAYMENT], dir);
    const presale = codes(file, 'presale-not-started');
    const afterSales = codes(file, 'after-sales-pending');
    expect(presale).toHaveLength(1);
    expect(presale[0]?.message).toContain('2026-12-01 00:00');
    expect(afterSales).toHaveLength(1);
    expect(afterSales[0]?.value).toBe('售后处理中');
    const [sheet] = await readWorkbook(join(dir, 'sample-qianfan-export.import.xlsx'));
    const imported = new Set(sheet?.rows.map((r) => r[0]));
    expect(imported).toContain(afterSales[0]?.orderId);
    expect(file.tags).toEqual({ 催发货: 1, 协商发货: 1, 缺货: 1 });
  });

  it('leaves orders with an open after-sales request out with --skip-after-sales, counting them as skipped', async () => {
    const before = validate(['sample-qianfan-export.xlsx', '--now', AFTER_PAYMENT], dir).file;
    const { file } = validate(['sample-qianfan-export.xlsx', '--now', AFTER_PAYMENT, '--skip-after-sales'], dir);
    expect(file.orders.skipped).toBe(1);
    expect(file.orders.imported).toBe(before.orders.imported - 1);
    expect(file.rows.imported + file.rows.rejected + file.rows.skipped).toBe(file.rows.total);
    const skipped = codes(file, 'after-sales-skipped');
    expect(skipped).toHaveLength(1);
    const [sheet] = await readWorkbook(join(dir, 'sample-qianfan-export.import.xlsx'));
    expect(sheet?.rows.map((r) => r[0])).not.toContain(skipped[0]?.orderId);
  });
});

describe('ship-by time from the payment time', () => {
  const dir = workspace();
  writeFileSync(join(dir, 'paid.csv'), '订单号,快递公司,快递单号,支付时间\r\nP792840050473100001,顺丰速运,SF1385628716739,2026-11-20 10:00:00\r\n');

  it('uses 支付时间 + 48 hours by default, and --deadline-hours and --due-soon change it', () => {
    const now = '2026-11-21T12:00:00+08:00';
    expect(validate(['paid.csv', '--now', now], dir).file.findings).toEqual([]);
    const late = validate(['paid.csv', '--now', now, '--deadline-hours', '24'], dir);
    expect(late.status).toBe(0);
    expect(codes(late.file, 'ship-overdue')[0]?.message).toBe('已超过发货时限 2 小时（2026-11-21 10:00，按支付后 24 小时估算）');
    const soon = validate(['paid.csv', '--now', now, '--due-soon', '24'], dir).file;
    expect(codes(soon, 'ship-due-soon')[0]?.severity).toBe('info');
  });

  it('fails --strict on a late order: a warning', () => {
    expect(ship(['validate', 'paid.csv', '--now', '2026-11-30T00:00:00+08:00', '--strict'], { cwd: dir }).status).toBe(1);
  });
});

describe('ship-by times in t="d" cells (ISO 8601 text, as Excel writes in Strict Open XML and some tools always)', () => {
  const NOW = '2026-11-23T10:00:00+08:00';
  const ORDERS: [orderId: string, tracking: string, promised: [number, number, number, number, number, number]][] = [
    ['P792840050473100001', 'SF1385628716739', [2026, 11, 22, 23, 0, 0]],
    ['P792840050473100002', 'SF5115411160725', [2026, 11, 23, 0, 0, 0]],
    ['P792840050473100003', 'SF1345778775768', [2026, 11, 23, 20, 0, 0.5]],
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = ([y, mo, d, h, mi, s]: number[]) => `${y}-${pad(mo!)}-${pad(d!)}T${pad(h!)}:${pad(mi!)}:${s === 0 ? '00' : `0${s}`}`;
  // The serial Excel keeps for the same wall-clock time (days since 1899-12-30).
  const serial = ([y, mo, d, h, mi, s]: number[]) => (Date.UTC(y!, mo! - 1, d!, h!, mi!, 0, s! * 1000) - Date.UTC(1899, 11, 30)) / 86_400_000;
  const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;

  async function exportWith(dir: string, name: string, promisedCell: (ref: string, time: number[]) => string, workbookPr?: string): Promise<void> {
    const header = ['订单号', '订单状态', '快递公司', '快递单号', '承诺发货时间'].map((value, i) => text(`${'ABCDE'[i]}1`, value)).join('');
    const rows = ORDERS.map(([orderId, tracking, time], i) => {
      const r = i + 2;
      return `<row r="${r}">${text(`A${r}`, orderId)}${text(`B${r}`, '待发货')}${text(`C${r}`, '顺丰速运')}${text(`D${r}`, tracking)}${promisedCell(`E${r}`, time)}</row>`;
    });
    const styles = '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>';
    const parts = bookParts({ sheets: [{ name: '包裹详情', xml: `<row r="1">${header}</row>${rows.join('')}` }], styles, ...(workbookPr === undefined ? {} : { workbookPr }) });
    writeFileSync(join(dir, name), await zipParts(parts));
  }

  const timing = (file: FileReport) =>
    file.findings.filter((f) => f.code === 'ship-overdue' || f.code === 'ship-due-soon').map((f) => [f.row, f.code, f.message]);

  it('warns about the same late orders as the serial dates of the same export', async () => {
    const dir = workspace();
    await exportWith(dir, 'iso.xlsx', (ref, time) => `<c r="${ref}" t="d"><v>${iso(time)}</v></c>`);
    await exportWith(dir, 'serial.xlsx', (ref, time) => `<c r="${ref}" s="1"><v>${serial(time)}</v></c>`);
    const fromIso = validate(['iso.xlsx', '--now', NOW], dir);
    const fromSerial = validate(['serial.xlsx', '--now', NOW], dir).file;
    expect(fromIso.status).toBe(0);
    expect(timing(fromIso.file)).toEqual(timing(fromSerial));
    expect(timing(fromIso.file)).toEqual([
      [2, 'ship-overdue', '已超过发货时限 11 小时（2026-11-22 23:00，承诺发货时间）'],
      [3, 'ship-overdue', '已超过发货时限 10 小时（2026-11-23 00:00，承诺发货时间）'],
      [4, 'ship-due-soon', expect.stringContaining('2026-11-23 20:00')],
    ]);
  });

  it.each([
    ['1900', undefined],
    ['1904 (old Mac workbooks)', '<workbookPr date1904="1"/>'],
  ])('copies them into the report as dates, so checking the report again warns the same (%s date system)', async (_, workbookPr) => {
    const dir = workspace();
    await exportWith(dir, 'iso.xlsx', (ref, time) => `<c r="${ref}" t="d"><v>${iso(time)}</v></c>`, workbookPr);
    const first = validate(['iso.xlsx', '--now', NOW], dir).file;
    const copy = (await openWithExcelJs(join(dir, 'iso.report.xlsx'))).getWorksheet('包裹详情')!;
    // exceljs shows a date cell's wall-clock time as a UTC Date; three columns were added in front.
    expect(copy.getCell('H2').value).toEqual(new Date(Date.UTC(2026, 10, 22, 23)));
    const again = validate(['iso.report.xlsx', '--now', NOW], dir).file;
    expect(timing(first)).toHaveLength(3);
    expect(timing(again)).toEqual(timing(first));
    expect(again.rows).toEqual(first.rows);
  });

  it('keeps a t="d" value that is no ISO date as the text it is, read like any text date', async () => {
    const dir = workspace();
    await exportWith(dir, 'odd.xlsx', (ref, time) => `<c r="${ref}" t="d"><v>${iso(time).replace('T', ' ')}</v></c>`);
    const { file } = validate(['odd.xlsx', '--now', NOW], dir);
    expect(timing(file).map(([row, code]) => [row, code])).toEqual([[2, 'ship-overdue'], [3, 'ship-overdue'], [4, 'ship-due-soon']]);
    const copy = (await openWithExcelJs(join(dir, 'odd.report.xlsx'))).getWorksheet('包裹详情')!;
    expect(copy.getCell('H2').value).toBe('2026-11-22 23:00:00');
  });
});

describe('the terminal summary', () => {
  const dir = workspace('sample-qianfan-export.xlsx');

  it('shows orders by carrier, the first problems with their rows, and fits in 80 columns', () => {
    const run = ship(['validate', 'sample-qianfan-export.xlsx', '--now', AFTER_PAYMENT], { cwd: dir });
    expect(run.stdout).toMatch(/│ 快递公司\s*│ 订单 │ 无问题 │ 有问题 │/);
    expect(run.stdout).toMatch(/│ 顺丰速运\s*│\s+\d+ │/);
    expect(run.stdout).toMatch(/问题（前 20 条，共 \d+ 条，详见问题报告）：/);
    expect(run.stdout).toMatch(/第 \d+ 行\s+错误 {2}单号「SF\d+」不符合中通速递的单号格式/);
    expect(run.stdout).toContain('订单标记：催发货 1 单');
    for (const line of run.stdout.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
  });

  it('speaks English when the locale is English, unless --lang says otherwise', () => {
    const en = ship(['validate', 'sample-qianfan-export.xlsx'], { cwd: dir, env: { LANG: 'en_US.UTF-8' } });
    expect(en.stdout).toMatch(/\d+ rows: \d+ ready to import/);
    const zh = ship(['validate', 'sample-qianfan-export.xlsx', '--lang', 'zh'], { cwd: dir, env: { LANG: 'en_US.UTF-8' } });
    expect(zh.stdout).toMatch(/共 \d+ 行/);
  });
});
