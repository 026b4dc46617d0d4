// A finding is one problem (or note) about one row, created by a check and
// rendered later by whichever output the user chose. Checks decide *what* is
// wrong; src/core/messages.ts decides how to say it.

export type Severity = 'error' | 'warning' | 'info';

/**
 * Every finding code with its severity. Codes are stable: scripts filter on them
 * and the README documents them. Add, never rename.
 */
export const FINDING_SEVERITY = {
  // The row is not an order to ship: counted as skipped, listed for information.
  'status-not-pending': 'info',
  'summary-row': 'info',
  'blank-row': 'info',
  'repeated-header': 'info',
  // Missing or malformed order data.
  'missing-order-id': 'error',
  'order-id-format': 'error',
  'missing-shipping-info': 'error',
  'missing-carrier': 'error',
  'missing-tracking-number': 'error',
  // The carrier cell.
  'unknown-carrier': 'error',
  // The tracking number cell.
  'tracking-number-cell': 'warning',
  'tracking-number-damaged': 'error',
  'tracking-scientific-notation': 'error',
  'formula-like-value': 'error',
  'formula-cell': 'warning',
  'error-cell': 'error',
  'tracking-invalid-characters': 'error',
  'tracking-format': 'error',
  'tracking-check-digit': 'error',
  'tracking-package-barcode': 'error',
  'tracking-legacy-format': 'warning',
  'tracking-partner-format': 'warning',
  'tracking-unverified-format': 'warning',
  // The number passed a current rule that cannot tell a typo from a real number: one that fixes
  // only the length (中通快运's any 12 digits), or one wider than the prefixes seen on real
  // numbers (韵达's 15 digits starting 3 or 4, beyond 31/42/43/46). A code of its own, because
  // neither neighbour means this and scripts filter on them: tracking-unverified-format says the
  // carrier has no rule at all (what to add with --rules), tracking-legacy-format an older format.
  'tracking-unspecific-format': 'warning',
  // A carrier without a known format, and a number only another carrier issues (SF… under 菜鸟速递).
  'tracking-other-carrier': 'error',
  // Across rows of one order, and across orders.
  'order-multiple-tracking-numbers': 'error',
  'order-multiple-carriers': 'error',
  'order-rejected-with-sibling': 'error',
  'duplicate-tracking-number': 'error',
  'merged-shipment': 'warning',
  // How the sheet itself is laid out.
  'merged-cells': 'warning',
  'error-cell-ignored': 'warning',
  // Timing and the state of the order (importable, worth a look before shipping).
  'ship-overdue': 'warning',
  'ship-due-soon': 'info',
  'presale-not-started': 'warning',
  'after-sales-pending': 'warning',
  // With --skip-after-sales the order stays out of the import sheet: skipped, not rejected.
  'after-sales-skipped': 'info',
} as const satisfies Record<string, Severity>;

export type FindingCode = keyof typeof FINDING_SEVERITY;

export const FINDING_CODES = Object.keys(FINDING_SEVERITY) as FindingCode[];

/** The columns a finding can point at; rendered as the header the file used. */
export type FieldName = 'orderId' | 'status' | 'carrier' | 'trackingNumber' | 'recipientName' | 'recipientPhone' | 'recipientAddress' | 'afterSales';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The row number Excel shows (1-based, header included). */
  row: number;
  /** The 订单号 of the row, as normalized, when it has one. */
  orderId?: string;
  /** Which column the problem is in, when it is about one cell. */
  field?: FieldName;
  /** The raw cell text as read, for the report. */
  value?: string;
  /** What the message needs: carrier names, the first row of a duplicate, suggestions… */
  args: Record<string, string | number>;
}

export function finding(
  code: FindingCode,
  row: number,
  details: { orderId?: string; field?: FieldName; value?: string; args?: Record<string, string | number> } = {},
): Finding {
  const result: Finding = { code, severity: FINDING_SEVERITY[code], row, args: details.args ?? {} };
  if (details.orderId !== undefined) result.orderId = details.orderId;
  if (details.field !== undefined) result.field = details.field;
  if (details.value !== undefined) result.value = details.value;
  return result;
}

/**
 * Appends `source` to `target`. An indexed loop: the empty lists most rows and orders share
 * are frozen, and V8 runs for-of over a frozen array through an iterator object it
 * allocates every time (this runs several times per order).
 */
export function appendFindings(target: Finding[], source: readonly Finding[]): void {
  for (let i = 0; i < source.length; i++) target.push(source[i]!);
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings in the order a merchant reads them: by row, then errors before warnings before notes, then by code. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.row - b.row ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
