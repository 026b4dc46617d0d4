// A report a person edited is work: the merchant fixes the marked cells in its copy of
// the input, as the README says. Running ship on the original export again replaces the
// report (and a different --report-format removes it), so an edited one is first kept
// under another name. "Edited" is told by time: ship gives the import sheet and the report
// of one run the same modification time (atomic-batch.ts), so a report saved after its
// import sheet was saved by someone else.

import { copyFile, stat } from 'node:fs/promises';

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

/**
 * Copies every report of `stem` (xlsx or csv) that was saved after the import sheet ship
 * wrote with it to `<stem>.report.edited-<time>.<ext>`, and returns the copies' paths.
 * Nothing is copied when there is no import sheet to compare with.
 */
export async function keepEditedReports(stem: string): Promise<string[]> {
  const written = (await modified(`${stem}.import.xlsx`)) ?? (await modified(`${stem}.import.part1.xlsx`));
  if (written === undefined) return [];
  const kept: string[] = [];
  for (const extension of ['xlsx', 'csv']) {
    const report = `${stem}.report.${extension}`;
    const saved = await modified(report);
    if (saved === undefined || saved.getTime() - written.getTime() <= SAME_RUN_MS) continue;
    const copy = `${stem}.report.edited-${stampOf(saved)}.${extension}`;
    await copyFile(report, copy);
    kept.push(copy);
  }
  return kept;
}
