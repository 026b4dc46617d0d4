import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { matchHeader } from '../../src/core/columns.js';
import { importTableOf, type ImportLine } from '../../src/core/import-table.js';
import { planImportFiles, removeStaleOutputs, writeImportSheet } from '../../src/io/output/import-sheet.js';
import { readWorkbook } from '../helpers/cli.js';
import { text } from '../helpers/sheet.js';

const line = (n: number, carrierId = 'zto', carrierName = '中通速递'): ImportLine => ({ orderId: `P${String(n).padStart(18, '0')}`, carrierId, carrierName, trackingNumber: `7361055558${n}`, firstRow: n + 1 });

function entryDates(path: string): Promise<Date[]> {
  return new Promise((done, fail) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return fail(error);
      const dates: Date[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        dates.push(entry.getLastModDate({ forceDosFormat: true, timezone: 'UTC' }));
        zip.readEntry();
      });
      zip.on('end', () => done(dates));
      zip.readEntry();
    });
  });
}

describe('the import sheet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ship-import-'));

  it('uses the team template: its header cells and its carrier names', async () => {
    const path = join(dir, 'team.xlsx');
    await writeImportSheet(path, importTableOf([line(1), line(2, 'sf', '顺丰速运')]), { header: ['订单编号', '物流公司', '运单号'], carrierNames: { zto: '中通快递' } });
    const [sheet] = await readWorkbook(path);
    expect(sheet?.rows).toEqual([
      ['订单编号', '物流公司', '运单号'],
      ['P000000000000000001', '中通快递', '73610555581'],
      ['P000000000000000002', '顺丰速运', '73610555582'],
    ]);
  });

  it('is byte for byte the same when written again later: no clock in the file', async () => {
    const a = join(dir, 'a.xlsx');
    const b = join(dir, 'b.xlsx');
    await writeImportSheet(a, importTableOf([line(1)]));
    await new Promise((done) => setTimeout(done, 1100));
    await writeImportSheet(b, importTableOf([line(1)]));
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    // Every zip entry carries the fixed time 1980-01-01 (the earliest a zip can hold), not the time of writing.
    expect(new Set((await entryDates(a)).map((d) => d.toISOString()))).toEqual(new Set(['1980-01-01T00:00:00.000Z']));
  });

  it('splits into numbered parts only when the orders do not fit one file', () => {
    const lines = importTableOf([1, 2, 3, 4, 5].map((n) => line(n)));
    expect(planImportFiles('/o/x', lines, undefined).map((p) => [p.path, p.lines.length])).toEqual([['/o/x.import.xlsx', 5]]);
    expect(planImportFiles('/o/x', lines, 5).map((p) => p.path)).toEqual(['/o/x.import.xlsx']);
    expect(planImportFiles('/o/x', lines, 2).map((p) => [p.path, [...p.lines].map((l) => l.firstRow)])).toEqual([
      ['/o/x.import.part1.xlsx', [2, 3]],
      ['/o/x.import.part2.xlsx', [4, 5]],
      ['/o/x.import.part3.xlsx', [6]],
    ]);
  });

  it('removes parts and a report in the other format an earlier run left behind, never an input, never another stem', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ship-stale-'));
    for (const name of ['x.import.xlsx', 'x.import.part1.xlsx', 'x.import.part2.xlsx', 'x.import.part3.xlsx', 'x.report.xlsx', 'x.report.csv', 'x-2.import.xlsx', 'x-2.report.xlsx', 'xy.import.part1.xlsx', 'x.import.part1.xlsx.bak']) {
      writeFileSync(join(folder, name), '');
    }
    const written = ['x.import.part1.xlsx', 'x.import.part2.xlsx', 'x.report.csv'].map((name) => join(folder, name));
    await removeStaleOutputs(join(folder, 'x'), written, [join(folder, 'x.import.xlsx')]);
    expect(readdirSync(folder).sort()).toEqual(['x-2.import.xlsx', 'x-2.report.xlsx', 'x.import.part1.xlsx', 'x.import.part1.xlsx.bak', 'x.import.part2.xlsx', 'x.import.xlsx', 'x.report.csv', 'xy.import.part1.xlsx']);
    expect(existsSync(join(folder, 'x.import.part3.xlsx'))).toBe(false);
    expect(existsSync(join(folder, 'x.report.xlsx'))).toBe(false);
  });

  it("sweeps the temp files a killed run left for parts this run did not write, not another stem's", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ship-stale-'));
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const dead = child.stdout;
    const partTemp = `.x.import.part6.xlsx.tmp-${dead}-0a1b2c3d4e5f`;
    const otherTemp = `.xy.import.part6.xlsx.tmp-${dead}-0a1b2c3d4e5f`;
    for (const name of [partTemp, otherTemp, 'x.import.xlsx']) writeFileSync(join(folder, name), '');
    // Asked as if an hour had passed: a temp file's ctime cannot be set back.
    await removeStaleOutputs(join(folder, 'x'), [join(folder, 'x.import.xlsx')], [], Date.now() + 3600_000);
    expect(readdirSync(folder).sort()).toEqual([otherTemp, 'x.import.xlsx'].sort());
  });

  it('leaves a stale report it cannot remove, without failing the run', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ship-stale-'));
    mkdirSync(join(folder, 'x.report.xlsx', 'inside'), { recursive: true }); // rm without recursive fails on it, as on a file held open
    writeFileSync(join(folder, 'x.report.csv'), '');
    await expect(removeStaleOutputs(join(folder, 'x'), [join(folder, 'x.report.csv')], [])).resolves.toBeUndefined();
    expect(readdirSync(folder).sort()).toEqual(['x.report.csv', 'x.report.xlsx']);
  });
});

describe('header aliases from a config', () => {
  const header = ['单号', '配送公司', '物流单号', '运单号'].map(text);

  it('finds an ERP column by a configured name, before the built-in names', () => {
    const builtIn = matchHeader(header);
    expect(builtIn.missing).toEqual(['orderId', 'carrier']);
    expect(builtIn.columns.header.trackingNumber).toBe('运单号');
    const team = matchHeader(header, { orderId: ['单号'], carrier: ['配送公司'], trackingNumber: ['物流单号'] });
    expect(team.missing).toEqual([]);
    expect(team.columns.index).toEqual({ orderId: 0, carrier: 1, trackingNumber: 2 });
  });

  it('lets a configured name take a header text from another field', () => {
    const match = matchHeader(['订单号', '快递', '快递单号'].map(text), { status: ['快递'], carrier: ['物流'] });
    expect(match.columns.index.status).toBe(1);
    expect(match.missing).toEqual(['carrier']);
  });
});
