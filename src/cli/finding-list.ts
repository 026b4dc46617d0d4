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

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * At most `max` findings: errors first, then warnings, then notes (so a short list
 * still shows what blocks the import), listed in row order as before.
 */
export function limitFindings(report: FileReport, max: number | undefined): FileReport {
  // A report listed in part already (FileJob.listedPerSeverity) stays marked truncated.
  if (max === undefined || report.findings.length <= max) return report;
  const keep = new Set(
    report.findings
      .map((found, index) => ({ found, index }))
      .sort((a, b) => RANK[a.found.severity] - RANK[b.found.severity] || a.index - b.index)
      .slice(0, max)
      .map(({ index }) => index),
  );
  return { ...report, findings: report.findings.filter((_, index) => keep.has(index)), truncated: true };
}
