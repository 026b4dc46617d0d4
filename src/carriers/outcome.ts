// What the registry answers about a number. The core turns these into findings;
// the comments say how each kind is meant to be treated there.
import type { Carrier, Format, Strength } from './schema.js';

/** A carrier whose format accepts the number, and how strongly. */
export interface Detection {
  carrier: Carrier;
  format: Format;
  /** 'checksum' when the format's check digit passed; otherwise the format's specificity. */
  strength: Strength;
}

export type CheckOutcome =
  /** Fits a current format of the declared carrier. */
  | { kind: 'valid'; format: Format; byChecksum: boolean }
  /** Fits a legacy format still in circulation: accept, warn. */
  | { kind: 'legacy'; format: Format }
  /** Fits a partner carrier's format (EMS vs 邮政快递包裹): accept, warn. */
  | { kind: 'partner'; partner: Carrier; format: Format }
  /** The carrier has no known format: accept, warn. */
  | { kind: 'unverified'; reason: string }
  /** The shape fits a format but its check digit fails: reject. */
  | { kind: 'check-digit'; format: Format }
  /** A JD package barcode, not a waybill: reject, suggest the waybill. */
  | { kind: 'package-barcode'; waybill: string }
  /** Fits nothing of the declared carrier: reject; `fits` names the carriers it does fit. */
  | { kind: 'mismatch'; fits: Detection[] };
