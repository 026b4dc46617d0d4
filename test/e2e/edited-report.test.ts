// The fix-and-recheck loop as merchants run it: they fix cells in the report, and
// sometimes run ship on the original export again. Their fixes must never be lost.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWithExcelJs, ship, workspace } from '../helpers/cli.js';

/** Fixes one cell of the report's copy sheet and saves it, as Excel would (exceljs stands in). */
async function fixInReport(path: string): Promise<void> {
  const workbook = await openWithExcelJs(path);
  workbook.getWorksheet('包裹详情')!.getCell('A1').note = 'fixed by hand';
  await workbook.xlsx.writeFile(path);
}

describe('a report the merchant edited', () => {
  it('is kept when the export is checked again, also after the import sheet was uploaded and moved away', async () => {
    const dir = workspace('sample-qianfan-export.xlsx');
    expect(ship(['validate', 'sample-qianfan-export.xlsx'], { cwd: dir }).status).toBe(1);
    mkdirSync(join(dir, 'uploaded'));
    renameSync(join(dir, 'sample-qianfan-export.import.xlsx'), join(dir, 'uploaded', 'sample-qianfan-export.import.xlsx'));
    const report = join(dir, 'sample-qianfan-export.report.xlsx');
    await fixInReport(report);
    const fixed = readFileSync(report);
    const again = ship(['validate', 'sample-qianfan-export.xlsx'], { cwd: dir });
    expect(again.status).toBe(1);
    const kept = readdirSync(dir).filter((name) => name.startsWith('sample-qianfan-export.report.edited-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!))).toEqual(fixed);
    expect(again.stderr).toContain(kept[0]);
  });

  it('is told apart from the reports ship wrote: re-runs of an unedited export keep no copies', () => {
    const dir = workspace('sample-qianfan-export.xlsx');
    for (let run = 0; run < 3; run++) expect(ship(['validate', 'sample-qianfan-export.xlsx'], { cwd: dir }).stderr).toBe('');
    expect(readdirSync(dir).filter((name) => name.includes('.edited-'))).toEqual([]);
    expect(existsSync(join(dir, 'sample-qianfan-export.report.xlsx'))).toBe(true);
  });
});

describe('a report open in LibreOffice, Excel or WPS', () => {
  // Only Windows locks an open file; elsewhere the report was replaced under the program,
  // and its next save failed or wrote the old rows back over the new run.
  it.each(['.~lock.all-importable.report.xlsx#', '~$all-importable.report.xlsx'])('is not replaced while its lock file %s is beside it', (lock) => {
    const dir = workspace('all-importable.xlsx');
    expect(ship(['validate', 'all-importable.xlsx'], { cwd: dir }).status).toBe(0);
    const report = join(dir, 'all-importable.report.xlsx');
    const importSheet = join(dir, 'all-importable.import.xlsx');
    const before = [readFileSync(report), readFileSync(importSheet)];
    writeFileSync(join(dir, lock), 'owner');
    const blocked = ship(['validate', 'all-importable.xlsx', '--now', '2026-11-23T12:00:00+08:00'], { cwd: dir });
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toContain(`文件正在 LibreOffice、Excel 或 WPS 中打开（旁边有它们的锁文件 ${lock}）`);
    // Where to find it: beside the output, hidden.
    expect(blocked.stderr).toContain(`删除这个隐藏文件后重试：${join(dir, lock)}`);
    // The import sheet and the report are replaced together or not at all.
    expect([readFileSync(report), readFileSync(importSheet)]).toEqual(before);
    rmSync(join(dir, lock));
    expect(ship(['validate', 'all-importable.xlsx'], { cwd: dir }).status).toBe(0);
  });
});

describe("a merchant's export saved under an import sheet's name", () => {
  it('is never written over: the export it would be the import sheet of is refused, the file stays byte for byte', () => {
    const dir = workspace('sample-qianfan-export.xlsx');
    mkdirSync(join(dir, 'exports'));
    renameSync(join(dir, 'sample-qianfan-export.xlsx'), join(dir, 'exports', 'orders.xlsx'));
    // The same 千帆 export, saved a second time under the name ship gives its import sheet.
    copyFileSync(join(dir, 'exports', 'orders.xlsx'), join(dir, 'exports', 'orders.import.xlsx'));
    const before = readFileSync(join(dir, 'exports', 'orders.import.xlsx'));
    const run = ship(['validate', 'exports/*.xlsx'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('exports/orders.xlsx: 不会覆盖输入文件');
    expect(readFileSync(join(dir, 'exports', 'orders.import.xlsx'))).toEqual(before);
  });
});
