import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepEditedReports } from '../../../src/io/output/edited-report.js';

function folder(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ship-edited-'));
  for (const [name, minutes] of Object.entries(files)) {
    writeFileSync(join(dir, name), name);
    const time = new Date(Date.UTC(2026, 10, 26, 10, minutes));
    utimesSync(join(dir, name), time, time);
  }
  return dir;
}

describe('keepEditedReports', () => {
  it('copies a report saved after the import sheet it was written with, and leaves one written with it', async () => {
    const dir = folder({ 'x.import.xlsx': 0, 'x.report.xlsx': 12, 'y.import.part1.xlsx': 0, 'y.report.csv': 0 });
    const kept = await keepEditedReports(join(dir, 'x'));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/x\.report\.edited-\d{8}-\d{6}\.xlsx$/);
    expect(readFileSync(kept[0]!, 'utf8')).toBe('x.report.xlsx');
    expect(await keepEditedReports(join(dir, 'y'))).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(5);
  });

  it('keeps nothing when there is no import sheet to tell the time of the run by', async () => {
    const dir = folder({ 'x.report.xlsx': 12 });
    expect(await keepEditedReports(join(dir, 'x'))).toEqual([]);
  });
});
