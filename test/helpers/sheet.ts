// Builds in-memory sheets for core tests: rows exactly as a reader would yield them.
import { matchHeader, type ColumnMap } from '../../src/core/columns.js';
import type { Cell, SheetRow } from '../../src/core/sheet.js';

export type CellInput = string | Cell;

export const text = (value: string): Cell => ({ text: value, type: 'string' });
export const numberCell = (literal: string): Cell => ({ text: literal, type: 'number' });

function toCell(value: CellInput): Cell | undefined {
  if (typeof value !== 'string') return value;
  return value === '' ? undefined : text(value);
}

/** A sheet with its header on row 1 and the data from row 2, as Excel numbers them. */
export function sheet(header: readonly string[], data: readonly (readonly CellInput[])[]): { columns: ColumnMap; rows: SheetRow[] } {
  const { columns } = matchHeader(header.map((h) => text(h)));
  const rows = data.map((values, i) => ({ row: i + 2, cells: values.map(toCell) }));
  return { columns, rows };
}

export const HEADER = ['订单号', '订单状态', '快递公司', '快递单号', '收件人姓名', '收件人电话', '收件人地址'];

/** A P + 18 digit order id that differs by its last digits. */
export const order = (n: number): string => `P7928400504731${String(n).padStart(5, '0')}`;

export const ALICE = ['张**', '138****1234', '上海市浦东新区***路1号'] as const;
export const BOB = ['李**', '139****5678', '北京市朝阳区***路2号'] as const;
