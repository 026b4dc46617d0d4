// A report a person edited is work: the merchant fixes the marked cells in its copy of
// the input, as the README says. Running ship on the original export again replaces the
// report (and a different --report-format removes it), so an edited one is first kept
// under another name.
//
// An xlsx report is told edited by what is inside it: ship writes six kinds of parts,
// and Excel, WPS, LibreOffice, exceljs and openpyxl all add others when they save
// (docProps/app.xml at least). That holds when the import sheet is gone (uploaded,
// moved away) or was saved since, where comparing times could not tell. A CSV report has
// no such mark: it counts as edited when it was saved after the import sheet ship wrote
// with it (atomic-batch.ts gives the outputs of one run one modification time), or when
// there is no import sheet to compare with.

import { copyFile, stat } from 'node:fs/promises';
import yauzl from 'yauzl';

/**
 * Slack for file systems that keep times coarsely (FAT and exFAT on USB drives: 2 s), and
 * for outputs of older ship versions, written one after the other. A save by Excel or WPS
 * is minutes away.
 */
const SAME_RUN_MS = 2_000;

/** The parts ship writes into a workbook (text-sheet.ts). */
const SHIP_PARTS = /^(?:\[Content_Types\]\.xml|_rels\/\.rels|xl\/styles\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/sheet\d+\.xml)$/u;

async function modified(path: string): Promise<Date | undefined> {
  const stats = await stat(path).catch(() => undefined);
  return stats?.isFile() === true ? stats.mtime : undefined;
}

/**
 * Whether a program other than ship saved the workbook: it holds a part ship never
 * writes, or it is no zip at all (saved in another format under the same name). Only the
 * zip's directory is read.
 */
function savedByAnotherProgram(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error !== null || zip === undefined) return resolve(true);
      let foreign = false;
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!SHIP_PARTS.test(entry.fileName)) {
          foreign = true;
          zip.close();
          resolve(true);
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(foreign));
      zip.on('error', () => resolve(true));
      zip.readEntry();
    });
  });
}

/** `2026-11-26 19:05:07` as `20261126-190507`, in local time (the merchant's clock). */
function stampOf(time: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}${two(time.getMonth() + 1)}${two(time.getDate())}-${two(time.getHours())}${two(time.getMinutes())}${two(time.getSeconds())}`;
}

/** Whether the report at `path` (xlsx or csv) was edited since ship wrote it. */
async function edited(path: string, extension: 'xlsx' | 'csv', stem: string): Promise<boolean> {
  if (extension === 'xlsx') return savedByAnotherProgram(path);
  const written = (await modified(`${stem}.import.xlsx`)) ?? (await modified(`${stem}.import.part1.xlsx`));
  const saved = await modified(path);
  if (saved === undefined) return false;
  // No import sheet to tell the run's time by (uploaded, moved away): a copy too many is
  // cheap, lost edits are not.
  return written === undefined || saved.getTime() - written.getTime() > SAME_RUN_MS;
}

/**
 * Copies every report of `stem` (xlsx or csv) that someone edited since ship wrote it to
 * `<stem>.report.edited-<time>.<ext>`, and returns the copies' paths.
 */
export async function keepEditedReports(stem: string): Promise<string[]> {
  const kept: string[] = [];
  for (const extension of ['xlsx', 'csv'] as const) {
    const report = `${stem}.report.${extension}`;
    const saved = await modified(report);
    if (saved === undefined || !(await edited(report, extension, stem))) continue;
    const copy = `${stem}.report.edited-${stampOf(saved)}.${extension}`;
    await copyFile(report, copy);
    kept.push(copy);
  }
  return kept;
}
