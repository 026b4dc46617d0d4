// The verdict for a declared (carrier, number) pair. Order matters: a JD package
// barcode is recognized before formats (its hyphens match none), a fit with the
// declared carrier beats a partner's, and a failed check digit is only reported when
// nothing in the carrier group accepts the number. A fit that says little (a legacy
// format, a loose current one) is weighed against other carriers' stronger claims.
//
// check() runs once per order of a sheet, and nearly every number fits its carrier: that
// case is answered first without building anything (ownFit), and only a number it does
// not settle goes through the full comparison (checkNumberFully), which lists matches.
import {
  bestAccepting,
  byStatus,
  formatVerdict,
  isDistinctive,
  isLoose,
  isRetired,
  packageWaybill,
  isStronger,
  matchFormats,
  ownRank,
  type CompiledCarrier,
  type CompiledFormat,
} from './match.js';
import type { CheckOutcome, Detection, Rival } from './outcome.js';
import type { Carrier, Format, Strength } from './schema.js';

// For a carrier without a known format: what any tracking number looks like at least.
const PLAUSIBLE = /^[0-9A-Z-]{8,30}$/;

/** What a check needs to know beyond the declared carrier; the registry makes one per carrier, once. */
export interface CheckContext {
  /** The declared carrier's partners (same network), in the order its rules list them. */
  partners: readonly CompiledCarrier[];
  /** Every carrier with package barcodes: a barcode is no waybill, whichever carrier is declared. */
  barcodes: readonly CompiledCarrier[];
  /** Every distinctive format whose pattern spells out its letters (SF, JD, YT…), with its carrier. */
  prefixes: readonly { carrier: Carrier; format: Format; prefix: string }[];
  detect: (normalized: string) => Detection[];
}

type Legacy = Extract<CheckOutcome, { kind: 'legacy' }>;
type Unspecific = Extract<CheckOutcome, { kind: 'unspecific' }>;

export function checkNumber(declared: CompiledCarrier, context: CheckContext, normalized: string): CheckOutcome {
  // A package barcode is decided before any format: leave it to the full path.
  if (declared.barcode === undefined || !declared.barcode.test(normalized)) {
    const fit = ownFit(declared, normalized);
    if (fit !== undefined) return weighed(fit, declared, context, normalized);
  }
  return checkNumberFully(declared, context, normalized);
}

/** A legacy or loose fit with other carriers' claims weighed in; a confident fit as it is. */
function weighed(fit: CheckOutcome, declared: CompiledCarrier, context: CheckContext, normalized: string): CheckOutcome {
  if (fit.kind === 'legacy') return withRival(fit, declared, context, normalized);
  if (fit.kind === 'unspecific') return withLooseRival(fit, declared, context, normalized);
  return fit;
}

/**
 * The answer when a format of the declared carrier accepts the number: the same format
 * bestAccepting(own, byStatus) picks (current first, then the strongest evidence, then
 * the first listed), as one of the outcomes made when the format was compiled.
 */
export function ownFit(declared: CompiledCarrier, normalized: string): CheckOutcome | undefined {
  let best: CompiledFormat | undefined;
  let bestRank = Number.POSITIVE_INFINITY;
  let bestByChecksum = false;
  for (const entry of declared.formats) {
    // A current format that fits settles most numbers: the legacy ones after it cannot win.
    if (entry.bestOwnRank >= bestRank) continue;
    const verdict = formatVerdict(entry, normalized);
    if (verdict === undefined || verdict === 'failed') continue;
    const { format } = entry;
    const rank = ownRank(format, verdict === 'passed' ? 'checksum' : format.specificity);
    if (rank < bestRank) {
      best = entry;
      bestRank = rank;
      bestByChecksum = verdict === 'passed';
    }
  }
  if (best === undefined) return undefined;
  if (best.format.status !== 'current') return best.fits.legacy;
  if (bestByChecksum) return best.fits.validByChecksum;
  return best.fits.accepted;
}

/** Every rule in order, with the lists of matches the rarer answers need. */
export function checkNumberFully(declared: CompiledCarrier, context: CheckContext, normalized: string): CheckOutcome {
  const { carrier } = declared;
  const waybill = declared.barcode?.exec(normalized)?.groups?.['waybill'];
  if (waybill !== undefined) return { kind: 'package-barcode', waybill, owner: carrier };

  const own = matchFormats(declared, normalized);
  const fit = bestAccepting(own, byStatus);
  if (fit) {
    if (fit.format.status !== 'current') return withRival({ kind: 'legacy', format: fit.format }, declared, context, normalized);
    const byChecksum = fit.checksum === 'passed';
    if (byChecksum || !isLoose(fit.format)) return { kind: 'valid', format: fit.format, byChecksum };
    return withLooseRival(declared.formats[fit.order]!.fits.unspecific, declared, context, normalized);
  }

  const partnerMatches = context.partners.map((partner) => ({ partner, matches: matchFormats(partner, normalized) }));
  for (const { partner, matches } of partnerMatches) {
    const partnerFit = bestAccepting(matches, byStatus);
    if (partnerFit) return { kind: 'partner', partner: partner.carrier, format: partnerFit.format };
  }

  const barcode = packageWaybill(context.barcodes, normalized);
  if (barcode !== undefined) return { kind: 'package-barcode', ...barcode };

  const ownFailed = own.find((m) => m.checksum === 'failed');
  if (ownFailed) return { kind: 'check-digit', format: ownFailed.format, owner: carrier };
  const partnerFailed = partnerMatches
    .flatMap(({ partner, matches }) => matches.filter((m) => m.checksum === 'failed').map((m) => ({ carrier: partner.carrier, format: m.format })))
    .at(0);

  if (carrier.noKnownFormat !== undefined) return withoutRules(declared, carrier.noKnownFormat, context, normalized, partnerFailed);
  // A partner with rules of its own shares its numbering (EMS-13 for 1x numbers of either postal brand).
  if (partnerFailed) return { kind: 'check-digit', format: partnerFailed.format, owner: partnerFailed.carrier };
  return { kind: 'mismatch', fits: context.detect(normalized).filter((d) => d.carrier.id !== carrier.id) };
}

