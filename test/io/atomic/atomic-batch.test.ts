// Outputs written together: the import sheet and the report of one input are both
// replaced, or neither is.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicBatch } from '../../../src/io/atomic-batch.js';
import { writeFileAtomic } from '../../../src/io/atomic-write.js';
import { keepEditedReports } from '../../../src/io/output/edited-report.js';
import { writeTextSheets } from '../../../src/io/output/text-sheet.js';
import { OutputError } from '../../../src/io/errors.js';
import { writeError } from '../../../src/io/write-errors.js';
import { rejection } from '../../helpers/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ship-batch-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const writeText = (text: string) => (tmp: string) => writeFile(tmp, text);

async function stageBoth(batch: AtomicBatch, importText: string, reportText: string): Promise<void> {
  await writeFileAtomic(join(dir, 'orders.import.xlsx'), writeText(importText), { inputs: [], batch });
  await writeFileAtomic(join(dir, 'orders.report.xlsx'), writeText(reportText), { inputs: [], batch });
}

describe('AtomicBatch', () => {
  it('gives the files of one batch one modification time, so a slow report is not taken for an edited one', async () => {
    const batch = new AtomicBatch();
    // An import sheet as ship writes it: one another program saved would make the times meaningless.
    await writeFileAtomic(join(dir, 'orders.import.xlsx'), (tmp) => writeTextSheets(tmp, [{ name: '批量发货', header: ['订单号'], rows: [] }]), { inputs: [], batch });
    // A 100k-row report finishes seconds after its import sheet.
    const later = new Date(Date.now() + 8_000);
    await writeFileAtomic(join(dir, 'orders.report.csv'), async (tmp) => { await writeFile(tmp, 'report'); await utimes(tmp, later, later); }, { inputs: [], batch });
    await batch.commit();
    await batch.discard();
    const [imported, report] = await Promise.all([stat(join(dir, 'orders.import.xlsx')), stat(join(dir, 'orders.report.csv'))]);
    expect(report.mtimeMs).toBe(imported.mtimeMs);
    // A CSV report is told edited by its time (edited-report.ts).
    expect(await keepEditedReports(join(dir, 'orders'))).toEqual([]);
  });

  it('leaves the targets alone until commit, then replaces them all', async () => {
    await writeFile(join(dir, 'orders.import.xlsx'), 'old import');
    const batch = new AtomicBatch();
    await stageBoth(batch, 'new import', 'new report');
    expect(await readFile(join(dir, 'orders.import.xlsx'), 'utf8')).toBe('old import');
    expect(batch.targets).toEqual([join(dir, 'orders.import.xlsx'), join(dir, 'orders.report.xlsx')]);
    await batch.commit();
    await batch.discard();
    expect(await readFile(join(dir, 'orders.import.xlsx'), 'utf8')).toBe('new import');
    expect(await readFile(join(dir, 'orders.report.xlsx'), 'utf8')).toBe('new report');
    expect((await readdir(dir)).sort()).toEqual(['orders.import.xlsx', 'orders.report.xlsx']);
  });

  it('discard() removes staged temp files and changes nothing', async () => {
    await writeFile(join(dir, 'orders.import.xlsx'), 'old import');
    const batch = new AtomicBatch();
    await stageBoth(batch, 'new import', 'new report');
    await batch.discard();
    await batch.discard();
    expect(await readdir(dir)).toEqual(['orders.import.xlsx']);
    expect(await readFile(join(dir, 'orders.import.xlsx'), 'utf8')).toBe('old import');
  });

  it('when the second rename fails, restores the first target and says what to do', async () => {
    await writeFile(join(dir, 'orders.import.xlsx'), 'old import');
    const batch = new AtomicBatch();
    await stageBoth(batch, 'new import', 'new report');
    // Something takes the report's place between writing and renaming (on Windows: Excel opening it).
    await mkdir(join(dir, 'orders.report.xlsx'));
    await writeFile(join(dir, 'orders.report.xlsx', 'x'), 'x');
    const error = await rejection(batch.commit(), OutputError);
    await batch.discard();
    expect(error.text.zh).toContain('输出路径已被一个同名文件夹占用');
    expect(error.path).toBe(join(dir, 'orders.report.xlsx'));
    expect(await readFile(join(dir, 'orders.import.xlsx'), 'utf8')).toBe('old import');
    expect((await readdir(dir)).sort()).toEqual(['orders.import.xlsx', 'orders.report.xlsx']);
  });

  it('removes a first target that did not exist before, when a later one fails', async () => {
    const batch = new AtomicBatch();
    await stageBoth(batch, 'new import', 'new report');
    await mkdir(join(dir, 'orders.report.xlsx'));
    await writeFile(join(dir, 'orders.report.xlsx', 'x'), 'x');
    await rejection(batch.commit(), OutputError);
    await batch.discard();
    expect(await readdir(dir)).toEqual(['orders.report.xlsx']);
  });

  it('refuses to stage after commit', async () => {
    const batch = new AtomicBatch();
    await batch.commit();
    await expect(writeFileAtomic(join(dir, 'late.xlsx'), writeText('x'), { inputs: [], batch })).rejects.toThrow('stage() after commit()');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('a file held open by Excel or WPS', () => {
  it.each(['EBUSY', 'EPERM'])('%s becomes "close it in Excel/WPS" in both languages', async (code) => {
    const target = join(dir, 'orders.report.xlsx');
    const error = (await writeError(Object.assign(new Error(code), { code }), target, dir)) as OutputError;
    expect(error).toBeInstanceOf(OutputError);
    expect(error.text.zh).toBe('无法写入：文件可能正在 Excel/WPS 中打开，请关闭后重试');
    expect(error.text.en).toContain('close it and try again');
    expect(error.path).toBe(target);
  });
});
