// Finding the columns ship needs by their header text, never by position:
// the 千帆 export has had 72 and 75 columns, and ERPs rename them.

import { isNonePlaceholder } from './cell-value.js';
import { headerKey } from './header-key.js';
import { isPendingStatus } from './order-status.js';
import type { Cell, SheetRow } from './sheet.js';

export type Field =
  | 'orderId'
  | 'status'
  | 'carrier'
  | 'trackingNumber'
  | 'recipientName'
  | 'recipientPhone'
  | 'recipientAddress'
  | 'afterSales'
  | 'orderType'
  | 'orderTags'
  | 'paidAt'
  | 'promisedAt'
  | 'presaleStartAt'
  | 'presaleEndAt';

/** The fields without which no order can be checked. */
export const REQUIRED_FIELDS: readonly Field[] = ['orderId', 'carrier', 'trackingNumber'];

/**
 * Header texts per field, the canonical 千帆 header first. Matching ignores case,
 * spaces, punctuation and full-width forms, so "Tracking No." matches "tracking no".
 */
export const HEADER_ALIASES: Record<Field, readonly string[]> = {
  orderId: ['订单号', '订单编号', '主订单编号', '订单ID', '平台订单号', 'Order ID', 'Order No', 'Order Number', 'order_id'],
  status: ['订单状态', '状态', 'Order Status', 'Status'],
  carrier: ['快递公司', '物流公司', '承运商', '快递', '快递公司名称', '物流公司名称', 'Carrier', 'Courier', 'Express Company', 'Logistics Company'],
  trackingNumber: ['快递单号', '运单号', '物流单号', '运单编号', '快递运单号', 'Tracking No', 'Tracking Number', 'Waybill No', 'Waybill Number', 'tracking_number'],
  recipientName: ['收件人姓名', '收件人', '收货人', '收货人姓名', 'Recipient', 'Recipient Name', 'Consignee'],
  recipientPhone: ['收件人电话', '收件人手机号', '收货人电话', '收货人手机号', '联系电话', '手机号', 'Recipient Phone', 'Phone'],
  recipientAddress: ['收件人地址', '收货地址', '收货人地址', '详细地址', 'Recipient Address', 'Address'],
  afterSales: ['售后状态', '退款状态', 'After-sales Status', 'Refund Status'],
  orderType: ['订单类型', 'Order Type'],
  orderTags: ['订单标记', '订单标签', 'Order Tags'],
  paidAt: ['支付时间', '付款时间', '订单付款时间', '支付完成时间', 'Paid At', 'Payment Time'],
  promisedAt: ['承诺发货时间', '最晚发货时间', 'Promised Ship Time', 'Ship By'],
  presaleStartAt: ['预售订单开始发货时间', '预售开始发货时间'],
  presaleEndAt: ['预售订单截止发货时间', '预售截止发货时间'],
};

export const FIELD_HEADERS_ZH: Record<Field, string> = {
  orderId: '订单号',
  status: '订单状态',
  carrier: '快递公司',
  trackingNumber: '快递单号',
  recipientName: '收件人姓名',
  recipientPhone: '收件人电话',
  recipientAddress: '收件人地址',
  afterSales: '售后状态',
  orderType: '订单类型',
  orderTags: '订单标记',
  paidAt: '支付时间',
  promisedAt: '承诺发货时间',
  presaleStartAt: '预售订单开始发货时间',
  presaleEndAt: '预售订单截止发货时间',
};


/** More header texts per field, e.g. from a team's config: their ERP's column names. */
export type ExtraAliases = Partial<Record<Field, readonly string[]>>;

type AliasIndex = ReadonlyMap<string, { field: Field; rank: number }>;

function buildAliasIndex(extra: ExtraAliases | undefined): AliasIndex {
  const index = new Map<string, { field: Field; rank: number }>();
  for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [Field, readonly string[]][]) {
    aliases.forEach((alias, rank) => index.set(headerKey(alias), { field, rank }));
  }
  // A team's own names rank before the built-in ones, and win when a text is claimed by
  // both: they said which column their ERP means.
  for (const [field, aliases] of Object.entries(extra ?? {}) as [Field, readonly string[]][]) {
    aliases.forEach((alias, rank) => index.set(headerKey(alias), { field, rank: rank - aliases.length }));
  }
  return index;
}

const BUILT_IN_INDEX = buildAliasIndex(undefined);
const extraIndexes = new WeakMap<ExtraAliases, AliasIndex>();

function aliasIndex(extra: ExtraAliases | undefined): AliasIndex {
  if (extra === undefined) return BUILT_IN_INDEX;
  let index = extraIndexes.get(extra);
  if (index === undefined) extraIndexes.set(extra, (index = buildAliasIndex(extra)));
  return index;
}

/** Where each field sits in the sheet, and the header text the file used for it. */
export interface ColumnMap {
  index: Partial<Record<Field, number>>;
  header: Partial<Record<Field, string>>;
  /**
   * Leading columns an earlier ship report added (校验结果, 问题, 建议) when the sheet is
   * such a report being checked again: not the merchant's data. 0 or absent otherwise.
   */
  addedByReport?: number;
}

/** The columns a ship report adds in front of its copy of the input. None may be a header ship reads (see HEADER_ALIASES): no 状态. */
export const REPORT_ADDED_HEADERS = {
  zh: ['校验结果', '问题', '建议'],
  en: ['Check result', 'Problems', 'Hints'],
} as const satisfies Record<string, readonly [string, string, string]>;

/**
 * How many leading header cells are columns an earlier report added (0 for an export).
 * The merchant may have cleared one of those headers or deleted one of the columns: the
 * run counts up to the last of the first three cells that holds one of the labels, in
 * their order, with empty cells between.
 */