/**
 * A carrier without a known format can only be told a number is certainly not its own:
 * a format only another carrier issues. Anything else is a warning, with what the
 * number does look like; a partner's failed check digit is evidence, not a rule.
 */
function withoutRules(
  declared: CompiledCarrier,
  reason: string,
  context: CheckContext,
  normalized: string,
  failedCheck: { carrier: Carrier; format: Format } | undefined,
): CheckOutcome {
  const others = context.detect(normalized).filter((d) => d.carrier.id !== declared.carrier.id);
  const distinctive = others.find((d) => isDistinctive(d.format));
  if (distinctive) return { kind: 'other-carrier', fit: distinctive };
  if (!PLAUSIBLE.test(normalized)) return { kind: 'mismatch', fits: others };
  // Any 12 digits fit four carriers' length-only rules: naming them would say nothing.
  const fits = others.filter((d) => d.strength !== 'length-only');
  const outcome: Extract<CheckOutcome, { kind: 'unverified' }> = { kind: 'unverified', reason, fits };
  if (failedCheck !== undefined) outcome.failedCheck = failedCheck;
  else if (fits.length === 0) {
    const rival = prefixRival(declared, context, normalized);
    if (rival !== undefined) outcome.rival = rival;
  }
  return outcome;
}

/** A legacy fit, with another carrier's stronger claim on the number when there is one. */
function withRival(fit: Legacy, declared: CompiledCarrier, context: CheckContext, normalized: string): Legacy {
  const rival = strongerClaim(fit.format, declared, context, normalized);
  return rival === undefined ? fit : { kind: 'legacy', format: fit.format, rival };
}

/**
 * A loose fit, with another carrier's stronger claim when there is one. A widening rule
 * gives way to it: the number is none of the prefixes seen on real numbers, and another
 * carrier's confident format takes it, so it is a mismatch that names that carrier. A
 * length-only rule is the carrier's whole published format and keeps the number with the
 * claim said: a chance pass of 顺丰's SF-12 check digit (1 number in 10) must not refuse a
 * real 中通快运 number.
 */
function withLooseRival(fit: Unspecific, declared: CompiledCarrier, context: CheckContext, normalized: string): CheckOutcome {
  const rival = strongerClaim(fit.format, declared, context, normalized);
  if (rival === undefined) return fit;
  if (fit.widens !== undefined && rival.how === 'fits') {
    return { kind: 'mismatch', fits: context.detect(normalized).filter((d) => d.carrier.id !== declared.carrier.id) };
  }
  return { ...fit, rival };
}

/** Another carrier's claim on a number that `format` of the declared carrier takes without a passed check digit. */
function strongerClaim(format: Format, declared: CompiledCarrier, context: CheckContext, normalized: string): Rival | undefined {
  // A fit of a format with a check digit was reached only when the digit passed.
  const strength: Strength = format.checksum === undefined ? format.specificity : 'checksum';
  // Nothing beats a passed check digit: then no other carrier's fit needs detecting.
  return (strength === 'checksum' ? undefined : fittingRival(declared, context, normalized, strength)) ?? prefixRival(declared, context, normalized);
}


/** Whether `other` is neither the declared carrier nor one of its partners (another network). */
export function isOtherNetwork(declared: Carrier, other: Carrier): boolean {
  return other.id !== declared.id && !declared.partners.includes(other.id);
}

/** A carrier a merchant could be told to switch to: another network, and not retired. */
function isRival(declared: CompiledCarrier, carrier: Carrier): boolean {
  return isOtherNetwork(declared.carrier, carrier) && !isRetired(carrier);
}

/**
 * A carrier whose format takes the number on stronger evidence than the declared fit:
 * a distinctive format, or a domestic check digit that passes (EMS-13, SF-12). An
 * international check digit is left out: DHL's mod 7 passes one 10-digit number in 7.
 */
function fittingRival(declared: CompiledCarrier, context: CheckContext, normalized: string, beats: Strength): Rival | undefined {
  for (const detection of context.detect(normalized)) {
    const { carrier, format, strength } = detection;
    if (!isRival(declared, carrier) || !isStronger(strength, beats)) continue;
    if (isDistinctive(format) || (strength === 'checksum' && carrier.scope === 'domestic')) return { how: 'fits', carrier, format };
  }
  return undefined;
}

/** A carrier whose distinctive letters the number starts with, though its length is not that carrier's (SF1234567890). */
function prefixRival(declared: CompiledCarrier, context: CheckContext, normalized: string): Rival | undefined {
  for (const { carrier, format, prefix } of context.prefixes) {
    if (normalized.startsWith(prefix) && isRival(declared, carrier)) return { how: 'prefix', carrier, format, prefix };
  }
  return undefined;
}
