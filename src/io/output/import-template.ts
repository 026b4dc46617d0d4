// The columns and carrier names of the import sheet: what `ship.config.json` can change.
// Kept apart from the writer so that reading the config loads no zip or zlib code.

export const IMPORT_HEADER = ['订单号', '快递公司', '快递单号'] as const;

/** The sheet name of the import file (and of `ship template`). */
export const IMPORT_SHEET_NAME = '批量发货';

export interface ImportTemplate {
  /** The three header cells: order id, carrier, tracking number. */
  header: readonly [string, string, string];
  /** Carrier id → the name to write instead of the carrier's display name. */
  carrierNames: Readonly<Record<string, string>>;
}

export const DEFAULT_TEMPLATE: ImportTemplate = { header: IMPORT_HEADER, carrierNames: {} };
