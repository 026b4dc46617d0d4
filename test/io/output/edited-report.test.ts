import { copyFileSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { keepEditedReports } from '../../../src/io/output/edited-report.js';
import { writeTextSheets } from '../../../src/io/output/text-sheet.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 26, 10, minutes));

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'ship-edited-'));
}

/** A report workbook as ship writes it. */
async function shipReport(path: string): Promise<void> {
  await writeTextSheets(path, [{ name: '包裹详情', header: ['校验结果', '订单号'], rows: [['未导入', 'P792840050473100001']] }], { reportStyles: true });
}

/** The same report opened and saved by another program (exceljs, as a stand-in for Excel or WPS). */
async function savedElsewhere(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  workbook.getWorksheet('包裹详情')!.getCell('B2').value = 'P792840050473100002';
  await workbook.xlsx.writeFile(path);
}

describe('keepEditedReports', () => {
  it('leaves a workbook report as ship wrote it, with or without its import sheet, however old', async () => {
    const dir = folder();
    await shipReport(join(dir, 'x.report.xlsx'));
    utimesSync(join(dir, 'x.report.xlsx'), at(30), at(30));
    expect(await keepEditedReports(join(dir, 'x'))).toEqual([]);
    writeFileSync(join(dir, 'x.import.xlsx'), '');
    utimesSync(join(dir, 'x.import.xlsx'), at(0), at(0));
    expect(await keepEditedReports(join(dir, 'x'))).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['x.import.xlsx', 'x.report.xlsx']);
  });

  it('copies a workbook report another program saved, also when the import sheet was moved away (uploaded)', async () => {
    const dir = folder();
    await shipReport(join(dir, 'x.report.xlsx'));
    await savedElsewhere(join(dir, 'x.report.xlsx'));
    const kept = await keepEditedReports(join(dir, 'x'));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/x\.report\.edited-\d{8}-\d{6}\.xlsx$/);
    expect(readFileSync(kept[0]!)).toEqual(readFileSync(join(dir, 'x.report.xlsx')));
  });

  it('copies a file under the report name that is no workbook at all (saved in another format)', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'x.report.xlsx'), '订单号,快递单号\n');
    expect(await keepEditedReports(join(dir, 'x'))).toHaveLength(1);
  });

  it('copies a CSV report saved after the import sheet it was written with, or without one to compare with, and leaves one written with it', async () => {
    const dir = folder();
    for (const [name, minutes] of [['x.import.xlsx', 0], ['x.report.csv', 12], ['y.import.part1.xlsx', 0], ['y.report.csv', 0], ['z.report.csv', 12]] as const) {
      if (name.includes('.import.')) await shipReport(join(dir, name));
      else writeFileSync(join(dir, name), name);
      utimesSync(join(dir, name), at(minutes), at(minutes));
    }
    const kept = await keepEditedReports(join(dir, 'x'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(kept[0]!, 'utf8')).toBe('x.report.csv');
    expect(await keepEditedReports(join(dir, 'y'))).toEqual([]);
    // No import sheet to tell the time of the run by, and a CSV report carries no mark of its own: kept.
    expect(await keepEditedReports(join(dir, 'z'))).toHaveLength(1);
  });

  it('copies a CSV report when its import sheet was saved by another program since: times tell nothing then', async () => {
    const dir = folder();
    await shipReport(join(dir, 'x.import.xlsx'));
    await savedElsewhere(join(dir, 'x.import.xlsx'));
    writeFileSync(join(dir, 'x.report.csv'), 'edited');
    utimesSync(join(dir, 'x.report.csv'), at(0), at(0));
    expect(await keepEditedReports(join(dir, 'x'))).toHaveLength(1);
  });

  it('never copies over an earlier copy (another run kept this edit and wrote its new report already)', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'x.report.xlsx'), 'edited by hand');
    utimesSync(join(dir, 'x.report.xlsx'), at(5), at(5));
    const [first] = await keepEditedReports(join(dir, 'x'));
    writeFileSync(join(dir, 'x.report.xlsx'), 'new report of the other run');
    utimesSync(join(dir, 'x.report.xlsx'), at(5), at(5));
    expect(await keepEditedReports(join(dir, 'x'))).toEqual([]);
    expect(readFileSync(first!, 'utf8')).toBe('edited by hand');
  });

  it('leaves a copied report alone: copying a file edits nothing', async () => {
    const dir = folder();
    await shipReport(join(dir, 'a.report.xlsx'));
    copyFileSync(join(dir, 'a.report.xlsx'), join(dir, 'b.report.xlsx'));
    expect(await keepEditedReports(join(dir, 'b'))).toEqual([]);
  });
});
