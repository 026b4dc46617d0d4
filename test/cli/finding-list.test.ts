import { describe, expect, it } from 'vitest';
import { failedFileReport } from '../../src/cli/commands/validate-file.js';
import { countFindings, limitFindings } from '../../src/cli/finding-list.js';
import type { FindingJson } from '../../src/cli/report-schema.js';

const found = (row: number, code: string, severity: FindingJson['severity']): FindingJson => ({
  code,
  severity,
  row,
  column: null,
  value: null,
  orderId: null,
  message: `${code} on ${row}`,
  hint: '',
});

const FINDINGS = [found(2, 'status-not-pending', 'info'), found(3, 'merged-shipment', 'warning'), found(4, 'tracking-format', 'error'), found(5, 'tracking-format', 'error')];

describe('finding counts and --max-errors', () => {
  it('counts per severity and per code, codes in alphabetical order', () => {
    const counts = countFindings(FINDINGS);
    expect(counts).toEqual({ error: 2, warning: 1, info: 1, byCode: { 'merged-shipment': 1, 'status-not-pending': 1, 'tracking-format': 2 } });
    expect(Object.keys(counts.byCode)).toEqual(['merged-shipment', 'status-not-pending', 'tracking-format']);
  });

  it('keeps errors before warnings before notes, listed by row, and says the list was cut', () => {
    const report = { ...failedFileReport('a.xlsx', ''), error: null, findings: FINDINGS, counts: countFindings(FINDINGS) };
    const three = limitFindings(report, 3);
    expect(three.findings.map((f) => f.row)).toEqual([3, 4, 5]);
    expect(three.truncated).toBe(true);
    expect(three.counts).toEqual(report.counts);
    expect(limitFindings(report, 0).findings).toEqual([]);
    expect(limitFindings(report, 4)).toBe(report);
    expect(limitFindings(report, undefined).truncated).toBe(false);
  });
});
