// Reports built by hand for the renderer tests: the shapes validate produces.
import { failedFileReport } from '../../src/cli/commands/validate-file.js';
import { countFindings } from '../../src/cli/finding-list.js';
import type { FileReport, FindingJson, RunReport } from '../../src/cli/report-schema.js';

export function finding(row: number, code: string, severity: FindingJson['severity'], extra: Partial<FindingJson> = {}): FindingJson {
  return { code, severity, row, column: '快递单号', value: null, orderId: null, message: `${code} message`, hint: `${code} hint`, ...extra };
}

export function fileReport(input: string, findings: FindingJson[], extra: Partial<FileReport> = {}): FileReport {
  return {
    ...failedFileReport(input, ''),
    error: null,
    sheet: '包裹详情',
    headerRow: 1,
    outputs: { import: `/out/${input}.import.xlsx`, importParts: [`/out/${input}.import.xlsx`], report: `/out/${input}.report.xlsx` },
    findings,
    counts: countFindings(findings),
    ...extra,
  };
}

export function run(files: FileReport[], ok = false): RunReport {
  return { schemaVersion: 1, ok, files };
}
