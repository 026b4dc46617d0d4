// The import-ready sheet: one row per order that passed, in the columns of the
// 千帆 批量发货 template, carrier as the display name the platform expects.

import type { ImportLine } from '../../core/validate.js';
import { writeTextSheets } from './text-sheet.js';

export const IMPORT_HEADER = ['订单号', '快递公司', '快递单号'] as const;

export async function writeImportSheet(path: string, lines: readonly ImportLine[]): Promise<void> {
  await writeTextSheets(path, [
    {
      name: '批量发货',
      header: IMPORT_HEADER,
      rows: lines.map((line) => [line.orderId, line.carrierName, line.trackingNumber]),
      widths: [24, 14, 24],
    },
  ]);
}
