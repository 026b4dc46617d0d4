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

/**
 * Another carrier's claim on a number that the declared carrier takes only loosely
 * (a legacy or loose format, or no format at all): the number fits one of its distinctive
 * formats ('fits'), or starts with the letters only that carrier prints ('prefix').
 */
export type Rival =
  | { how: 'fits'; carrier: Carrier; format: Format }
  | { how: 'prefix'; carrier: Carrier; format: Format; prefix: string };

export type CheckOutcome =
  /** Fits a current format of the declared carrier. */
  | { kind: 'valid'; format: Format; byChecksum: boolean }
  /** Fits a legacy format still in circulation: accept, warn; `rival` when another carrier has the stronger claim. */
  | { kind: 'legacy'; format: Format; rival?: Rival }
  /**
   * Fits only a loose current format (match.ts isLoose): accept, warn. `widens` is the narrower
   * format the number missed (韵达's 31/42/43/46 prefixes); `rival` as for a legacy fit.
   */
  | { kind: 'unspecific'; format: Format; widens?: Format; rival?: Rival }
  /** Fits a partner carrier's format (EMS vs 邮政快递包裹): accept, warn. */
  | { kind: 'partner'; partner: Carrier; format: Format }
  /**
   * The carrier has no known format: accept, warn. `fits` are the other carriers the number
   * fits by more than its length; `failedCheck` a partner format whose shape it has but whose
   * check digit fails (evidence, not a verdict: the carrier's own numbering is unknown).
   */
  | { kind: 'unverified'; reason: string; fits: Detection[]; failedCheck?: { carrier: Carrier; format: Format }; rival?: Rival }
  /** The carrier has no known format, and the number fits a format only another carrier issues: reject. */
  | { kind: 'other-carrier'; fit: Detection }
  /** The shape fits a format of `owner` (the declared carrier or a partner with rules of its own) but its check digit fails: reject. */
  | { kind: 'check-digit'; format: Format; owner: Carrier }
  /** A package barcode of `owner` (JD), not a waybill: reject, suggest the waybill. */
  | { kind: 'package-barcode'; waybill: string; owner: Carrier }
  /** Fits nothing of the declared carrier: reject; `fits` names the carriers it does fit. */
  | { kind: 'mismatch'; fits: Detection[] };
