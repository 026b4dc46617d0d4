import { linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, expandPattern, segmentMatcher } from '../../src/cli/inputs.js';
import { writeTextSheets } from '../../src/io/output/text-sheet.js';

function tree(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ship-glob-'));
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return dir;
}

describe('glob patterns', () => {
  const cwd = tree(['exports/b.xlsx', 'exports/a.xlsx', 'exports/A1.csv', 'exports/.~lock.a.xlsx#', 'exports/.hidden.xlsx', 'exports/old/c.xlsx', 'exports/old/deep/d.xlsx', 'exports/sub.xlsx/e.xlsx', 'exports/.git/f.xlsx', 'exports/~$a.xlsx', 'x*y.xlsx']);

  it('matches * and ? within one folder, sorted, files only, hidden and Office owner files left out', async () => {
    expect(await expandPattern('exports/*.xlsx', cwd)).toEqual(['exports/a.xlsx', 'exports/b.xlsx']);
    expect(await expandPattern('exports/?.xlsx', cwd)).toEqual(['exports/a.xlsx', 'exports/b.xlsx']);
    expect(await expandPattern('exports/*', cwd)).toEqual(['exports/A1.csv', 'exports/a.xlsx', 'exports/b.xlsx']);
    expect(await expandPattern('exports/.*', cwd)).toEqual(['exports/.hidden.xlsx', 'exports/.~lock.a.xlsx#']);
    expect(await expandPattern('exports/~$*', cwd)).toEqual(['exports/~$a.xlsx']);
  });

  it('matches ** as any number of folders, including none, without entering hidden folders', async () => {
    expect(await expandPattern('exports/**/*.xlsx', cwd)).toEqual([
      'exports/a.xlsx',
      'exports/b.xlsx',
      'exports/old/c.xlsx',
      'exports/old/deep/d.xlsx',
      'exports/sub.xlsx/e.xlsx',
    ]);
    expect(await expandPattern('*/old/*/*.xlsx', cwd)).toEqual(['exports/old/deep/d.xlsx']);
  });

  it('matches a trailing ** as every file below, like **/*', async () => {
    expect(await expandPattern('exports/old/**', cwd)).toEqual(['exports/old/c.xlsx', 'exports/old/deep/d.xlsx']);
    expect(await expandPattern('exports/**', cwd)).toEqual(await expandPattern('exports/**/*', cwd));
  });

  it('works with absolute patterns', async () => {
    expect(await expandPattern(join(cwd, 'exports', '*.csv'), cwd)).toEqual([join(cwd, 'exports', 'A1.csv').split('\\').join('/')]);
  });

  it('turns only * and ? into wildcards', () => {
    expect(segmentMatcher('a[1].xlsx', false).test('a[1].xlsx')).toBe(true);
    expect(segmentMatcher('a+b.*', false).test('a+b.csv')).toBe(true);
    expect(segmentMatcher('*.xlsx', false).test('a.xlsx.bak')).toBe(false);
  });
});

describe('input arguments', () => {
  const cwd = tree(['exports/a.xlsx', 'exports/b.xlsx', 'x*y.xlsx']);

  it('expands in argument order, drops a file named twice, and reports a pattern that matched nothing', async () => {
    expect(await expandInputs(['exports/b.xlsx', 'exports/*.xlsx', 'none/*.csv', './exports/a.xlsx'], cwd)).toEqual([
      { kind: 'file', input: 'exports/b.xlsx' },
      { kind: 'file', input: 'exports/a.xlsx' },
      { kind: 'no-match', pattern: 'none/*.csv' },
    ]);
  });

  it('checks a file once when a symlinked folder or a hard link names it again', async () => {
    const dir = tree(['exports/a.xlsx']);
    symlinkSync('exports', join(dir, 'again'));
    linkSync(join(dir, 'exports', 'a.xlsx'), join(dir, 'exports', 'hard.xlsx'));
    expect(await expandInputs(['exports/a.xlsx', 'again/a.xlsx', 'exports/hard.xlsx'], dir)).toEqual([{ kind: 'file', input: 'exports/a.xlsx' }]);
  });

  it('keeps an existing file whose name has a *, and passes a missing plain file on to fail when read', async () => {
    expect(await expandInputs(['x*y.xlsx', 'missing.xlsx'], cwd)).toEqual([
      { kind: 'file', input: 'x*y.xlsx' },
      { kind: 'file', input: 'missing.xlsx' },
    ]);
  });
});

