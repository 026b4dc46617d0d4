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

import { constants } from 'node:fs';
import { copyFile, stat } from 'node:fs/promises';
import { savedByAnotherProgram } from './ship-written.js';
import { importSheetName } from './output-names.js';

/**
 * Slack for file systems that keep times coarsely (FAT and exFAT on USB drives: 2 s), and
 * for outputs of older ship versions, written one after the other. A save by Excel or WPS
 * is minutes away.
 */
const SAME_RUN_MS = 2_000;


async function modified(path: string): Promise<Date | undefined> {
  const stats = await stat(path).catch(() => undefined);
  return stats?.isFile() === true ? stats.mtime : undefined;
}

/** `2026-11-26 19:05:07` as `20261126-190507`, in local time (the merchant's clock). */
function stampOf(time: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}${two(time.getMonth() + 1)}${two(time.getDate())}-${two(time.getHours())}${two(time.getMinutes())}${two(time.getSeconds())}`;
}

/** Whether the report at `path` (xlsx or csv), saved at `saved`, was edited since ship wrote it. */
async function edited(path: string, extension: 'xlsx' | 'csv', stem: string, saved: Date): Promise<boolean> {
  if (extension === 'xlsx') return savedByAnotherProgram(path);
  // No import sheet to tell the run's time by (uploaded, moved away), or one someone saved
  // since: a copy too many is cheap, lost edits are not.
  for (const sheet of [importSheetName(stem), importSheetName(stem, 1)]) {
    const written = await modified(sheet);
    if (written !== undefined) return saved.getTime() - written.getTime() > SAME_RUN_MS || (await savedByAnotherProgram(sheet));
  }
  return true;
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
    if (saved === undefined || !(await edited(report, extension, stem, saved))) continue;
    const copy = `${stem}.report.edited-${stampOf(saved)}.${extension}`;
    // Never over an existing copy: another run on the same export (a nightly job and a
    // run by hand) may have kept this edit already and put its new report in place, which
    // this run would otherwise copy over the only copy of the edit.
    const made = await copyFile(report, copy, constants.COPYFILE_EXCL).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') return false;
        throw error;
      },
    );
    if (made) kept.push(copy);
  }
  return kept;
}
