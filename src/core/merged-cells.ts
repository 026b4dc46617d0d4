// Merged cells in the data area. A merged range shows its value across several rows,
// but the file stores it in the top-left cell only: the platform's importer, like ship,
// reads the other rows as empty. A tracking number merged over two orders' rows looks
// filled in for both and is missing for the second.

import type { ColumnMap, Field } from './columns.js';
import { compareFindings, finding, type FieldName, type Finding } from './finding.js';
import type { MergedRange } from './sheet.js';
import type { ValidationResult } from './validate.js';

/** When a range covers several columns ship reads, the finding points at the one that matters most. */
const FIELD_PRIORITY: readonly (Field & FieldName)[] = [
  'trackingNumber',
  'carrier',
  'orderId',
  'status',
  'recipientName',
  'recipientPhone',
  'recipientAddress',
];

/**
 * One `merged-cells` warning per merged range that reaches below the header row and
 * covers a column ship reads. Ranges in other columns (a merged 商品名称 over the
 * rows of one order) change nothing ship reads and are not reported.
 */
export function mergedCellFindings(merges: readonly MergedRange[], columns: ColumnMap, headerRow: number): Finding[] {
  const findings: Finding[] = [];
  for (const range of merges) {
    if (range.bottom <= headerRow) continue;
    const field = FIELD_PRIORITY.find((candidate) => {
      const index = columns.index[candidate];
      return index !== undefined && index >= range.left && index <= range.right;
    });
    if (field === undefined) continue;
    const row = Math.max(range.top, headerRow + 1);
    findings.push(finding('merged-cells', row, { field, value: range.ref, args: { range: range.ref, firstRow: row, lastRow: range.bottom } }));
  }
  return findings;
}

/** The result with findings about the sheet as a whole added, in report order. Counts do not change: these are warnings. */
export function withSheetFindings(result: ValidationResult, extra: readonly Finding[]): ValidationResult {
  if (extra.length === 0) return result;
  const { records } = result;
  const placed = extra.map((found) => {
    const index = found.orderId === undefined ? records.indexOfRow(found.row) : -1;
    const orderId = found.orderId ?? (index < 0 ? undefined : records.orderIdAt(index));
    return orderId === undefined || orderId === '' ? found : { ...found, orderId };
  });
  return { ...result, findings: [...result.findings, ...placed].sort(compareFindings) };
}