describe("ship's own outputs among the inputs", () => {
  // Import sheets must be ship's own to be left out: a merchant's export saved under such a name is read.
  let shipWorkbook: Buffer;
  beforeAll(async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ship-own-')), 'made.xlsx');
    await writeTextSheets(path, [{ name: '批量发货', header: ['订单号', '快递公司', '快递单号'], rows: [] }]);
    shipWorkbook = readFileSync(path);
  });
  const folder = (files: string[]): string => {
    const dir = tree(files);
    for (const file of files) if (file.includes('.import.')) writeFileSync(join(dir, file), shipWorkbook);
    return dir;
  };
  const kept = (found: Awaited<ReturnType<typeof expandInputs>>) => found.filter((arg) => arg.kind === 'file').map((arg) => arg.input);

  it('sets apart the import sheets and reports of another input, whether a pattern or the shell found them', async () => {
    const cwd = folder(['exports/a.xlsx', 'exports/a.import.xlsx', 'exports/a.import.part2.xlsx', 'exports/a.report.xlsx', 'exports/a.report.edited-20261126-190507.xlsx', 'exports/b.csv', 'exports/b.report.csv']);
    const expected = [
      { kind: 'own-output', input: 'exports/a.import.part2.xlsx', of: join(cwd, 'exports/a.xlsx') },
      { kind: 'own-output', input: 'exports/a.import.xlsx', of: join(cwd, 'exports/a.xlsx') },
      { kind: 'own-output', input: 'exports/a.report.edited-20261126-190507.xlsx', of: join(cwd, 'exports/a.xlsx') },
      { kind: 'own-output', input: 'exports/a.report.xlsx', of: join(cwd, 'exports/a.xlsx') },
      { kind: 'file', input: 'exports/a.xlsx' },
    ];
    expect(await expandInputs(['exports/*.xlsx'], cwd)).toEqual(expected);
    expect(await expandInputs(expected.map((arg) => arg.input), cwd)).toEqual(expected);
    expect(await expandInputs(['exports/b.csv', 'exports/b.report.csv'], cwd)).toEqual([
      { kind: 'file', input: 'exports/b.csv' },
      { kind: 'own-output', input: 'exports/b.report.csv', of: join(cwd, 'exports/b.csv') },
    ]);
  });

  it('leaves every output a pattern finds out, even without its export (archived); one named on its own is checked', async () => {
    const cwd = folder(['exports/c.report.xlsx', 'exports/d.import.xlsx']);
    const found = await expandInputs(['exports/*'], cwd);
    expect(kept(found)).toEqual([]);
    // A pattern that found only ship's outputs found no export: the run says so and exits 2.
    expect(found.at(-1)).toEqual({ kind: 'no-match', pattern: 'exports/*', onlyOutputs: true });
    // The fix-and-recheck loop: a report named on the command line is what the merchant asked to check.
    expect(await expandInputs(['exports/c.report.xlsx'], cwd)).toEqual([{ kind: 'file', input: 'exports/c.report.xlsx' }]);
  });

  it("leaves out the outputs of a re-checked report (a.report.import.xlsx), the next night's exports being the same", async () => {
    const cwd = folder(['a.xlsx', 'a.report.xlsx', 'a.report.import.xlsx', 'a.report.report.xlsx']);
    expect(kept(await expandInputs(['a.xlsx', 'a.report.xlsx', 'a.report.import.xlsx', 'a.report.report.xlsx'], cwd))).toEqual(['a.xlsx']);
  });

  it("reads a merchant's export saved under an import sheet's name, and leaves out ship's import sheet saved again in Excel", async () => {
    const cwd = tree(['orders.xlsx', 'orders.import.xlsx', 'b.xlsx', 'b.import.xlsx']);
    const exported = new ExcelJS.Workbook();
    exported.addWorksheet('包裹详情').addRow(['订单号', '订单状态', '快递公司', '快递单号']);
    await exported.xlsx.writeFile(join(cwd, 'orders.import.xlsx'));
    // ship's import sheet, opened and saved by another program (exceljs stands in for Excel).
    writeFileSync(join(cwd, 'b.import.xlsx'), shipWorkbook);
    const resaved = new ExcelJS.Workbook();
    await resaved.xlsx.readFile(join(cwd, 'b.import.xlsx'));
    await resaved.xlsx.writeFile(join(cwd, 'b.import.xlsx'));
    expect(kept(await expandInputs(['*.xlsx'], cwd))).toEqual(['b.xlsx', 'orders.import.xlsx', 'orders.xlsx']);
  });

  it('checks a file named on its own even when a pattern found it first', async () => {
    const cwd = folder(['exports/b.xlsx', 'exports/c.report.xlsx']);
    expect(kept(await expandInputs(['exports/*.xlsx', 'exports/c.report.xlsx'], cwd))).toEqual(['exports/b.xlsx', 'exports/c.report.xlsx']);
    expect(kept(await expandInputs(['exports/c.report.xlsx', 'exports/*.xlsx'], cwd))).toEqual(['exports/c.report.xlsx', 'exports/b.xlsx']);
  });

  it('knows the outputs of the second of two exports named alike (a.xlsx and a.csv write a.* and a-2.*)', async () => {
    const alike = folder(['a.xlsx', 'a.csv', 'a.import.xlsx', 'a-2.import.xlsx', 'a-2.report.xlsx']);
    expect(kept(await expandInputs(['a.xlsx', 'a.csv', 'a.import.xlsx', 'a-2.import.xlsx', 'a-2.report.xlsx'], alike))).toEqual(['a.xlsx', 'a.csv']);
  });

  // a-2.xlsx takes the stem a-2 first (files run in name order), so a.csv writes a.* and a.xlsx a-3.*.
  it('follows the stems the run hands out when an export is itself named like a numbered stem', async () => {
    const names = ['a-2.import.xlsx', 'a-2.xlsx', 'a-3.import.xlsx', 'a-3.report.xlsx', 'a.csv', 'a.import.xlsx', 'a.xlsx'];
    const numbered = folder(names);
    const found = await expandInputs(names, numbered);
    expect(kept(found)).toEqual(['a-2.xlsx', 'a.csv', 'a.xlsx']);
    expect(found.find((arg) => arg.input === 'a-3.report.xlsx')).toMatchObject({ kind: 'own-output', of: join(numbered, 'a.xlsx') });
  });

  it('knows the outputs a run with --out-dir wrote, named on the command line', async () => {
    const names = ['exports/a.xlsx', 'exports/b.xlsx', 'exports/checked/a.import.xlsx', 'exports/checked/a.report.xlsx', 'exports/checked/b.report.edited-20261126-190507.xlsx'];
    const nested = folder(names);
    expect(kept(await expandInputs(names, nested, 'exports/checked'))).toEqual(['exports/a.xlsx', 'exports/b.xlsx']);
    // Without --out-dir, and named one by one, they are no outputs of this run's exports.
    expect(kept(await expandInputs(names, nested))).toHaveLength(5);
  });

  it('keeps a file named like an output when it is named on its own and its export is elsewhere', async () => {
    const cwd = folder(['exports/a.xlsx', 'other/a.import.xlsx']);
    expect(kept(await expandInputs(['exports/a.xlsx', 'other/a.import.xlsx'], cwd))).toEqual(['exports/a.xlsx', 'other/a.import.xlsx']);
  });
});
