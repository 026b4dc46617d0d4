// How many findings there are, and which ones a report lists when --max-errors
// caps the list. Counting never depends on the cap.

import type { Severity } from '../core/finding.js';
import type { FileReport, FindingCounts, FindingJson } from './report-schema.js';

export function countFindings(findings: readonly Pick<FindingJson, 'code' | 'severity'>[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0, byCode: {} };
  const byCode = new Map<string, number>();
  for (const found of findings) {
    counts[found.severity] += 1;
    byCode.set(found.code, (byCode.get(found.code) ?? 0) + 1);
  }
  // Alphabetical, not first-seen: the same findings always give the same JSON.
  for (const code of [...byCode.keys()].sort()) counts.byCode[code] = byCode.get(code) ?? 0;
  return counts;
}

/** Errors before warnings before notes. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * The first `max` findings, errors before warnings before info, each kind in row order:
 * an export with many skipped rows would otherwise list only notes and none of the
 * errors that failed the run. No copy of the whole list: a file can have millions.
 */
export function worstFirst(findings: readonly FindingJson[], max: number): FindingJson[] {
  const listed: FindingJson[] = [];
  for (const severity of SEVERITIES) {
    for (const found of findings) {
      if (listed.length === max) return listed;
      if (found.severity === severity) listed.push(found);
    }
  }
  return listed;
}

/**
 * At most `max` findings: errors first, then warnings, then notes (so a short list
 * still shows what blocks the import), listed in row order as before.
 */
export function limitFindings(report: FileReport, max: number | undefined): FileReport {
  // A report listed in part already (FileJob.listedPerSeverity) stays marked truncated.
  if (max === undefined || report.findings.length <= max) return report;
  const keep = new Set(worstFirst(report.findings, max));
  return { ...report, findings: report.findings.filter((found) => keep.has(found)), truncated: true };
}