export function reportColumnsIn(header: readonly (string | undefined)[]): number {
  const labels: readonly (readonly string[])[] = Object.values(REPORT_ADDED_HEADERS);
  const width = labels[0]!.length;
  let next = 0; // the first label that may still come
  let end = 0;
  for (let i = 0; i < width; i++) {
    const text = header[i]?.trim() ?? '';
    if (text === '') continue;
    const at = Math.max(...labels.map((names) => names.indexOf(text, next)));
    if (at < 0) break;
    next = at + 1;
    end = i + 1;
  }
  return end;
}

/** A column whose header fits a field. */
export interface ColumnCandidate {
  column: number;
  /** The header text as the file wrote it. */
  text: string;
  /** How well the header names the field: lower is better (HEADER_ALIASES order). */
  rank: number;
}

export interface HeaderMatch {
  columns: ColumnMap;
  /**
   * Every column that fits each field, best first: the export's own 快递单号 can sit
   * beside a 运单号 pasted in from an ERP, or the same header twice.
   */
  candidates: Partial<Record<Field, ColumnCandidate[]>>;
  missing: Field[];
  /** Every non-empty header text of the row, for the "found these instead" message. */
  headers: string[];
}

function cellText(cell: Cell | undefined): string {
  return cell === undefined ? '' : cell.text.trim();
}

/**
 * Maps one row of header cells to fields. When two columns fit one field
 * (快递单号 and 运单号), the better-ranked alias wins, then the leftmost.
 */
export function matchHeader(cells: readonly (Cell | undefined)[], extra?: ExtraAliases): HeaderMatch {
  const index = aliasIndex(extra);
  const candidates: Partial<Record<Field, ColumnCandidate[]>> = {};
  const headers: string[] = [];
  cells.forEach((cell, column) => {
    const text = cellText(cell);
    if (text === '') return;
    headers.push(text);
    const hit = index.get(headerKey(text));
    if (hit === undefined) return;
    (candidates[hit.field] ??= []).push({ column, text, rank: hit.rank });
  });
  const columns: ColumnMap = { index: {}, header: {} };
  const added = reportColumnsIn(cells.map((cell) => cell?.text));
  if (added > 0) columns.addedByReport = added;
  for (const [field, fits] of Object.entries(candidates) as [Field, ColumnCandidate[]][]) {
    // Stable: among equal ranks the leftmost stays first.
    fits.sort((a, b) => a.rank - b.rank);
    columns.index[field] = fits[0]!.column;
    columns.header[field] = fits[0]!.text;
  }
  const missing = REQUIRED_FIELDS.filter((field) => columns.index[field] === undefined);
  return { columns, candidates, missing, headers };
}

/**
 * Where a field has several columns, reads the one that holds values in the first rows
 * of orders to ship: a 千帆 export with its 快递公司 and 快递单号 left empty (or "-") and the
 * filled pair pasted further right (or under an ERP's names) must be read from the filled
 * pair. Shipped rows do not count (their numbers sit in the export's own columns). The
 * number is chosen first; a carrier column as full as another is taken from the same pair
 * (the nearest to the number's column); any other tie keeps the best-named, leftmost one.
 */
export function preferFilledColumns<T extends HeaderMatch>(match: T, dataRows: readonly SheetRow[]): T {
  const columns: ColumnMap = { ...match.columns, index: { ...match.columns.index }, header: { ...match.columns.header } };
  const status = columns.index.status;
  const pending = status === undefined ? dataRows : dataRows.filter((row) => isPendingStatus(cellText(row.cells[status])));
  const fields = (Object.keys(match.candidates) as Field[]).sort((a, b) => Number(b === 'trackingNumber') - Number(a === 'trackingNumber'));
  for (const field of fields) {
    const fits = match.candidates[field]!;
    if (fits.length < 2) continue;
    const number = field === 'carrier' ? columns.index.trackingNumber : undefined;
    const distance = (candidate: ColumnCandidate) => (number === undefined ? 0 : Math.abs(candidate.column - number));
    let chosen = fits[0]!;
    let chosenFilled = filledCells(pending, chosen.column);
    for (const candidate of fits.slice(1)) {
      const filled = filledCells(pending, candidate.column);
      if (filled > chosenFilled || (filled === chosenFilled && distance(candidate) < distance(chosen))) [chosen, chosenFilled] = [candidate, filled];
    }
    columns.index[field] = chosen.column;
    columns.header[field] = chosen.text;
  }
  return { ...match, columns };
}

/** Cells with a value: not empty, not a dash standing for "none". */
function filledCells(rows: readonly SheetRow[], column: number): number {
  let filled = 0;
  for (const row of rows) {
    const text = cellText(row.cells[column]);
    if (text !== '' && !isNonePlaceholder(text)) filled += 1;
  }
  return filled;
}

/** How many rows from the top are searched for the header when it is not on row 1. */
export const HEADER_SEARCH_ROWS = 20;

export interface HeaderLocation extends HeaderMatch {
  /** The row number of the header, as Excel shows it. */
  row: number;
}

/**
 * Finds the header among the first rows: the first row with every required field,
 * else the row that matched the most fields (so the failure message can say what
 * was found). Title rows above the header are common in ERP exports.
 */
export function locateHeader(rows: readonly SheetRow[], extra?: ExtraAliases): HeaderLocation | undefined {
  let fallback: HeaderLocation | undefined;
  let fallbackScore = -1;
  for (const sheetRow of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const match = matchHeader(sheetRow.cells, extra);
    if (match.missing.length === 0) return { ...match, row: sheetRow.row };
    const score = Object.keys(match.columns.index).length;
    if (score > fallbackScore) {
      fallback = { ...match, row: sheetRow.row };
      fallbackScore = score;
    }
  }
  return fallback;
}
