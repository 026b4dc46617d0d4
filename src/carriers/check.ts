// The verdict for a declared (carrier, number) pair. Order matters: a JD package
// barcode is recognized before formats (its hyphens match none), a fit with the
// declared carrier beats a partner's, and a failed check digit is only reported when
// nothing in the carrier group accepts the number.
//
// check() runs once per order of a sheet, and nearly every number fits its carrier: that
// case is answered first without building anything (ownFit), and only a number it does
// not settle goes through the full comparison (checkNumberFully), which lists matches.
import { bestAccepting, byStatus, formatVerdict, matchFormats, ownRank, type CompiledCarrier, type CompiledFormat } from './match.js';
import type { CheckOutcome, Detection } from './outcome.js';

// For a carrier without a known format: what any tracking number looks like at least.
const PLAUSIBLE = /^[0-9A-Z-]{8,30}$/;

export function checkNumber(
  declared: CompiledCarrier,
  partners: readonly CompiledCarrier[],
  normalized: string,
  detect: (normalized: string) => Detection[],
): CheckOutcome {
  // A package barcode is decided before any format: leave it to the full path.
  if (declared.barcode === undefined || !declared.barcode.test(normalized)) {
    const fit = ownFit(declared, normalized);
    if (fit !== undefined) return fit;
  }
  return checkNumberFully(declared, partners, normalized, detect);
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
  return bestByChecksum ? best.fits.validByChecksum : best.fits.valid;
}

/** Every rule in order, with the lists of matches the rarer answers need. */
export function checkNumberFully(
  declared: CompiledCarrier,
  partners: readonly CompiledCarrier[],
  normalized: string,
  detect: (normalized: string) => Detection[],
): CheckOutcome {
  const { carrier } = declared;
  const barcode = declared.barcode?.exec(normalized);
  const waybill = barcode?.groups?.['waybill'];
  if (waybill !== undefined) return { kind: 'package-barcode', waybill };

  const own = matchFormats(declared, normalized);
  const fit = bestAccepting(own, byStatus);
  if (fit) {
    return fit.format.status === 'current'
      ? { kind: 'valid', format: fit.format, byChecksum: fit.checksum === 'passed' }
      : { kind: 'legacy', format: fit.format };
  }

  const partnerMatches = partners.map((partner) => ({ partner, matches: matchFormats(partner, normalized) }));
  for (const { partner, matches } of partnerMatches) {
    const partnerFit = bestAccepting(matches, byStatus);
    if (partnerFit) return { kind: 'partner', partner: partner.carrier, format: partnerFit.format };
  }

  const failed = [...own, ...partnerMatches.flatMap((p) => p.matches)].find((m) => m.checksum === 'failed');
  if (failed) return { kind: 'check-digit', format: failed.format };

  if (carrier.noKnownFormat !== undefined && PLAUSIBLE.test(normalized)) {
    return { kind: 'unverified', reason: carrier.noKnownFormat };
  }
  return { kind: 'mismatch', fits: detect(normalized).filter((d) => d.carrier.id !== carrier.id) };
}
